import type { BatchEndCode, BatchPosition } from '../protocol/batch-control';

/** How a batch ended, on either side. */
export type SessionOutcome =
  /** Every file has its verdict; `corrupt` lists those that arrived damaged. */
  | { readonly t: 'complete'; readonly corrupt: readonly number[] }
  /** It ended early at file `index`, for a reason this side (`here`) or the other found. */
  | {
      readonly t: 'ended';
      readonly code: BatchEndCode;
      readonly index: number;
      readonly by: 'here' | 'there';
    }
  /** The connection went; the receiver holds the batch up to `at` and can resume there. */
  | { readonly t: 'interrupted'; readonly at?: BatchPosition };
