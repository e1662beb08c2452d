// What the page shows of a batch, on either side: plain data (no words), which the UI turns
// into a row of the transfer list.
import type { BatchProgress } from './batch-worker-messages';
import type { SessionOutcome } from './session-outcome';

export type BatchPhase =
  /** Sender: offered, waiting for the receiver's answer. Receiver: waiting for its user. */
  | 'offered'
  | 'moving'
  | 'over'
  /** The connection went: it resumes when the same device is back. */
  | 'interrupted';

export interface BatchView {
  readonly id: string;
  /** The folder sent (its top folder's name); '' for files picked together. */
  readonly name: string;
  readonly phase: BatchPhase;
  readonly progress: BatchProgress;
  readonly outcome: SessionOutcome | null;
  /** The worker failed (a read, storage, a send), in the browser's words. */
  readonly failure: { readonly name: string; readonly message: string } | null;
  /** Receiver: files already here when it resumed (0: a fresh start). */
  readonly resumedFiles: number;
  /** Receiver: bytes already here of the file the batch was cut in (it goes on after them). */
  readonly resumedPart: number;
  /** Receiver: a path the manifest holds that is not safe to write, and why. */
  readonly unsafePath: { readonly path: string; readonly reason: string } | null;
  /** Receiver: refused for lack of storage (bytes the rest needs, and those the browser grants). */
  readonly noSpace: { readonly needs: number; readonly grants: number } | null;
  /** The file the outcome names (its index in the manifest), by path. */
  readonly pathAt: (index: number) => string;
  readonly startedAt: number;
  readonly endedAt: number;
}
