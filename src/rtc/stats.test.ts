import { describe, expect, it } from 'vitest';
import { selectedPair } from './stats';

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
