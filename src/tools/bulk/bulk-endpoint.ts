import { msg } from '@lit/localize';
import { ChannelSender } from '../../rtc/channel-sender';
import { onChannelMessage } from '../../rtc/early-messages';
import { errorText } from '../../i18n/error-text';
import type { Marks } from './bulk-config';

type Control =
  | { t: 'start'; run: number; bytes: number; ordered: boolean }
  | { t: 'ready'; run: number }
  | { t: 'done'; run: number; bytes: number }
  | { t: 'stop'; run: number };

export interface BulkSummary {
  bytes: number;
  seconds: number;
  /** 10^6 bytes per second */
  MBps: number;
  sendCalls: number;
  avgSendMs: number;
  maxSendMs: number;
  chunkSize: number;
  highWatermark: number;
  lowWatermark: number;
  ordered: boolean;
}

export type BulkPhase =
  'idle' | 'starting' | 'sending' | 'receiving' | 'done' | 'stopped' | 'failed';

export interface BulkChannels {
  /** Ordered: control messages, and data for ordered runs. */
  ordered: RTCDataChannel;
  unordered: RTCDataChannel;
}

/** Said when the channel closes during a run (a function: the language is chosen at run time). */
const closedMidRun = () => msg('The connection closed mid-run.');

const payloads = new Map<number, Uint8Array<ArrayBuffer>>();

/** Random bytes of `size`, made once per size and reused for every message. */
export function payloadOf(size: number): Uint8Array<ArrayBuffer> {
  let p = payloads.get(size);
  if (!p) {
    p = new Uint8Array(size);
    for (let i = 0; i < size; i += 65536) crypto.getRandomValues(p.subarray(i, i + 65536));
    payloads.set(size, p);
  }
  return p;
}

/**
 * One side of bulk runs: sends N bytes as fast as the channel takes them (through the shared
 * backpressure sender), or counts what arrives and says when all of it did, so the sender's
 * end time is exact. Fires `change` on progress (throttled) and phase changes.
 */
export class BulkEndpoint extends EventTarget {
  phase: BulkPhase = 'idle';
  /** Which side of the last run this end was. */
  role: 'sender' | 'receiver' | null = null;
  message = '';
  total = 0;
  /** Sender: bytes handed to send(); receiver: bytes counted. */
  bytes = 0;
  summary: BulkSummary | null = null;
  /** Sender: the bytes the receiver reported counting at the end. */
  counted = 0;
  private run = 0;
  private sender: ChannelSender | null = null;
  private ordered = true;
  /** What the sender awaits from the receiver: 'ready', then 'done'. */
  private waiting: {
    want: 'ready' | 'done';
    resolve: () => void;
    reject: (e: Error) => void;
  } | null = null;
  private lastEmit = 0;

  constructor(private readonly channels: BulkChannels) {
    super();
    for (const ch of [channels.ordered, channels.unordered]) {
      ch.binaryType = 'arraybuffer';
      onChannelMessage(ch, ({ data }) => this.handleMessage(data));
      ch.addEventListener('close', () => this.handleClose());
    }
  }

  /** Bytes the network took (sent minus what still waits in the buffer). */
  get transmitted(): number {
    if (this.phase !== 'sending') return this.bytes;
    const ch = this.ordered ? this.channels.ordered : this.channels.unordered;
    return Math.max(0, this.bytes - ch.bufferedAmount);
  }

