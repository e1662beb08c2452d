// The sending side of one batch (many files, one channel) as a state machine: events in
// (reads, digests, the channel's buffer, the receiver's verdicts), effects out (read and hash,
// digest, send). It never touches a file, a hash or a channel itself: a worker performs its
// effects, and tests drive it with fakes.
import { FramePacker } from '../protocol/batch-frames';
import type { BatchManifest } from '../protocol/manifest';
import type { BatchPosition } from '../protocol/batch-control';

export type { BatchPosition };

export interface SendLimits {
  /** The largest message the channel takes (and the packer makes). */
  readonly maxMessage: number;
  /** The largest single read. */
  readonly readSize: number;
  /** Bytes read (or being read) but not yet handed to the channel, at most. */
  readonly readAhead: number;
  /** The channel's buffered amount above which sending waits for `buffered`. */
  readonly highWater: number;
}

export type SenderEvent =
  | { t: 'start' }
  /** The answer to a `read` effect, in the order they were asked. */
  | { t: 'read'; index: number; offset: number; bytes: Uint8Array }
  /** The answer to a `digest` effect. */
  | { t: 'digested'; index: number; sha256: Uint8Array }
  /** The channel's buffered amount now (after `bufferedamountlow`, say). */
  | { t: 'buffered'; amount: number }
  | { t: 'read-failed'; index: number; name: string; message: string }
  /** The receiver's verdict on a file. */
  | { t: 'verified'; index: number; ok: boolean }
  | { t: 'closed' }
  | { t: 'abort'; by: 'here' | 'there' };

export type SenderEffect =
  /**
   * Read `length` bytes of file `index` at `offset` and add them to its hash (reads of a file
   * come in order, from 0); answer with `read`. `hashOnly`: the bytes are only hashed (a resumed
   * file's part the receiver holds), and the answer may carry no bytes.
   */
  | { t: 'read'; index: number; offset: number; length: number; hashOnly?: true }
  /** File `index` was read whole: finish its hash and answer with `digested`. */
  | { t: 'digest'; index: number }
  | { t: 'send'; message: Uint8Array }
  | { t: 'ended'; outcome: SendOutcome };

export type SendOutcome =
  /** Every file has the receiver's verdict; `corrupt` lists those it found damaged. */
  | { t: 'complete'; corrupt: number[] }
  /** A file could not be read (changed or removed since it was chosen). */
  | { t: 'failed'; code: 'unreadable'; index: number; name: string; message: string }
  /** The connection ended first; `verified` files had their verdict. */
  | { t: 'interrupted'; verified: number }
  | { t: 'aborted'; by: 'here' | 'there' };

export interface SenderSnapshot {
  readonly fileCount: number;
  readonly filesVerified: number;
  readonly filesCorrupt: number;
  /** File bytes handed to the channel (with the resumed part), of `totalBytes`. */
  readonly bytes: number;
  readonly totalBytes: number;
  /** The file being read. */
  readonly current: number;
  readonly outcome: SendOutcome | null;
}

export class BatchSender {
  private readonly packer: FramePacker;
  private readonly sizes: number[];
  private readonly totalBytes: number;
  /** The next read to ask for. */
  private next: { index: number; offset: number };
  /** Reads asked for and not answered yet, in order. */
  private readonly reading: { index: number; offset: number; length: number; hashOnly: boolean }[] =
    [];
  private readingBytes = 0;
  /** Messages packed, not yet sent. */
  private readonly queue: Uint8Array[] = [];
  private queuedBytes = 0;
  private buffered = 0;
  /** File bytes packed (the resumed part counted as packed). */
  private packed: number;
  /** Digests asked for, in order; the batch's last message goes once the last one is in. */
  private digests = 0;
  private readonly verdicts: (boolean | undefined)[];
  private verdictCount: number;
  private corrupt: number[] = [];
  private started = false;
  private outcome: SendOutcome | null = null;
  private readonly resumedAt: BatchPosition;

  constructor(
    manifest: BatchManifest,
    private readonly limits: SendLimits,
    from: BatchPosition = { index: 0, offset: 0 },
  ) {
    if (limits.readAhead < 2 * limits.maxMessage + limits.readSize)
      throw new RangeError('readAhead must hold two messages and a read');
    this.packer = new FramePacker(limits.maxMessage);
    this.sizes = manifest.files.map((f) => f.size);
    this.totalBytes = this.sizes.reduce((a, b) => a + b, 0);
    const index = Math.min(from.index, this.sizes.length);
    const offset = index < this.sizes.length ? Math.min(from.offset, this.sizes[index]) : 0;
    this.next = { index, offset: 0 };
    this.packed = this.sizes.slice(0, index).reduce((a, b) => a + b, 0) + offset;
    this.resumedAt = { index, offset };
    this.verdicts = new Array<boolean | undefined>(this.sizes.length);
    for (let i = 0; i < index; i++) this.verdicts[i] = true;
    this.verdictCount = index;
  }

