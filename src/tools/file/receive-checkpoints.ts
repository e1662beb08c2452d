import { createSHA256, type IHasher } from 'hash-wasm';
import type { FileSink } from '../../store/file-sink';
import { savePartial, type PartialFile } from '../../store/partial-files';
import type { TransferItem } from './transfer-item';

/**
 * Bytes between two checkpoints of an incoming file. A page that dies loses at most this much
 * (plus what was in flight); each checkpoint costs a flush and a small IndexedDB write.
 */
export const CHECKPOINT_BYTES = 4 * 1024 * 1024;

/** The incoming file being written, and how far its stored checkpoint reaches. */
export interface Incoming {
  item: TransferItem;
  sink: FileSink;
  hash: IHasher;
  /** Bytes covered by the last stored checkpoint. */
  saved: number;
  saving: boolean;
  /** The checkpoints are still wanted (the transfer has not ended). */
  keep: boolean;
  /** A resumed transfer waits for the sender's `from` before any bytes. */
  awaitingFrom: boolean;
  /** The sending device's id and name, kept with the partial. */
  from: { device: string; name: string };
  /** ms since the epoch, when the transfer first began. */
  began: number;
}

/**
 * Stores where `incoming` stands: the hash state after its bytes, once the sink says those bytes
 * are on disk. With `close`, the sink is closed (the transfer was interrupted) instead of synced.
 */
export async function checkpoint(incoming: Incoming, close = false): Promise<void> {
  const { item, sink, hash } = incoming;
  incoming.saving = true;
  const bytes = item.bytes;
  const hashState = hash.save();
  try {
    await (close ? sink.close() : sink.sync());
    await savePartial(
      {
        id: item.id,
        name: item.name,
        size: item.size,
        type: item.type,
        lastModified: item.lastModified,
        ...(item.path !== undefined ? { path: item.path } : {}),
        bytes,
        hashState,
        fromDevice: incoming.from.device,
        from: incoming.from.name,
        startedAt: incoming.began,
        updatedAt: Date.now(),
      },
      () => incoming.keep,
    );
    incoming.saved = bytes;
  } finally {
    incoming.saving = false;
  }
}

/** The SHA-256 (hex) of the bytes a saved hash state covers. */
export async function prefixDigest(hashState: Uint8Array): Promise<string> {
  return (await createSHA256()).load(hashState).digest('hex');
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
