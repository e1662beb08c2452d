import { msg, str } from '@lit/localize';

/** The part of RTCDataChannel the sender needs (a small fake stands in for it in unit tests). */
export interface SendableChannel {
  readonly bufferedAmount: number;
  bufferedAmountLowThreshold: number;
  readonly readyState: RTCDataChannelState;
  send(data: string | ArrayBuffer | ArrayBufferView<ArrayBuffer> | Blob): void;
  addEventListener(type: 'bufferedamountlow' | 'close' | 'error', listener: () => void): void;
  removeEventListener(type: 'bufferedamountlow' | 'close' | 'error', listener: () => void): void;
}

export interface Watermarks {
  /** Stop sending once this many bytes wait in the channel's buffer. */
  high: number;
  /** Resume when the buffer drains to this (the `bufferedamountlow` threshold). */
  low: number;
}

export interface SendStats {
  calls: number;
  bytes: number;
  /** Total and longest time spent inside `send()`, in ms. */
  totalMs: number;
  maxMs: number;
}

/** A send that failed, or a channel that closed while data waited. */
export class SendError extends Error {
  override name = 'SendError';
}

/**
 * Sends messages as fast as the channel takes them without ever overfilling its buffer: above
 * the high watermark it waits for `bufferedamountlow`, so at most one message sits above the
 * mark ("send queue is full" cannot happen). The one implementation file and bulk share.
 */
export class ChannelSender {
  readonly stats: SendStats = { calls: 0, bytes: 0, totalMs: 0, maxMs: 0 };
  private aborted: Error | null = null;
  private wake: (() => void) | null = null;

  constructor(
    private readonly channel: SendableChannel,
    private readonly marks: Watermarks,
  ) {
    channel.bufferedAmountLowThreshold = marks.low;
  }

  /** Sends `data`, first waiting for the buffer to drain if it is above the high watermark. */
  async send(data: ArrayBuffer | ArrayBufferView<ArrayBuffer> | string): Promise<void> {
    if (this.channel.bufferedAmount > this.marks.high) await this.drained();
    this.sendNow(data);
  }

  /** Whether a message can go right now without waiting. */
  get ready(): boolean {
    return this.channel.bufferedAmount <= this.marks.high;
  }

  /** Sends without waiting (for small control messages). */
  sendNow(data: ArrayBuffer | ArrayBufferView<ArrayBuffer> | string): void {
    if (this.aborted) throw this.aborted;
    if (this.channel.readyState !== 'open') throw new SendError(msg('The data channel is closed.'));
    const t0 = performance.now();
    try {
      this.channel.send(data);
    } catch (error) {
      const detail = error instanceof Error ? error.message : String(error);
      throw new SendError(msg(str`Sending failed: ${detail}`));
    }
    const ms = performance.now() - t0;
    this.stats.calls++;
    this.stats.bytes += typeof data === 'string' ? data.length : data.byteLength;
    this.stats.totalMs += ms;
    if (ms > this.stats.maxMs) this.stats.maxMs = ms;
  }

  /** Resolves once the buffer is at or below the low watermark. */
  drained(): Promise<void> {
    if (this.aborted) return Promise.reject(this.aborted);
    if (this.channel.bufferedAmount <= this.marks.low) return Promise.resolve();
    return new Promise((resolve, reject) => {
      const done = (error?: Error) => {
        this.channel.removeEventListener('bufferedamountlow', onLow);
        this.channel.removeEventListener('close', onClose);
        this.wake = null;
        if (error) reject(error);
        else resolve();
      };
      const onLow = () => done();
      const onClose = () =>
        done(new SendError(msg('The data channel closed while data was waiting.')));
      this.wake = () => done(this.aborted ?? undefined);
      this.channel.addEventListener('bufferedamountlow', onLow);
      this.channel.addEventListener('close', onClose);
    });
  }

  /** Stops: a pending or later send rejects with `reason`. */
  abort(reason: Error): void {
    this.aborted = reason;
    this.wake?.();
  }
}