  handle(event: SenderEvent): SenderEffect[] {
    if (this.outcome) return [];
    const out: SenderEffect[] = [];
    switch (event.t) {
      case 'start':
        if (this.started) return [];
        this.started = true;
        break;
      case 'read':
        this.took(event);
        break;
      case 'digested':
        this.digested(event.index, event.sha256);
        break;
      case 'buffered':
        this.buffered = event.amount;
        break;
      case 'read-failed': {
        const { index, name, message } = event;
        return this.end(out, { t: 'failed', code: 'unreadable', index, name, message });
      }
      case 'verified':
        this.verdict(event.index, event.ok);
        break;
      case 'closed':
        return this.end(out, { t: 'interrupted', verified: this.verdictCount });
      case 'abort':
        return this.end(out, { t: 'aborted', by: event.by });
    }
    if (!this.started) return out;
    this.send(out);
    this.ask(out);
    this.send(out);
    if (this.verdictCount === this.sizes.length)
      return this.end(out, { t: 'complete', corrupt: this.corrupt });
    return out;
  }

  snapshot(): SenderSnapshot {
    return Object.freeze({
      fileCount: this.sizes.length,
      filesVerified: this.verdictCount - this.corrupt.length,
      filesCorrupt: this.corrupt.length,
      // What is still queued here has not reached the channel (headers make this a little low).
      bytes: Math.max(0, this.packed - this.queuedBytes),
      totalBytes: this.totalBytes,
      current: this.next.index,
      outcome: this.outcome,
    });
  }

  /** Asks for reads (and digests) while the read-ahead allows. */
  private ask(out: SenderEffect[]): void {
    const { readSize, readAhead } = this.limits;
    while (
      this.next.index < this.sizes.length &&
      this.readingBytes + this.queuedBytes < readAhead
    ) {
      const { index, offset } = this.next;
      const size = this.sizes[index];
      const resumedPart = index === this.resumedAt.index ? this.resumedAt.offset : 0;
      if (offset < size) {
        // A resumed file's held part is hashed, not sent.
        const hashOnly = offset < resumedPart;
        const length = Math.min(readSize, size - offset, hashOnly ? resumedPart - offset : size);
        this.reading.push({ index, offset, length, hashOnly });
        this.readingBytes += length;
        out.push({ t: 'read', index, offset, length, ...(hashOnly ? { hashOnly: true } : {}) });
        this.next = { index, offset: offset + length };
        continue;
      }
      out.push({ t: 'digest', index });
      this.digests++;
      this.next = { index: index + 1, offset: 0 };
    }
  }

  private took({ index, offset, bytes }: Extract<SenderEvent, { t: 'read' }>): void {
    const asked = this.reading[0];
    // Answers come in the order asked; anything else is not ours.
    if (!asked || asked.index !== index || asked.offset !== offset) return;
    this.reading.shift();
    this.readingBytes -= asked.length;
    if (asked.hashOnly) return;
    if (bytes.length !== asked.length) throw new Error('a read answered with the wrong length');
    this.packer.data(index, offset, bytes);
    this.packed += bytes.length;
    this.enqueue(this.packer.take());
  }

  private digested(index: number, sha256: Uint8Array): void {
    this.packer.end(index, sha256);
    this.digests--;
    const last = this.next.index >= this.sizes.length && this.digests === 0;
    this.enqueue(last ? this.packer.flush() : this.packer.take());
  }

  private enqueue(messages: Uint8Array[]): void {
    for (const m of messages) {
      this.queue.push(m);
      this.queuedBytes += m.length;
    }
  }

  /** Hands queued messages to the channel while its buffer is below the high mark. */
  private send(out: SenderEffect[]): void {
    while (this.queue.length && this.buffered < this.limits.highWater) {
      const message = this.queue.shift()!;
      this.queuedBytes -= message.length;
      this.buffered += message.length;
      out.push({ t: 'send', message });
    }
  }

  private verdict(index: number, ok: boolean): void {
    if (!(index >= 0 && index < this.sizes.length) || this.verdicts[index] !== undefined) return;
    this.verdicts[index] = ok;
    this.verdictCount++;
    if (!ok) this.corrupt.push(index);
  }

  private end(out: SenderEffect[], outcome: SendOutcome): SenderEffect[] {
    this.outcome = outcome;
    out.push({ t: 'ended', outcome });
    return out;
  }
}
