import { describe, expect, it } from 'vitest';
import { parseCandidate } from './candidate';
import { matchServer, verdicts, type GatheredCandidate } from './verdict';

const row = (line: string, server?: string, relayProtocol?: string): GatheredCandidate => ({
  t: 0.1,
  candidate: parseCandidate(line)!,
  ...(server ? { server } : {}),
  ...(relayProtocol ? { relayProtocol } : {}),
});

const stun = 'stun:127.0.0.1:3478';
const turn = 'turn:127.0.0.1:3478';
const turnTcp = 'turn:127.0.0.1:3478?transport=tcp';

describe('matchServer', () => {
  it('matches the browser’s spelled-out URL to the entry', () => {
    expect(matchServer('turn:127.0.0.1:3478?transport=udp', [stun, turn, turnTcp])).toBe(turn);
    expect(matchServer('turn:127.0.0.1:3478?transport=tcp', [stun, turn, turnTcp])).toBe(turnTcp);
    expect(matchServer('stun:127.0.0.1:3478', [stun, turn])).toBe(stun);
    expect(matchServer(undefined, [stun])).toBeUndefined();
  });
});

describe('verdicts', () => {
  it('STUN works with an srflx from it; TURN works with a relay from it', () => {
    const v = verdicts(
      [stun, turnTcp],
      [
        row('candidate:1 1 udp 1677729535 127.0.0.1 5000 typ srflx raddr 0.0.0.0 rport 0', stun),
        row(
          'candidate:2 1 udp 41885439 127.0.0.1 6000 typ relay raddr 127.0.0.1 rport 5000',
          turnTcp,
          'tcp',
        ),
      ],
      [],
    );
    expect(v[0]).toMatchObject({
      level: 'ok',
      words: expect.stringMatching(/^STUN works: .*127\.0\.0\.1:5000/),
    });
    expect(v[1]).toMatchObject({
      level: 'ok',
      words: expect.stringMatching(/^TURN works: .* over TCP/),
    });
  });

  it('a TURN server works only when data crossed its relay, where that was tried', () => {
    const relay = row(
      'candidate:2 1 udp 41885439 127.0.0.1 6000 typ relay raddr 127.0.0.1 rport 5000',
      turn,
      'udp',
    );
    const crossed = verdicts(
      [turn],
      [relay],
      [],
      new Map([[turn, { ok: true, rttMs: 1.25, MBps: 31.4, seconds: 0.5 }]]),
    );
    expect(crossed[0]).toEqual({
      server: turn,
      level: 'ok',
      families: ['IPv4'],
      relay: { rttMs: 1.25, MBps: 31.4 },
      words:
        'TURN works: relay candidate 127.0.0.1:6000 over UDP; data crossed it (round trip 1.3 ms, 31.4 MB/s).',
    });
    const blocked = verdicts(
      [turn],
      [relay],
      [],
      new Map([[turn, { ok: false, reason: 'no data crossed it within 10 s', seconds: 10 }]]),
    );
    expect(blocked[0]).toEqual({
      server: turn,
      level: 'bad',
      words: 'TURN fails: relay candidate 127.0.0.1:6000, but no data crossed it within 10 s.',
    });
  });

  it('names the IP families a server worked over; a dual-stack STUN server is told over both', () => {
    // A server named by a host name with both families may be asked over each by a dual-stack
    // machine. What was seen in a two-namespace lab: a STUN server at an IPv6 address gives an
    // IPv6 srflx, and Chromium reaching a TURN server over IPv6 still asks for an IPv4 relay.
    const dual = 'stun:stun.example.org:3478';
    const v = verdicts(
      [dual, stun, turn],
      [
        row('candidate:1 1 udp 1677729535 192.0.2.7 5000 typ srflx raddr 0.0.0.0 rport 0', dual),
        row('candidate:2 1 udp 1677734655 fd10::2 5002 typ srflx raddr :: rport 0', dual),
        row('candidate:3 1 udp 1677734655 fd10::2 5004 typ srflx raddr :: rport 0', stun),
        row('candidate:4 1 udp 50339839 10.9.0.1 6000 typ relay raddr fd10::2 rport 5006', turn),
      ],
      [],
    );
    expect(v[0]).toMatchObject({
      level: 'ok',
      families: ['IPv4', 'IPv6'],
      words:
        'STUN works over IPv4 and IPv6: server-reflexive addresses 192.0.2.7:5000 and [fd10::2]:5002.',
    });
    expect(v[1]).toMatchObject({
      families: ['IPv6'],
      words: 'STUN works: server-reflexive address [fd10::2]:5004.',
    });
    expect(v[2]).toMatchObject({ level: 'ok', families: ['IPv4'] });
  });

  it('an srflx from another server does not count', () => {
    const v = verdicts(
      [stun, 'stun:10.0.0.1'],
      [row('candidate:1 1 udp 1677729535 1.2.3.4 5000 typ srflx', stun)],
      [],
    );
    expect(v[1]).toMatchObject({
      level: 'bad',
      words: expect.stringMatching(/^No srflx candidate/),
    });
  });

  it('401 means authentication failed; silence means unreachable', () => {
    const v = verdicts(
      [turn, 'turn:127.0.0.1:9'],
      [],
      [
        { url: 'turn:127.0.0.1:3478?transport=udp', code: 401, text: 'Unauthorized', server: turn },
        {
          t: 0.04,
          url: 'turn:127.0.0.1:9?transport=udp',
          code: 701,
          text: 'TURN allocate request timed out.',
          server: 'turn:127.0.0.1:9',
        },
      ],
    );
    expect(v[0].words).toMatch(/authentication failed \(401\)/);
    expect(v[1].words).toBe(
      'TURN unreachable: error 701 after 0.0 s (TURN allocate request timed out). Check the ' +
        'address, the port and the transport.',
    );
  });

  it('over TLS, an unreachable server is told what TLS needs besides the address', () => {
    const named = 'turns:turn.example.org:5349?transport=tcp';
    const bare = 'turns:127.0.0.1:5349?transport=tcp';
    const v = verdicts(
      [named, bare],
      [],
      [{ t: 0.1, url: named, code: 701, text: 'Failed to establish connection', server: named }],
    );
    expect(v[0].words).toBe(
      'TURN unreachable: error 701 after 0.1 s (Failed to establish connection). Check the ' +
        "address, the port and the transport. Over TLS, the server's certificate must also be " +
        'valid for that name and trusted by this browser.',
    );
    expect(v[1].words).toBe(
      'TURN unreachable: no answer and no error from it while gathering. Over TLS, name the ' +
        'server by its host name: some browsers (Firefox) refuse TLS to a bare IP address.',
    );
  });

  it('silence is said as silence, not as an error', () => {
    const v = verdicts(['turn:127.0.0.1:9'], [], []);
    expect(v[0].words).toBe('TURN unreachable: no answer and no error from it while gathering.');
  });

  it('a server the browser refused is said so, STUN or TURN', () => {
    const why =
      "PeerConnectionImpl.setConfiguration: 'turn:127.0.0.1:9' uses a port that is blocked";
    const v = verdicts(
      ['stun:127.0.0.1:9', 'turn:127.0.0.1:9'],
      [],
      ['stun:127.0.0.1:9', 'turn:127.0.0.1:9'].map((server) => ({
        url: server,
        code: 0,
        text: why,
        server,
      })),
    );
    expect(v.map((x) => x.words)).toEqual(Array(2).fill(`The browser refused it: ${why}`));
    expect(v.every((x) => x.level === 'bad')).toBe(true);
  });

  it('other TURN errors are named', () => {
    const v = verdicts(
      [turn],
      [],
      [{ url: turn, code: 486, text: 'Allocation Quota Reached', server: turn }],
    );
    expect(v[0].words).toBe('TURN failed: error 486 Allocation Quota Reached.');
  });
});
