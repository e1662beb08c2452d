import { describe, expect, it } from 'vitest';
import { AsyncQueue } from './async-queue';

describe('AsyncQueue', () => {
  it('hands a waiting reader the next push', async () => {
    const q = new AsyncQueue<number>();
    const it = q[Symbol.asyncIterator]();
    const next = it.next();
    q.push(7);
    expect(await next).toEqual({ value: 7, done: false });
  });

  it('throws the end error to a waiting reader and to later reads', async () => {
    const q = new AsyncQueue<number>();
    const it = q[Symbol.asyncIterator]();
    const next = it.next();
    q.end(new Error('gone'));
    await expect(next).rejects.toThrow('gone');
    await expect(it.next()).rejects.toThrow('gone');
  });

  it('drains queued items before reporting the end', async () => {
    const q = new AsyncQueue<number>();
    q.push(1);
    q.push(2);
    q.end();
    const seen: number[] = [];
    for await (const n of q) seen.push(n);
    expect(seen).toEqual([1, 2]);
  });
});
