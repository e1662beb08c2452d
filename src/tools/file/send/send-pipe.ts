import { ChannelSender } from '../../../rtc/channel-sender';
import { channelOpen } from './channel-open';
import { NotedError } from '../protocol/transfer-note';
import { encodeControl, FILE_WATERMARKS, type SendPace } from '../protocol/file-protocol';
import { Pacer } from '../../../rtc/pacer';
import type { SendReply, SendRequest } from './send.worker';

/** How often progress is reported when the page sends itself, in ms. */
const PROGRESS_MS = 100;

/**
 * One file's bytes on their way out, on a channel of their own. A worker reads and hashes the
 * file; where the browser can move a data channel to a worker, the worker sends on it too and
 * the page holds no file data. Elsewhere the page sends the blocks the worker read.
 */
export class SendPipe {
  /** Bytes of the file handed to the channel, counted from its start. */
  bytes = 0;
  /** Of those, bytes still in the channel's buffer. */
  buffered = 0;
  /** Which thread sends, once `send` began. */
  where: 'worker' | 'page' | '' = '';
  private readonly worker = new Worker(new URL('./send.worker.ts', import.meta.url), {
    type: 'module',
  });
  /** The request waiting for its answer, by the answer's type. */
  private waiting: {
    t: SendReply['t'];
    resolve: (m: SendReply) => void;
    reject: (e: Error) => void;
  } | null = null;
  private failure: Error | null = null;
  /** The channel and its sender, when the page sends itself. */
  private here: { channel: RTCDataChannel; sender: ChannelSender | null } | null = null;

  constructor(private readonly onProgress: () => void) {
    this.worker.onmessage = ({ data }: MessageEvent<SendReply>) => this.receive(data);
    this.worker.onerror = (e) => this.fail(new Error(e.message || 'the sending worker failed'));
  }

  /** Whether `file` begins with the part the receiver holds (SHA-256 `prefix` of `offset` bytes). */
  async check(file: File, offset: number, prefix: string): Promise<boolean> {
    const reply = await this.request({ t: 'check', file, offset, prefix }, 'checked');
    return reply.t === 'checked' && reply.same;
  }

  /**
   * Sends `file` from byte `from` on `channel` (just created, so it can still move): `from`, the
   * bytes in messages of `pace.chunk` bytes (no faster than `pace.rate`), `end` with the SHA-256.
   * Resolves once all of it is handed over and the buffer is down to its low mark. The channel
   * stays open until `stop`.
   */
  async send(
    id: string,
    file: File,
    from: number,
    channel: RTCDataChannel,
    pace: SendPace,
  ): Promise<void> {
    this.bytes = from;
    try {
      this.post({ t: 'send', id, file, from, channel, pace }, [channel as unknown as Transferable]);
    } catch {
      // This browser cannot move a data channel to a worker (DataCloneError): send from here.
      this.where = 'page';
      return this.sendHere(id, file, from, channel, pace);
    }
    this.where = 'worker';
    await this.request(null, 'sent');
  }

  /** Ends it: whatever waits rejects with `reason`, and the channel closes. */
  stop(reason: Error): void {
    this.fail(reason);
    this.worker.postMessage({ t: 'stop' } satisfies SendRequest);
    this.here?.channel.close();
  }

  private async sendHere(
    id: string,
    file: File,
    from: number,
    channel: RTCDataChannel,
    { chunk, rate }: SendPace,
  ) {
    this.here = { channel, sender: null };
    const pacer = new Pacer(rate);
    channel.binaryType = 'arraybuffer';
    await channelOpen(channel);
    if (this.failure) throw this.failure;
    const sender = new ChannelSender(channel, FILE_WATERMARKS);
    this.here.sender = sender;
    sender.sendNow(encodeControl({ t: 'from', id, offset: from }));
    this.post({ t: 'read', file, from });
    let last = 0;
    for (;;) {
      const block = await this.request({ t: 'next' }, 'block');
      if (block.t !== 'block') continue;
      if (!block.data) {
        sender.sendNow(encodeControl({ t: 'end', id, sha256: block.sha256 }));
        break;
      }
      for (let at = 0; at < block.data.byteLength; at += chunk) {
        const end = Math.min(at + chunk, block.data.byteLength);
        await pacer.take(end - at);
        await sender.send(new Uint8Array(block.data, at, end - at));
        this.bytes += end - at;
        const now = performance.now();
        if (now - last > PROGRESS_MS) {
          last = now;
          this.buffered = channel.bufferedAmount;
          this.onProgress();
        }
      }
    }
    await sender.drained();
    this.buffered = channel.bufferedAmount;
    this.onProgress();
  }

  private post(m: SendRequest, transfer: Transferable[] = []): void {
    this.worker.postMessage(m, transfer);
  }

  private request(m: SendRequest | null, answer: SendReply['t']): Promise<SendReply> {
    if (this.failure) return Promise.reject(this.failure);
    return new Promise((resolve, reject) => {
      this.waiting = { t: answer, resolve, reject };
      if (m) this.post(m);
    });
  }

  private receive(m: SendReply): void {
    if (m.t === 'progress') {
      this.bytes = m.bytes;
      this.buffered = m.buffered;
      this.onProgress();
      return;
    }
    if (m.t === 'failed')
      return this.fail(typeof m.note === 'string' ? new Error(m.note) : new NotedError(m.note));
    const waiting = this.waiting;
    if (waiting?.t !== m.t) return;
    this.waiting = null;
    waiting.resolve(m);
  }

  private fail(error: Error): void {
    this.failure ??= error;
    this.here?.sender?.abort(this.failure);
    const waiting = this.waiting;
    this.waiting = null;
    waiting?.reject(this.failure);
  }
}
