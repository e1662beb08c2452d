import { describe, expect, it } from 'vitest';
import { describePath, selectedPair } from './stats';

function report(entries: Record<string, unknown>[]) {
  return new Map(entries.map((e) => [e.id as string, e]));
}

const local = {
  id: 'L1',
  type: 'local-candidate',
  candidateType: 'host',
  address: 'a.local',
  port: 5000,
  protocol: 'udp',
};
const remote = {
  id: 'R1',
  type: 'remote-candidate',
  candidateType: 'relay',
  address: '127.0.0.1',
  port: 6000,
  protocol: 'udp',
  relayProtocol: 'tcp',
};

describe('selectedPair', () => {
  it('follows the transport’s selectedCandidatePairId, not the nominated flag', () => {
    const r = report([
      { id: 'T', type: 'transport', selectedCandidatePairId: 'P2' },
      {
        id: 'P1',
        type: 'candidate-pair',
        nominated: true,
        localCandidateId: 'L0',
        remoteCandidateId: 'R0',
        bytesSent: 1,
      },
      {
        id: 'P2',
        type: 'candidate-pair',
        nominated: true,
        localCandidateId: 'L1',
        remoteCandidateId: 'R1',
        bytesSent: 10,
        bytesReceived: 20,
        currentRoundTripTime: 0.002,
      },
      local,
      remote,
    ]);
    expect(selectedPair(r)).toEqual({
      local: { type: 'host', address: 'a.local', port: 5000, protocol: 'udp' },
      remote: {
        type: 'relay',
        address: '127.0.0.1',
        port: 6000,
        protocol: 'udp',
        relayProtocol: 'tcp',
      },
      rtt: 0.002,
      bytesSent: 10,
      bytesReceived: 20,
    });
  });

  it('is null before a pair is selected', () => {
    expect(selectedPair(report([{ id: 'T', type: 'transport' }, local]))).toBeNull();
  });
});

describe('describePath', () => {
  const c = (type: string, extra: object = {}) => ({
    type,
    address: '203.0.113.1',
    port: 5000,
    protocol: 'udp',
    ...extra,
  });

  it('says direct, with the local candidate type, when neither side relays', () => {
    expect(describePath({ local: c('srflx'), remote: c('srflx') })).toBe('direct (srflx)');
    expect(describePath({ local: c('host'), remote: c('prflx') })).toBe('direct (host)');
  });

  it('names our TURN server and its transport when we relay', () => {
    const local = c('relay', { url: 'turn:203.0.113.10:3478?transport=tcp', relayProtocol: 'tcp' });
    expect(describePath({ local, remote: c('srflx') })).toBe(
      'relayed through turn:203.0.113.10:3478?transport=tcp over TCP',
    );
  });

  it('says so when the browser does not name the server, or the peer relays', () => {
    expect(describePath({ local: c('relay'), remote: c('host') })).toBe(
      'relayed through your TURN server',
    );
    expect(describePath({ local: c('srflx'), remote: c('relay') })).toBe(
      "relayed through the peer's TURN server",
    );
  });
});
