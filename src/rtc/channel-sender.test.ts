import { describe, expect, it } from 'vitest';
import { ChannelSender, SendError, type SendableChannel } from './channel-sender';

/** A data channel stand-in: a buffer that the test drains by hand. */
class FakeChannel implements SendableChannel {
  bufferedAmount = 0;
  bufferedAmountLowThreshold = 0;
  readyState: RTCDataChannelState = 'open';
  maxBuffered = 0;
  sent = 0;
  failNext: Error | null = null;
  private listeners = new Map<string, Set<() => void>>();

  send(data: string | ArrayBuffer | ArrayBufferView | Blob): void {
    if (this.failNext) throw this.failNext;
    const size =
      typeof data === 'string' ? data.length : data instanceof Blob ? data.size : data.byteLength;
    this.bufferedAmount += size;
    this.sent++;
    this.maxBuffered = Math.max(this.maxBuffered, this.bufferedAmount);
  }
  addEventListener(type: string, l: () => void) {
    if (!this.listeners.has(type)) this.listeners.set(type, new Set());
    this.listeners.get(type)!.add(l);
  }
  removeEventListener(type: string, l: () => void) {
    this.listeners.get(type)?.delete(l);
  }
  /** The network takes `bytes`; fires bufferedamountlow when crossing the threshold. */
  drain(bytes: number) {
    const before = this.bufferedAmount;
    this.bufferedAmount = Math.max(0, before - bytes);
    if (
      before > this.bufferedAmountLowThreshold &&
      this.bufferedAmount <= this.bufferedAmountLowThreshold
    ) {
      for (const l of [...(this.listeners.get('bufferedamountlow') ?? [])]) l();
    }
  }
  fire(type: string) {
    for (const l of [...(this.listeners.get(type) ?? [])]) l();
  }
  count(type: string) {
    return this.listeners.get(type)?.size ?? 0;
  }
}

const chunk = new ArrayBuffer(1000);
const tick = () => new Promise((r) => setTimeout(r, 0));

describe('ChannelSender', () => {
  it('sets the low threshold and sends at once below the high watermark', async () => {
    const ch = new FakeChannel();
    const sender = new ChannelSender(ch, { high: 4000, low: 1000 });
    expect(ch.bufferedAmountLowThreshold).toBe(1000);
    for (let i = 0; i < 5; i++) await sender.send(chunk);
    expect(ch.sent).toBe(5);
    expect(sender.stats.calls).toBe(5);
    expect(sender.stats.bytes).toBe(5000);
  });

  it('never queues more than one chunk above the high watermark, and resumes on the low event', async () => {
    const ch = new FakeChannel();
    const sender = new ChannelSender(ch, { high: 4000, low: 1000 });
    let done = 0;
    const pump = (async () => {
      for (let i = 0; i < 50; i++) {
        await sender.send(chunk);
        done++;
      }
    })();
    await tick();
    expect(done).toBe(5); // 0..4000 buffered, then the 5th goes over by one chunk and it waits
    expect(ch.bufferedAmount).toBe(5000);
    ch.drain(3000); // 2000 left: above low, no event, still waiting
    await tick();
    expect(done).toBe(5);
    while (done < 50) {
      ch.drain(ch.bufferedAmount); // to 0: crosses low, fires the event
      await tick();
    }
    await pump;
    expect(ch.maxBuffered).toBeLessThanOrEqual(4000 + chunk.byteLength);
    expect(ch.count('bufferedamountlow')).toBe(0);
  });

  it('surfaces send() errors as SendError', async () => {
    const ch = new FakeChannel();
    const sender = new ChannelSender(ch, { high: 4000, low: 1000 });
    ch.failNext = new Error('RTCDataChannel send queue is full');
    await expect(sender.send(chunk)).rejects.toThrow(SendError);
    await expect(sender.send(chunk)).rejects.toThrow(
      /Sending failed: RTCDataChannel send queue is full/,
    );
  });

  it('rejects a waiting send when the channel closes or the sender is aborted', async () => {
    const ch = new FakeChannel();
    const sender = new ChannelSender(ch, { high: 0, low: 0 });
    await sender.send(chunk);
    const waiting = sender.send(chunk);
    ch.fire('close');
    await expect(waiting).rejects.toThrow(/closed while data was waiting/);

    const ch2 = new FakeChannel();
    const s2 = new ChannelSender(ch2, { high: 0, low: 0 });
    await s2.send(chunk);
    const w2 = s2.send(chunk);
    s2.abort(new Error('aborted by the user'));
    await expect(w2).rejects.toThrow('aborted by the user');
    await expect(s2.send(chunk)).rejects.toThrow('aborted by the user');
  });

  it('refuses to send on a channel that is not open', async () => {
    const ch = new FakeChannel();
    ch.readyState = 'closed';
    await expect(new ChannelSender(ch, { high: 10, low: 1 }).send('x')).rejects.toThrow(/closed/);
  });
});
