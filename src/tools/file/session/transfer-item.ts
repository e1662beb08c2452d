import type { FileMeta } from '../protocol/file-protocol';
import type { TransferNote } from '../protocol/transfer-note';

export type { TransferNote };

export type TransferState =
  | 'queued'
  | 'offered'
  | 'waiting'
  | 'sending'
  | 'receiving'
  | 'verifying'
  | 'done'
  | 'declined'
  | 'aborted'
  | 'failed'
  | 'corrupt'
  | 'skipped'
  /** The connection ended mid-transfer; it can resume. */
  | 'interrupted';

/** One file going out or coming in, as the panel shows it. */
export interface TransferItem extends FileMeta {
  /** Bytes transferred so far. */
  bytes: number;
  state: TransferState;
  /** What happened (why it was declined, who aborted, …), worded by the UI. */
  message: TransferNote;
  startedAt: number;
  endedAt: number;
  /** How a resumed transfer went on (resumed at an offset, or started over and why). */
  resume?: TransferNote;
  /** An outgoing file the receiver holds part of, whose File this page no longer has. */
  needsFile?: boolean;
  /** An empty folder of a folder sent whole, not a file. */
  folder?: boolean;
  /** A folder sent as one transfer (a batch), its files counted in its note. */
  batch?: boolean;
}

export const finished = (s: TransferState) =>
  s === 'done' ||
  s === 'declined' ||
  s === 'aborted' ||
  s === 'failed' ||
  s === 'corrupt' ||
  s === 'skipped' ||
  s === 'interrupted';
