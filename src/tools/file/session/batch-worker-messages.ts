// What the page and a batch's worker say to each other. The worker runs the batch's session
// (see send-session.ts, receive-session.ts) and owns its bytes channel; the page owns the control
// channel and relays the session's control messages both ways.
import {
  encodeBatchControl,
  type BatchControl,
  type BatchPosition,
} from '../protocol/batch-control';
import type { BatchManifest } from '../protocol/manifest';
import type { SendLimits } from '../send/batch-sender';
import type { SessionOutcome } from './session-outcome';

/** Where a batch stands, as the page shows it. */
export interface BatchProgress {
  readonly fileCount: number;
  /** Files verified (those stored before a resume included), and of those found corrupt. */
  readonly filesDone: number;
  readonly filesCorrupt: number;
  readonly bytes: number;
  readonly totalBytes: number;
}

export type BatchSendRequest =
  /** Some of the batch's files, in order (thousands go in several messages, not one long task). */
  | { t: 'files'; files: File[] }
  /**
   * Offer the batch: its files (those sent before), at these paths. The worker reads their sizes,
   * types and dates: for files from a folder that can take the browser a moment each.
   */
  | {
      t: 'start';
      id: string;
      paths: string[];
      emptyFolders: readonly string[];
      limits: SendLimits;
      rate: number;
    }
  /** The batch's bytes channel, just opened (sent before the accept that asked for it). */
  | { t: 'channel'; channel: RTCDataChannel }
  | { t: 'control'; message: BatchControl }
  | { t: 'abort' }
  | { t: 'closed' };

export type BatchReceiveRequest =
  | { t: 'control'; message: BatchControl }
  /**
   * Take the batch from `from`, writing its files one after another into `pack` in `dir`. A file
   * cut in the middle (`from.offset` > 0) has its first bytes in `resume`'s pack from `start`.
   */
  | {
      t: 'accept';
      id: string;
      from: BatchPosition;
      dir: string;
      pack: string;
      resume?: { pack: string; start: number };
    }
  /** Not taken: by the user, or (`unsafe`) for the path at that index. */
  | { t: 'decline'; unsafe?: number }
  | { t: 'channel'; channel: RTCDataChannel }
  | { t: 'abort' }
  | { t: 'closed' };

/** The file a batch was cut inside: its first `length` bytes are in the pack from `start`. */
export interface CutFile {
  readonly index: number;
  readonly start: number;
  readonly length: number;
}

/** A verified file, stored in the pack from byte `start`. */
export interface PackedFile {
  readonly index: number;
  readonly start: number;
  readonly sha256: string;
}

export type BatchWorkerReply =
  | { t: 'control'; message: BatchControl }
  | { t: 'progress'; progress: BatchProgress }
  /** The receiver's worker: the whole manifest came. */
  | { t: 'offered'; manifest: BatchManifest }
  /** The receiver's worker: files verified and on disk since the last `stored`. */
  | { t: 'stored'; files: PackedFile[] }
  /** `partial`: the file the connection was cut inside, if any. */
  | { t: 'ended'; outcome: SessionOutcome; progress: BatchProgress; partial?: CutFile }
  /** The worker itself failed (storage, a read, a send): the batch ends with it. */
  | { t: 'failed'; name: string; message: string };

/** Hears a batch's worker: its replies, and its own failure as a `failed` reply. */
export function listen(worker: Worker, reply: (m: BatchWorkerReply) => void): void {
  worker.onmessage = ({ data }: MessageEvent<BatchWorkerReply>) => reply(data);
  worker.onerror = (e) =>
    reply({ t: 'failed', name: 'Error', message: e.message || 'the worker failed' });
}

/** Sends a worker's control message to the peer; a closed channel ends the batch by itself. */
export function relayControl(control: RTCDataChannel, message: BatchControl): void {
  try {
    control.send(encodeBatchControl(message));
  } catch {
    // The connection is gone: its close interrupts the batch on this side too.
  }
}
