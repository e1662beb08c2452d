import { describe, expect, it } from 'vitest';
import { BlockPacker } from './block-packer';

const bytes = (n: number, from = 0) => Uint8Array.from({ length: n }, (_, i) => (from + i) % 251);

describe('BlockPacker', () => {
  it('packs chunks of any size into full blocks at the right offsets', async () => {
    const out: { data: number[]; at: number }[] = [];
    const packer = new BlockPacker(8, 4, (buf, length, at) => {
      out.push({ data: [...new Uint8Array(buf, 0, length)], at });
      packer.recycle(buf);
    });
    await packer.push(bytes(3));
    await packer.push(bytes(20, 3));
    packer.flush();
    expect(out.map((b) => b.at)).toEqual([0, 8, 16]);
    expect(out.flatMap((b) => b.data)).toEqual([...bytes(23)]);
    expect(packer.size).toBe(23);
  });

  it('waits while every block is out, and resumes when one comes back', async () => {
    const out: ArrayBuffer[] = [];
    const packer = new BlockPacker(4, 2, (buf) => out.push(buf));
    await packer.push(bytes(8));
    let done = false;
    const pending = packer.push(bytes(4)).then(() => (done = true));
    await Promise.resolve();
    expect(done).toBe(false);
    packer.recycle(out[0]!);
    await pending;
    expect(done).toBe(true);
    expect(out).toHaveLength(3);
  });

  it('rejects a waiting push when a later stage fails', async () => {
    const packer = new BlockPacker(4, 1, () => {});
    await packer.push(bytes(4));
    const pending = packer.push(bytes(4));
    packer.fail(new Error('disk full'));
    await expect(pending).rejects.toThrow('disk full');
    await expect(packer.push(bytes(1))).rejects.toThrow('disk full');
  });
});
