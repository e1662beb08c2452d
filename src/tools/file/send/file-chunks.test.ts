import fc from 'fast-check';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { fileChunks } from './file-chunks';
import { fakeFileReader } from './fake-file-reader';
import { NotedError } from '../protocol/transfer-note';
import { joinBytes, patterned, sha256Hex } from '../test-bytes';

const KiB = 1024;

async function collect(blob: Blob, chunk: number, block: number) {
  const chunks: Uint8Array[] = [];
  for await (const c of fileChunks(blob, chunk, block)) chunks.push(c.slice());
  return chunks;
}

afterEach(() => vi.unstubAllGlobals());

describe('fileChunks', () => {
  it('gives the whole file in order, every chunk full but the last of the file', async () => {
    await fc.assert(
      fc.asyncProperty(
        // Sizes around exact multiples of the chunk and the block, and 0.
        fc.oneof(
          fc.integer({ min: 0, max: 200 * KiB }),
          fc.constantFrom(0, 1, 16 * KiB, 16 * KiB + 1, 64 * KiB, 64 * KiB - 1, 128 * KiB),
        ),
        fc.constantFrom(4 * KiB, 16 * KiB),
        fc.integer({ min: 1, max: 4 }),
        async (size, chunk, blocks) => {
          const { reads, FileReader } = fakeFileReader();
          vi.stubGlobal('FileReader', FileReader);
          const data = patterned(size, size);
          const chunks = await collect(new Blob([data]), chunk, chunk * blocks);
          const joined = joinBytes(chunks);
          expect(joined.byteLength).toBe(size);
          expect(sha256Hex(joined)).toBe(sha256Hex(data));
          for (const c of chunks.slice(0, -1)) expect(c.byteLength).toBe(chunk);
          expect(chunks.every((c) => c.byteLength > 0)).toBe(true);
          // A few reads ahead of the sender, never the whole file at once.
          expect(reads.maxInFlight).toBeLessThanOrEqual(3);
          expect(reads.started).toBe(Math.ceil(size / (chunk * blocks)));
        },
      ),
      { numRuns: 60 },
    );
  });

  it("fails with the browser's error when it cannot read the file, or a note of its own", async () => {
    vi.stubGlobal('FileReader', fakeFileReader((blob) => blob.size < 64 * KiB).FileReader);
    const failure = collect(new Blob([patterned(64 * KiB + 100)]), 16 * KiB, 64 * KiB);
    await expect(failure).rejects.toMatchObject({ name: 'NotReadableError' });
    const silent = fakeFileReader(() => true, { silent: true });
    vi.stubGlobal('FileReader', silent.FileReader);
    const unnamed = collect(new Blob([patterned(10)]), 16 * KiB, 64 * KiB);
    await expect(unnamed).rejects.toBeInstanceOf(NotedError);
    await expect(unnamed).rejects.toMatchObject({ note: { code: 'unreadable' } });
  });

  it('lets reads still in flight settle when abandoned early, failing ones included', async () => {
    const { reads, FileReader } = fakeFileReader((blob) => blob.size === 16 * KiB);
    vi.stubGlobal('FileReader', FileReader);
    // Blocks of 32 KiB, the last one 16 KiB and failing: abandoned after the first chunk.
    const chunks = fileChunks(new Blob([patterned(80 * KiB)]), 16 * KiB, 32 * KiB);
    const first = await chunks.next();
    expect(first.value?.byteLength).toBe(16 * KiB);
    await chunks.return(undefined);
    // An unhandled rejection would fail this test run.
    await new Promise((r) => setTimeout(r, 10));
    expect(reads.started).toBe(3);
  });
});
