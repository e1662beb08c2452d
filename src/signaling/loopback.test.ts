import { describe, expect, it } from 'vitest';
import { createLoopbackPair } from './loopback';
import type { SignalMessage } from './signaling';

async function take(iterable: AsyncIterable<SignalMessage>, n: number): Promise<SignalMessage[]> {
  const out: SignalMessage[] = [];
  for await (const m of iterable) {
    out.push(m);
    if (out.length === n) break;
  }
  return out;
}

describe('createLoopbackPair', () => {
  it('delivers each side’s messages to the other, in order', async () => {
    const [a, b] = createLoopbackPair();
    a.send({ type: 'description', description: { type: 'offer', sdp: 'o' } });
    a.send({ type: 'candidate', candidate: { candidate: 'c1' } });
    b.send({ type: 'bye' });
    expect(await take(b.messages(), 2)).toEqual([
      { type: 'description', description: { type: 'offer', sdp: 'o' } },
      { type: 'candidate', candidate: { candidate: 'c1' } },
    ]);
    expect(await take(a.messages(), 1)).toEqual([{ type: 'bye' }]);
  });

  it('delivers copies, not shared objects', async () => {
    const [a, b] = createLoopbackPair();
    const sent: SignalMessage = { type: 'candidate', candidate: { candidate: 'x' } };
    a.send(sent);
    const [got] = await take(b.messages(), 1);
    expect(got).toEqual(sent);
    expect(got).not.toBe(sent);
  });

  it('ends both streams on close, waking a waiting reader', async () => {
    const [a, b] = createLoopbackPair();
    const reading = take(b.messages(), 5);
    a.close();
    expect(await reading).toEqual([]);
    expect(await take(a.messages(), 5)).toEqual([]);
  });
});
