import { createSHA256 } from 'hash-wasm';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { prefixMatches } from './send-resume';
import { fakeFileReader } from './fake-file-reader';

// Node has Blob but no FileReader.
beforeEach(() => vi.stubGlobal('FileReader', fakeFileReader().FileReader));
afterEach(() => vi.unstubAllGlobals());

const bytes = (n: number) => Uint8Array.from({ length: n }, (_, i) => (i * 7919) % 251);

async function sha256Hex(data: Uint8Array): Promise<string> {
  const h = await createSHA256();
  h.init();
  h.update(data);
  return h.digest('hex');
}

describe('prefixMatches: does the file still begin with what the receiver holds?', () => {
  // 4 MiB blocks: a prefix over one block boundary is read in two.
  const data = bytes(4 * 1024 * 1024 + 70_000);
  const file = new Blob([data]);

  it.each([0, 1, 16_384, 4 * 1024 * 1024 + 1, data.length])(
    'a match at %i bytes leaves the hash there, so the rest completes the whole file',
    async (offset) => {
      const hash = await createSHA256();
      const prefix = await sha256Hex(data.subarray(0, offset));
      expect(await prefixMatches(file, offset, prefix, hash, () => false)).toBe(true);
      hash.update(data.subarray(offset));
      expect(hash.digest('hex')).toBe(await sha256Hex(data));
    },
  );

  it('a changed byte inside the prefix: no match, and the hash starts over', async () => {
    const hash = await createSHA256();
    const offset = 100_000;
    const prefix = await sha256Hex(data.subarray(0, offset));
    const changed = data.slice();
    changed[offset - 1] ^= 1;
    expect(await prefixMatches(new Blob([changed]), offset, prefix, hash, () => false)).toBe(false);
    hash.update(changed);
    expect(hash.digest('hex')).toBe(await sha256Hex(changed));
  });

  it('a file now shorter than what the receiver holds does not match', async () => {
    const hash = await createSHA256();
    const prefix = await sha256Hex(data);
    expect(
      await prefixMatches(new Blob([data.subarray(0, 10)]), data.length, prefix, hash, () => false),
    ).toBe(false);
  });

  it('an abort during the read stops it without a match', async () => {
    const hash = await createSHA256();
    const prefix = await sha256Hex(data);
    let asked = 0;
    expect(await prefixMatches(file, data.length, prefix, hash, () => ++asked > 1)).toBe(false);
    expect(asked).toBe(2);
  });
});
