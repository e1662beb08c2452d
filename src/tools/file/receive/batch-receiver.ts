// The receiving side of one batch (see protocol/batch-frames.ts and protocol/manifest.ts) as a
// state machine: it takes the channel's messages and its worker's answers, and says what to do.
// It neither stores nor hashes; the worker that runs it performs its effects, in order.

import { isFrameError, parseFrame } from '../protocol/batch-frames';
import { manifestTotalBytes, type BatchManifest } from '../protocol/manifest';
import type { BatchPosition } from '../protocol/batch-control';

export type { BatchPosition };

export type BatchFailure = 'malformed' | 'out-of-order' | 'oversize' | 'short' | 'storage';

export type BatchOutcome =
  /** `corrupt`: the files this receiver found corrupt (a resumed one knows none before it). */
  | { readonly t: 'complete'; readonly corrupt: readonly number[] }
  | {
      readonly t: 'failed';
      readonly code: BatchFailure;
      /** The file expected when it failed (the file count for bytes after the last file). */
      readonly index: number;
      /** For 'storage': the browser's error, so it can be told in words of its own. */
      readonly cause?: { readonly name: string; readonly message: string };
    }
  | { readonly t: 'interrupted'; readonly at: BatchPosition }
  | { readonly t: 'aborted'; readonly by: 'here' | 'there' };

export type ReceiverEvent =
  | { readonly t: 'message'; readonly data: Uint8Array }
  | { readonly t: 'digested'; readonly index: number; readonly sha256: Uint8Array }
  | { readonly t: 'storage-failed'; readonly name: string; readonly message: string }
  | { readonly t: 'closed' }
  | { readonly t: 'abort'; readonly by: 'here' | 'there' };

export type ReceiverEffect =
  /** Store and hash: always the next bytes of the file. `bytes` is a view into the message. */
  | {
      readonly t: 'write';
      readonly index: number;
      readonly offset: number;
      readonly bytes: Uint8Array;
    }
  /** Every byte of the file was written: finish its hash and answer with `digested`. */
  | { readonly t: 'digest'; readonly index: number }
  /** The verdict on a file: record it and tell the sender. */
  | { readonly t: 'verified'; readonly index: number; readonly ok: boolean }
  /** The last effect there will ever be. */
  | { readonly t: 'ended'; readonly outcome: BatchOutcome };

export interface BatchSnapshot {
  /** Files verified, ok or corrupt, those verified before a resume included. */
  readonly filesVerified: number;
  /** Files found corrupt since this receiver began. */
  readonly filesCorrupt: number;
  /** Bytes written, those stored before a resume included. */
  readonly bytes: number;
  readonly totalBytes: number;
  readonly fileCount: number;
  /** The file whose bytes come next (the file count once every END came). */
  readonly current: number;
  readonly outcome?: BatchOutcome;
}

export class BatchReceiver {
  private readonly sizes: number[];
  private readonly fileCount: number;
  private readonly totalBytes: number;
  /** Files this receiver must verify: those from its starting position on. */
  private readonly toVerify: number;
  private current: number;
  private offset: number;
  private bytes: number;
  private verified = 0;
  private readonly corrupt: number[] = [];
  /** The SHA-256 each END announced, for the files whose digest was asked and not yet answered. */
  private readonly pending = new Map<number, Uint8Array>();
  /** Pending files in the order their ENDs came (ascending); answered ones are skipped. */
  private readonly pendingOrder: number[] = [];
  private pendingHead = 0;
  private outcome: BatchOutcome | undefined;

  constructor(manifest: BatchManifest, from: BatchPosition = { index: 0, offset: 0 }) {
    this.sizes = manifest.files.map((file) => file.size);
    this.fileCount = this.sizes.length;
    const { index, offset } = from;
    const limit = index < this.fileCount ? this.sizes[index] : 0;
    if (!Number.isInteger(index) || index < 0 || index > this.fileCount)
      throw new RangeError(`from.index must be an integer in 0..${this.fileCount}`);
    if (!Number.isInteger(offset) || offset < 0 || offset > limit)
      throw new RangeError(`from.offset must be an integer in 0..${limit}`);
    this.totalBytes = manifestTotalBytes(manifest);
    this.current = index;
    this.offset = offset;
    let before = offset;
    for (let i = 0; i < index; i++) before += this.sizes[i];
    this.bytes = before;
    this.toVerify = this.fileCount - index;
  }

  /**
   * The effects due before any event: the end, when nothing is left to receive (an empty batch, or
   * a resume past its last file), since no message will come to trigger it.
   */
  start(): ReceiverEffect[] {
    if (this.outcome === undefined && this.verified === this.toVerify)
      return this.finish({ t: 'complete', corrupt: [] });
    return [];
  }

