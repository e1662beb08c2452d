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
  /** Data channels the bytes were spread over, each with its own watermarks. */
  channels: number;
}

export type BulkPhase =
  'idle' | 'starting' | 'sending' | 'receiving' | 'done' | 'stopped' | 'failed';

export interface BulkChannels {
  /** Ordered: the first carries control messages; all carry data for ordered runs. */
  ordered: RTCDataChannel[];
  unordered: RTCDataChannel[];
}

/** Said when the channel closes during a run (a function: the language is chosen at run time). */
const closedMidRun = () => msg('The connection closed mid-run.');

const payloads = new Map<number, Uint8Array<ArrayBuffer>>();

/** Random bytes of `size`, made once per size and reused for every message. */
function randomPayload(size: number): Uint8Array<ArrayBuffer> {
  let p = payloads.get(size);
  if (!p) {
    p = new Uint8Array(size);
    for (let i = 0; i < size; i += 65536) crypto.getRandomValues(p.subarray(i, i + 65536));
    payloads.set(size, p);
  }
  return p;
}

/**
 * A run's message of `size`: random bytes that begin with the run's number, so a receiver
 * counts only its run's bytes (those of a stopped run can still arrive on the other channels,
 * or out of order).
 */
export function payloadOf(size: number, run = 0): Uint8Array<ArrayBuffer> {
  const p = randomPayload(size).slice();
  if (size >= 4) new DataView(p.buffer).setUint32(0, run);
  return p;
}

/** The run a message says it belongs to (messages under 4 bytes: any). */
function runOf(data: ArrayBuffer): number | null {
  return data.byteLength >= 4 ? new DataView(data).getUint32(0) : null;
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
  private senders: ChannelSender[] = [];
  /** The channels of the current run. */
  private used: RTCDataChannel[] = [];
  /** What the sender awaits from the receiver: 'ready', then 'done'. */
  private waiting: {
    want: 'ready' | 'done';
    resolve: () => void;
    reject: (e: Error) => void;
  } | null = null;
  private lastEmit = 0;

  constructor(private readonly channels: BulkChannels) {
    super();
    for (const ch of [...channels.ordered, ...channels.unordered]) {
      ch.binaryType = 'arraybuffer';
      onChannelMessage(ch, ({ data }) => this.handleMessage(data));
      ch.addEventListener('close', () => this.handleClose());
    }
  }

  /** Bytes the network took (sent minus what still waits in the buffer). */
  get transmitted(): number {
    if (this.phase !== 'sending') return this.bytes;
    const buffered = this.used.reduce((n, ch) => n + ch.bufferedAmount, 0);
    return Math.max(0, this.bytes - buffered);
  }

  /** Data channels a run can spread its bytes over. */
  get maxChannels(): number {
    return Math.min(this.channels.ordered.length, this.channels.unordered.length);
  }

  async send(options: {
    bytes: number;
    ordered: boolean;
    chunk: number;
    marks: Marks;
    /** Channels to spread the bytes over, each with its own buffer and watermarks; default 1. */
    channels?: number;
  }): Promise<BulkSummary | null> {
    const run = ++this.run;
    const { bytes, ordered, chunk, marks } = options;
    const count = Math.max(1, Math.min(options.channels ?? 1, this.maxChannels));
    const used = (ordered ? this.channels.ordered : this.channels.unordered).slice(0, count);
    const payload = payloadOf(chunk, run);
    this.role = 'sender';
    this.reset('starting', bytes);
    this.summary = null;
    this.counted = 0;
    this.used = used;
    const senders = used.map((ch) => new ChannelSender(ch, marks));
    this.senders = senders;
    try {
      const ready = this.await('ready');
      this.control({ t: 'start', run, bytes, ordered });
      await ready;
      this.setPhase('sending');
      const t0 = performance.now();
      // Each channel takes the next chunk as soon as its own buffer has room; a run that ended
      // (stopped, failed, or replaced) hands out no more.
      let handed = 0;
      const next = () => {
        const n = run === this.run ? Math.min(chunk, bytes - handed) : 0;
        handed += Math.max(n, 0);
        this.bytes = handed;
        return n;
      };
      await Promise.all(
        senders.map(async (sender) => {
          for (let n = next(); n > 0; n = next()) {
            await sender.send(n === chunk ? payload : payload.subarray(0, n));
            this.progress();
          }
        }),
      );
      await this.await('done');
      const seconds = (performance.now() - t0) / 1000;
      const s = sumStats(senders);
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
        channels: count,
      };
      this.setPhase('done', '');
      return this.summary;
    } catch (error) {
      // One channel failing ends the run on all of them.
      for (const sender of senders)
        sender.abort(error instanceof Error ? error : new Error(String(error)));
      if (run === this.run && this.phase !== 'stopped') {
        // A send can meet the closed channel before its 'close' event: say what happened.
        const closed = used.some((ch) => ch.readyState !== 'open');
        this.setPhase('failed', closed ? closedMidRun() : errorText(error, msg('Sending failed.')));
      }
      return null;
    } finally {
      this.waiting = null;
      this.senders = [];
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

  private halt(message: string, phase: 'stopped' | 'failed' = 'stopped'): void {
    for (const sender of this.senders) sender.abort(new Error(message));
    this.waiting?.reject(new Error(message));
    this.setPhase(phase, message);
  }

  private handleMessage(data: unknown): void {
    if (typeof data !== 'string') {
      if (this.phase !== 'receiving') return;
      const from = runOf(data as ArrayBuffer);
      if (from !== null && from !== this.run) return;
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
        // The other side's run takes over from any of this side's.
        if (this.phase === 'starting' || this.phase === 'sending')
          this.halt(msg('The peer started a run of its own.'));
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
    if (this.phase === 'starting' || this.phase === 'sending' || this.phase === 'receiving')
      this.halt(closedMidRun(), 'failed');
  }

  private control(m: Control): void {
    try {
      this.channels.ordered[0]!.send(JSON.stringify(m));
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

/** The send() figures of all a run's channels together. */
function sumStats(senders: readonly ChannelSender[]) {
  return senders.reduce(
    (a, { stats: s }) => ({
      calls: a.calls + s.calls,
      totalMs: a.totalMs + s.totalMs,
      maxMs: Math.max(a.maxMs, s.maxMs),
    }),
    { calls: 0, totalMs: 0, maxMs: 0 },
  );
}