  async send(options: {
    bytes: number;
    ordered: boolean;
    chunk: number;
    marks: Marks;
  }): Promise<BulkSummary | null> {
    const run = ++this.run;
    const { bytes, ordered, chunk, marks } = options;
    const channel = ordered ? this.channels.ordered : this.channels.unordered;
    const payload = payloadOf(chunk);
    this.role = 'sender';
    this.reset('starting', bytes);
    this.summary = null;
    this.counted = 0;
    this.ordered = ordered;
    const sender = new ChannelSender(channel, marks);
    this.sender = sender;
    try {
      const ready = this.await('ready');
      this.control({ t: 'start', run, bytes, ordered });
      await ready;
      this.setPhase('sending');
      const t0 = performance.now();
      while (this.bytes < bytes) {
        const n = Math.min(chunk, bytes - this.bytes);
        await sender.send(n === chunk ? payload : payload.subarray(0, n));
        this.bytes += n;
        this.progress();
      }
      await this.await('done');
      const seconds = (performance.now() - t0) / 1000;
      const s = sender.stats;
      this.summary = {
        bytes,
        seconds,
        MBps: bytes / 1e6 / seconds,
        sendCalls: s.calls,
        avgSendMs: s.calls ? s.totalMs / s.calls : 0,
        maxSendMs: s.maxMs,
        chunkSize: chunk,
        highWatermark: marks.high,
        lowWatermark: marks.low,
        ordered,
      };
      this.setPhase('done', '');
      return this.summary;
    } catch (error) {
      if (run === this.run && this.phase !== 'stopped') {
        // A send can meet the closed channel before its 'close' event: say what happened.
        const closed = channel.readyState !== 'open';
        this.setPhase('failed', closed ? closedMidRun() : errorText(error, msg('Sending failed.')));
      }
      return null;
    } finally {
      this.waiting = null;
      this.sender = null;
    }
  }

  private await(want: 'ready' | 'done'): Promise<void> {
    return new Promise((resolve, reject) => (this.waiting = { want, resolve, reject }));
  }

  private answer(want: 'ready' | 'done', run: number): void {
    if (run === this.run && this.waiting?.want === want) this.waiting.resolve();
  }

  /** Stops the current run on both sides. */
  stop(): void {
    if (this.phase !== 'starting' && this.phase !== 'sending' && this.phase !== 'receiving') return;
    this.control({ t: 'stop', run: this.run });
    this.halt(msg('You stopped the run.'));
  }

  private halt(message: string): void {
    this.sender?.abort(new Error(message));
    this.waiting?.reject(new Error(message));
    this.setPhase('stopped', message);
  }

  private handleMessage(data: unknown): void {
    if (typeof data !== 'string') {
      if (this.phase !== 'receiving') return;
      this.bytes += (data as ArrayBuffer).byteLength;
      this.progress();
      if (this.bytes >= this.total) {
        this.control({ t: 'done', run: this.run, bytes: this.bytes });
        this.setPhase('done', '');
      }
      return;
    }
    let m: Control;
    try {
      m = JSON.parse(data) as Control;
    } catch {
      return;
    }
    switch (m.t) {
      case 'start':
        this.run = m.run;
        this.role = 'receiver';
        this.summary = null;
        this.reset('receiving', m.bytes);
        this.control({ t: 'ready', run: m.run });
        return;
      case 'ready':
        this.answer(m.t, m.run);
        return;
      case 'done':
        if (m.run === this.run) this.counted = m.bytes;
        this.answer(m.t, m.run);
        return;
      case 'stop':
        if (m.run === this.run) this.halt(msg('The peer stopped the run.'));
        return;
    }
  }

  private handleClose(): void {
    if (this.phase === 'starting' || this.phase === 'sending' || this.phase === 'receiving') {
      const message = closedMidRun();
      this.sender?.abort(new Error(message));
      this.waiting?.reject(new Error(message));
      this.setPhase('failed', message);
    }
  }

  private control(m: Control): void {
    try {
      this.channels.ordered.send(JSON.stringify(m));
    } catch {
      // Closed: handleClose reports it.
    }
  }

  private reset(phase: BulkPhase, total: number): void {
    this.total = total;
    this.bytes = 0;
    this.setPhase(phase, '');
  }

  private progress(): void {
    const now = performance.now();
    if (now - this.lastEmit < 100) return;
    this.lastEmit = now;
    this.dispatchEvent(new Event('change'));
  }

  private setPhase(phase: BulkPhase, message = this.message): void {
    this.phase = phase;
    this.message = message;
    this.dispatchEvent(new Event('change'));
  }
}
