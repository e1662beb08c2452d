import { describe, expect, it } from 'vitest';
import { BulkEndpoint, payloadOf, type BulkChannels } from './bulk-endpoint';

/** One end of a fake channel pair: what it sends arrives at its peer a task later. */
class FakeChannel extends EventTarget {
  readyState: RTCDataChannelState = 'open';
  bufferedAmount = 0;
  bufferedAmountLowThreshold = 0;
  binaryType = 'arraybuffer';
  peer!: FakeChannel;
  sends = 0;
  /** Sends that succeed before send() throws, as a full send queue does. */
  failAfter = Infinity;

  send(data: string | ArrayBuffer | ArrayBufferView): void {
    if (this.sends++ >= this.failAfter) throw new Error('send queue is full');
    const copy =
      typeof data === 'string'
        ? data
        : ArrayBuffer.isView(data)
          ? data.buffer.slice(data.byteOffset, data.byteOffset + data.byteLength)
          : data.slice(0);
    const size = typeof copy === 'string' ? copy.length : copy.byteLength;
    this.bufferedAmount += size;
    setTimeout(() => {
      this.bufferedAmount -= size;
      if (this.bufferedAmount <= this.bufferedAmountLowThreshold)
        this.dispatchEvent(new Event('bufferedamountlow'));
      this.peer.dispatchEvent(new MessageEvent('message', { data: copy }));
    });
  }
}

function pairs(count: number): [BulkChannels, BulkChannels] {
  const a: BulkChannels = { ordered: [], unordered: [] };
  const b: BulkChannels = { ordered: [], unordered: [] };
  for (const kind of ['ordered', 'unordered'] as const)
    for (let i = 0; i < count; i++) {
      const x = new FakeChannel();
      const y = new FakeChannel();
      x.peer = y;
      y.peer = x;
      a[kind].push(x as unknown as RTCDataChannel);
      b[kind].push(y as unknown as RTCDataChannel);
    }
  return [a, b];
}

const KiB = 1024;
const marks = { high: 64 * KiB, low: 16 * KiB };

describe('BulkEndpoint over several channels', () => {
  it('spreads a run over the channels asked for, and the receiver counts every byte once', async () => {
    const [a, b] = pairs(4);
    const sender = new BulkEndpoint(a);
    const receiver = new BulkEndpoint(b);
    const bytes = 1024 * KiB + 3 * 16 * KiB;
    const summary = await sender.send({
      bytes,
      ordered: true,
      chunk: 16 * KiB,
      marks,
      channels: 4,
    });
    expect(summary).toMatchObject({ bytes, channels: 4 });
    expect(sender.counted).toBe(bytes);
    expect(receiver.bytes).toBe(bytes);
    // Every channel carried data.
    for (const ch of a.ordered) expect((ch as unknown as FakeChannel).sends).toBeGreaterThan(1);
  });

  it('counts no byte of another run (a stopped run’s tail still arriving)', async () => {
    const [a, b] = pairs(2);
    const sender = new BulkEndpoint(a);
    const receiver = new BulkEndpoint(b);
    const stale = a.ordered[1] as unknown as FakeChannel;
    const running = sender.send({
      bytes: 256 * KiB,
      ordered: true,
      chunk: 16 * KiB,
      marks,
      channels: 2,
    });
    // Bytes of run 77 arrive while run 1 goes.
    await new Promise((r) => setTimeout(r));
    stale.send(payloadOf(16 * KiB, 77));
    const summary = await running;
    expect(summary?.bytes).toBe(256 * KiB);
    expect(sender.counted).toBe(256 * KiB);
    expect(receiver.bytes).toBe(256 * KiB);
  });

  it('one channel failing ends the run on all of them', async () => {
    const [a, b] = pairs(4);
    const sender = new BulkEndpoint(a);
    new BulkEndpoint(b);
    const failing = a.ordered[2] as unknown as FakeChannel;
    failing.failAfter = 3;
    const summary = await sender.send({
      bytes: 4096 * KiB,
      ordered: true,
      chunk: 16 * KiB,
      marks,
      channels: 4,
    });
    expect(summary).toBeNull();
    expect(sender.phase).toBe('failed');
    const sent = a.ordered.map((ch) => (ch as unknown as FakeChannel).sends);
    await new Promise((r) => setTimeout(r, 20));
    expect(a.ordered.map((ch) => (ch as unknown as FakeChannel).sends)).toEqual(sent);
  });
});
