import { describe, expect, it } from 'vitest';
import { BlockBuffer } from './block-buffer';

describe('BlockBuffer', () => {
  it('hands on full blocks in order, then the rest on flush', () => {
    const out: number[][] = [];
    const buffer = new BlockBuffer(new Uint8Array(4), (data) => {
      out.push([...data]);
      return new Uint8Array(data.buffer);
    });
    buffer.add(new Uint8Array([1, 2, 3]));
    expect(out).toEqual([]);
    buffer.add(new Uint8Array([4, 5, 6, 7, 8, 9, 10]));
    expect(out).toEqual([
      [1, 2, 3, 4],
      [5, 6, 7, 8],
    ]);
    buffer.flush();
    buffer.flush();
    expect(out).toEqual([
      [1, 2, 3, 4],
      [5, 6, 7, 8],
      [9, 10],
    ]);
  });

  it('fills the block handOn returns (a new one when the old was transferred)', () => {
    const blocks: ArrayBuffer[] = [];
    const buffer = new BlockBuffer(new Uint8Array(2), (data) => {
      blocks.push(data.buffer);
      return new Uint8Array(2);
    });
    buffer.add(new Uint8Array([1, 2, 3, 4]));
    expect(blocks.map((b) => [...new Uint8Array(b)])).toEqual([
      [1, 2],
      [3, 4],
    ]);
    expect(blocks[0]).not.toBe(blocks[1]);
  });
});
