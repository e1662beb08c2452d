import { savePartial, type PartialFile } from '../../../store/partial-files';
import type { TransferItem } from '../session/transfer-item';
import type { Kept, ReceivePipe } from './receive-pipe';

/** The incoming file being written. */
export interface Incoming {
  item: TransferItem;
  /** The worker that receives, hashes and stores its bytes. */
  pipe: ReceivePipe;
  /** The checkpoints are still wanted (the transfer has not ended). */
  keep: boolean;
  /** A resumed transfer waits for the sender's `from` before any bytes. */
  awaitingFrom: boolean;
  /** The sending device's id and name, kept with the partial. */
  from: { device: string; name: string };
  /** ms since the epoch, when the transfer first began. */
  began: number;
}

/** Stores where `incoming` stands (bytes on disk, the hash after them) as its partial file. */
export function storeCheckpoint(incoming: Incoming, at: Kept): Promise<void> {
  const { item } = incoming;
  return savePartial(
    {
      id: item.id,
      name: item.name,
      size: item.size,
      type: item.type,
      lastModified: item.lastModified,
      ...(item.path !== undefined ? { path: item.path } : {}),
      bytes: at.bytes,
      hashState: at.hashState,
      fromDevice: incoming.from.device,
      from: incoming.from.name,
      startedAt: incoming.began,
      updatedAt: Date.now(),
    },
    () => incoming.keep,
  );
}

/** A partial belongs to this header: the same transfer of the same file as far as can be told. */
export function continues(partial: PartialFile, item: TransferItem): boolean {
  return (
    partial.id === item.id &&
    partial.name === item.name &&
    partial.size === item.size &&
    (partial.path ?? '') === (item.path ?? '') &&
    partial.bytes <= item.size
  );
}
