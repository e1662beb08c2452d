// The file a batch was cut in the middle of: its first bytes, stored in the pack of the
// connection that was cut, so the batch goes on inside that file when the sender is back.
import { read, remove, write } from './db';

export interface BatchPartial {
  readonly batch: string;
  /** The file cut (its index in the batch's manifest)... */
  readonly index: number;
  /** ...and where its first `length` bytes are: in `pack`, from byte `start`. */
  readonly pack: string;
  readonly start: number;
  readonly length: number;
}

const key = (batch: string) => `batch-partial:${batch}`;

export function readBatchPartial(batch: string): Promise<BatchPartial | undefined> {
  return read<BatchPartial>(key(batch));
}

export function saveBatchPartial(partial: BatchPartial): Promise<void> {
  return write(key(partial.batch), partial);
}

export function deleteBatchPartial(batch: string): Promise<void> {
  return remove(key(batch));
}