  /** The effects of one event, in the order to perform them; none at all once the batch ended. */
  handle(event: ReceiverEvent): ReceiverEffect[] {
    if (this.outcome !== undefined) return [];
    // A caller that skipped start() still gets the batch's end first.
    const due = this.start();
    if (due.length > 0) return due;
    switch (event.t) {
      case 'message':
        return this.receive(event.data);
      case 'digested':
        return this.digested(event.index, event.sha256);
      case 'storage-failed':
        return this.finish({
          t: 'failed',
          code: 'storage',
          index: this.position().index,
          cause: { name: event.name, message: event.message },
        });
      case 'closed':
        return this.finish({ t: 'interrupted', at: this.position() });
      case 'abort':
        return this.finish({ t: 'aborted', by: event.by });
    }
  }

  /**
   * Where a resume must start. A file whose END came but whose digest is still pending is not done:
   * the position is then `{ index, offset: size }`, and the sender resends only that file's END
   * (the worker still holds its bytes and finishes their hash when asked again). Bytes after the
   * position may have been written too; they are sent again and overwrite them.
   */
  position(): BatchPosition {
    const first = this.firstPending();
    if (first !== undefined) return { index: first, offset: this.sizes[first] };
    return { index: this.current, offset: this.offset };
  }

  snapshot(): BatchSnapshot {
    return Object.freeze({
      filesVerified: this.fileCount - this.toVerify + this.verified,
      filesCorrupt: this.corrupt.length,
      bytes: this.bytes,
      totalBytes: this.totalBytes,
      fileCount: this.fileCount,
      current: this.current,
      ...(this.outcome !== undefined ? { outcome: this.outcome } : {}),
    });
  }

  /**
   * A message is taken whole or refused whole: its records are checked against a copy of the
   * cursor, and the state moves only once every record is in place.
   */
  private receive(data: Uint8Array): ReceiverEffect[] {
    const records = parseFrame(data, this.fileCount);
    if (isFrameError(records)) return this.fail('malformed', this.current);
    const effects: ReceiverEffect[] = [];
    const ended: { index: number; sha256: Uint8Array }[] = [];
    let index = this.current;
    let offset = this.offset;
    let written = 0;
    for (const record of records) {
      if (record.index !== index) return this.fail('out-of-order', index);
      const size = this.sizes[index];
      if (record.kind === 'data') {
        if (record.offset !== offset) return this.fail('out-of-order', index);
        if (record.bytes.length > size - offset) return this.fail('oversize', index);
        effects.push({ t: 'write', index, offset, bytes: record.bytes });
        offset += record.bytes.length;
        written += record.bytes.length;
      } else {
        if (offset < size) return this.fail('short', index);
        // A copy: the hash is kept until the digest answers, the message need not be.
        ended.push({ index, sha256: record.sha256.slice() });
        effects.push({ t: 'digest', index });
        index += 1;
        offset = 0;
      }
    }
    this.current = index;
    this.offset = offset;
    this.bytes += written;
    for (const end of ended) {
      this.pending.set(end.index, end.sha256);
      this.pendingOrder.push(end.index);
    }
    return effects;
  }

  private digested(index: number, sha256: Uint8Array): ReceiverEffect[] {
    const expected = this.pending.get(index);
    // Not asked, or answered already: nothing to decide.
    if (expected === undefined) return [];
    this.pending.delete(index);
    const ok = sameBytes(expected, sha256);
    if (!ok) this.corrupt.push(index);
    this.verified += 1;
    const effects: ReceiverEffect[] = [{ t: 'verified', index, ok }];
    if (this.verified === this.toVerify)
      effects.push(...this.finish({ t: 'complete', corrupt: [...this.corrupt].sort(byNumber) }));
    return effects;
  }

  /** The lowest file still waiting for its digest; answered ones are dropped from the front. */
  private firstPending(): number | undefined {
    while (
      this.pendingHead < this.pendingOrder.length &&
      !this.pending.has(this.pendingOrder[this.pendingHead])
    )
      this.pendingHead += 1;
    if (this.pendingHead === this.pendingOrder.length) {
      // Keep the queue from growing with the batch once it drains.
      this.pendingOrder.length = 0;
      this.pendingHead = 0;
      return undefined;
    }
    return this.pendingOrder[this.pendingHead];
  }

  private fail(code: BatchFailure, index: number): ReceiverEffect[] {
    return this.finish({ t: 'failed', code, index });
  }

  private finish(outcome: BatchOutcome): ReceiverEffect[] {
    this.outcome = deepFreeze(outcome);
    return [{ t: 'ended', outcome: this.outcome }];
  }
}

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

function byNumber(a: number, b: number): number {
  return a - b;
}

/** Outcomes go to the UI as they are: nothing there may change them. */
function deepFreeze(outcome: BatchOutcome): BatchOutcome {
  if (outcome.t === 'complete') Object.freeze(outcome.corrupt);
  if (outcome.t === 'interrupted') Object.freeze(outcome.at);
  if (outcome.t === 'failed' && outcome.cause) Object.freeze(outcome.cause);
  return Object.freeze(outcome);
}
