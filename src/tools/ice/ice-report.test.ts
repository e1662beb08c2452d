import { readFileSync } from 'node:fs';
import Ajv2020 from 'ajv/dist/2020.js';
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
    relayChecks: [
      {
        server: 'turn:t',
        url: 'turn:t',
        transport: 'UDP',
        proof: { ok: true, rttMs: 1.23456, MBps: 9.87654, seconds: 0.4321 },
      },
      {
        server: 'turn:t',
        url: 'turn:t?transport=tcp',
        transport: 'TCP',
        proof: { ok: false, reason: 'no data crossed it within 10 s', seconds: 10.0004 },
      },
      { server: 'turn:u', url: 'turn:u', transport: 'UDP', proof: null },
    ],
  });
  it('gives each relay check that ended, with its figures or its reason', () => {
    expect(report.schema).toBe('dckit-ice-report');
    expect(report.version).toBe(1);
    expect(report.relayChecks).toEqual([
      {
        server: 'turn:t',
        url: 'turn:t',
        transport: 'UDP',
        ok: true,
        rttMs: 1.235,
        MBps: 9.877,
        seconds: 0.432,
      },
      {
        server: 'turn:t',
        url: 'turn:t?transport=tcp',
        transport: 'TCP',
        ok: false,
        reason: 'no data crossed it within 10 s',
        seconds: 10,
      },
    ]);
  });
  it('formats candidates as the table shows them, with the family of an IP address', () => {
    expect(report.candidates[1]).toMatchObject({ address: '127.0.0.1', family: 'IPv4' });
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
  it('validates against its published JSON Schema, which refuses a relay check without its figures', () => {
    const schema: object = JSON.parse(
      readFileSync(new URL('../../../docs/ice-report.schema.json', import.meta.url), 'utf8'),
    );
    const validate = new Ajv2020({ allErrors: true }).compile(schema);
    const full = {
      ...report,
      errors: [{ url: 'turn:u', code: 701, text: 'unreachable', t: 1.5, server: 'turn:u' }],
      nat: { mapping: 'independent', words: 'Cone.' },
      verdicts: report.verdicts.map((v) => ({ ...v, families: ['IPv4', 'IPv6'] })),
    };
    expect(validate(full), JSON.stringify(validate.errors)).toBe(true);
    const [works] = report.relayChecks;
    const figureless = { ...works, rttMs: undefined, MBps: undefined };
    expect(validate({ ...report, relayChecks: [JSON.parse(JSON.stringify(figureless))] })).toBe(
      false,
    );
    expect(validate({ ...report, version: 2 })).toBe(false);
    expect(validate({ ...report, candidates: [{ ...report.candidates[0], family: 'IPv5' }] })).toBe(
      false,
    );
  });
});
