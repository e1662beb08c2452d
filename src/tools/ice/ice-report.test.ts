import { describe, expect, it } from 'vitest';
import { parseCandidate } from './candidate';
import { buildReport, summaryLine } from './ice-report';

describe('ICE report', () => {
  const report = buildReport({
    userAgent: 'UA',
    options: { policy: 'all', poolSize: 0, timeoutSeconds: 10, eachAlone: false },
    servers: ['stun:127.0.0.1:3478'],
    rows: [
      {
        t: 0.0123,
        candidate: parseCandidate('candidate:1 1 udp 2122260223 a.local 5000 typ host')!,
      },
      {
        t: 0.1,
        candidate: parseCandidate('candidate:2 1 udp 1686052607 127.0.0.1 5000 typ srflx')!,
        url: 'stun:127.0.0.1:3478',
        server: 'stun:127.0.0.1:3478',
      },
    ],
    errors: [],
    done: { seconds: 0.2, timedOut: false },
    verdicts: [
      {
        server: 'stun:127.0.0.1:3478',
        level: 'ok',
        words: 'STUN works: server-reflexive address 127.0.0.1:5000.',
      },
    ],
  });
  it('formats candidates as the table shows them', () => {
    expect(report.candidates[0]).toEqual({
      t: 0.012,
      component: 'rtp',
      type: 'host',
      foundation: '1',
      protocol: 'udp',
      address: 'a.local',
      port: 5000,
      priority: '126 | 32542 | 255',
    });
  });
  it('sums it up in one line', () => {
    expect(summaryLine(report)).toBe(
      'ICE gathering (all, pool 0): host 1, srflx 1, prflx 0, relay 0; done in 0.200 s. stun:127.0.0.1:3478 OK (STUN works: server-reflexive address 127.0.0.1:5000)',
    );
  });
});
