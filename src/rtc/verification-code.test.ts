import { describe, expect, it } from 'vitest';
import { fingerprints, verificationCode } from './verification-code';

const a = 'v=0\r\na=fingerprint:sha-256 AA:BB:CC\r\na=setup:actpass\r\n';
const b = 'v=0\r\na=fingerprint:sha-256 11:22:33\r\n';
const m = 'v=0\r\na=fingerprint:sha-256 11:22:34\r\n';

describe('verificationCode', () => {
  it('reads fingerprints from SDP', () => {
    expect(fingerprints(a)).toEqual(['sha-256 AA:BB:CC']);
    expect(fingerprints('a=fingerprint:SHA-256 aa:bb')).toEqual(['sha-256 AA:BB']);
  });
  it('is the same on both sides', async () => {
    const code = await verificationCode(a, b);
    expect(code).toMatch(/^\d{3} \d{3}$/);
    expect(await verificationCode(b, a)).toBe(code);
  });
  it('differs when a fingerprint was swapped', async () => {
    expect(await verificationCode(a, m)).not.toBe(await verificationCode(a, b));
  });
  it('refuses SDP without fingerprints', async () => {
    await expect(verificationCode('v=0', b)).rejects.toThrow(/no DTLS fingerprints/);
  });
});
