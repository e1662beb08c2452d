import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { gatherBlocks } from './gather-blocks';

async function through(chunks: Uint8Array[], size: number, passAt = size): Promise<Uint8Array[]> {
  const out: Uint8Array[] = [];
  await new ReadableStream<Uint8Array>({
    start(controller) {
      for (const c of chunks) controller.enqueue(c);
      controller.close();
    },
  })
    .pipeThrough(gatherBlocks(size, passAt))
    .pipeTo(new WritableStream({ write: (c) => void out.push(c) }));
  return out;
}

const joined = (parts: Uint8Array[]) => Uint8Array.from(parts.flatMap((p) => [...p]));

describe('gatherBlocks', () => {
  it('turns many small chunks into full blocks and a last part', async () => {
    const small = Array.from({ length: 10 }, (_, i) => new Uint8Array([i, i, i]));
    const out = await through(small, 8);
    expect(out.map((c) => c.byteLength)).toEqual([8, 8, 8, 6]);
    expect(joined(out)).toEqual(joined(small));
  });

  it('passes a big chunk on uncopied, after what was gathered before it', async () => {
    const big = new Uint8Array(20).fill(7);
    const out = await through([new Uint8Array([1, 2]), big, new Uint8Array([3])], 8, 16);
    expect(out.map((c) => [...c].slice(0, 3))).toEqual([[1, 2], [7, 7, 7], [3]]);
    expect(out[1]).toBe(big);
  });

  it('keeps every byte in order, whatever the chunk sizes', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.uint8Array({ maxLength: 40 }), { maxLength: 30 }),
        fc.integer({ min: 1, max: 32 }),
        fc.integer({ min: 1, max: 48 }),
        async (chunks, size, passAt) => {
          const out = await through(chunks, size, passAt);
          expect(joined(out)).toEqual(joined(chunks));
          // No write is empty, and with nothing passed on as it is, only the last block is short.
          for (const c of out) expect(c.byteLength).toBeGreaterThan(0);
          if (chunks.every((c) => c.byteLength < passAt))
            for (const c of out.slice(0, -1)) expect(c.byteLength).toBe(size);
        },
      ),
    );
  });
});
