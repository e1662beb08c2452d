import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import {
  OpensslDecryptor,
  OpensslEncryptor,
  WrongPassphraseError,
  deriveKeyIv,
} from './openssl-cbc';

const hex = (b: Uint8Array) => Buffer.from(b).toString('hex').toUpperCase();
const salt = Uint8Array.from([1, 2, 3, 4, 5, 6, 7, 8]);
const random = (n: number) => Uint8Array.from({ length: n }, () => Math.floor(Math.random() * 256));

async function encryptAll(pass: string, data: Uint8Array, pieces: number[], s = salt) {
  const enc = await OpensslEncryptor.create(pass, s);
  const parts = [enc.header];
  let o = 0;
  for (const n of pieces) {
    parts.push(await enc.update(data.subarray(o, o + n)));
    o += n;
  }
  parts.push(await enc.update(data.subarray(o)));
  parts.push(await enc.final());
  return Buffer.concat(parts);
}

async function decryptAll(pass: string, data: Uint8Array, pieces: number[]) {
  const dec = new OpensslDecryptor(pass);
  const parts: Uint8Array[] = [];
  let o = 0;
  for (const n of pieces) {
    parts.push(await dec.update(data.subarray(o, o + n)));
    o += n;
  }
  parts.push(await dec.update(data.subarray(o)));
  parts.push(await dec.final());
  return Buffer.concat(parts);
}

describe('openssl aes-256-cbc -pbkdf2', () => {
  it('derives key and IV as openssl does (openssl enc -pbkdf2 -k "correct horse" -S 0102030405060708 -P)', async () => {
    const { raw } = await deriveKeyIv('correct horse', salt);
    expect(hex(raw.slice(0, 32))).toBe(
      'EDEB1973D06DB0AC9D005E6CBA1015ADFD43D7C4CC3D5168D60DBBFBC0AA8B40',
    );
    expect(hex(raw.slice(32))).toBe('1BD457757B24514A847E243514EDC535');
  });

  it('encrypts exactly as openssl does for the same salt', async () => {
    const out = await encryptAll('correct horse', new TextEncoder().encode('hello openssl\n'), []);
    expect(out.subarray(16).toString('base64')).toBe('9jRKHWdOlEcbIoa8k5RQtw==');
    expect(out.subarray(0, 8).toString()).toBe('Salted__');
  });

  // Three passes over 100 kB, block by block: about 2 s on an idle machine, so the limit is
  // generous for a busy one (it measures correctness, not speed).
  it(
    'chunked encryption matches one-shot, whatever the chunk boundaries',
    {
      timeout: 30_000,
    },
    async () => {
      const data = random(100_003);
      const whole = await encryptAll('pw', data, []);
      expect(await encryptAll('pw', data, [1, 15, 16, 17, 4096, 50_000])).toEqual(whole);
      expect(await decryptAll('pw', whole, [3, 13, 16, 33, 9999])).toEqual(Buffer.from(data));
    },
  );

  it('interoperates with the openssl binary both ways', async () => {
    const data = Buffer.from(random(70_000));
    const ours = await encryptAll(
      's3cret',
      data,
      [65536],
      crypto.getRandomValues(new Uint8Array(8)),
    );
    const opened = execFileSync(
      'openssl',
      ['enc', '-d', '-aes-256-cbc', '-pbkdf2', '-k', 's3cret'],
      { input: ours },
    );
    expect(opened.equals(data)).toBe(true);
    const theirs = execFileSync('openssl', ['enc', '-aes-256-cbc', '-pbkdf2', '-k', 's3cret'], {
      input: data,
    });
    expect((await decryptAll('s3cret', theirs, [20, 40_000])).equals(data)).toBe(true);
  });

  it('a wrong passphrase fails at the end as bad padding', async () => {
    const enc = await encryptAll('right', new TextEncoder().encode('x'.repeat(1000)), []);
    await expect(decryptAll('wrong', enc, [500])).rejects.toBeInstanceOf(WrongPassphraseError);
  });

  it('refuses data that is not openssl output', async () => {
    await expect(new OpensslDecryptor('p').update(new Uint8Array(32))).rejects.toThrow(/Salted__/);
  });

  it('handles empty input', async () => {
    const enc = await encryptAll('p', new Uint8Array(0), []);
    expect(enc.byteLength).toBe(32);
    expect((await decryptAll('p', enc, [])).byteLength).toBe(0);
  });
});
