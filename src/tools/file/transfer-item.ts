import type { TemplateResult } from 'lit';
import type { FileMeta } from './file-protocol';

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

/**
 * What happened to a transfer, in words: plain text, or a localized template when it holds data
 * that must not be translated (a file name, a hash) marked with `translate="no"`.
 */
export type TransferNote = string | TemplateResult;

/** One file going out or coming in, as the panel shows it. */
export interface TransferItem extends FileMeta {
  /** Bytes transferred so far. */
  bytes: number;
  state: TransferState;
  /** What happened, in words (why it was declined, who aborted, …). */
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
