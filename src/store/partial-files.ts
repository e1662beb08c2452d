// Interrupted incoming files, kept so the transfer can resume: the bytes so far stay in OPFS
// (where the finished file would be), and this record holds how many there are and the
// SHA-256 state after them.
import type { FileMeta } from '../files/file-meta';
import { read, serially, write } from './db';
import { deleteReceivedContent } from './received-files';

/** `id` is the sender's transfer id (also the stored content's name). */
export interface PartialFile extends FileMeta {
  /** Bytes on disk that the hash state covers. */
  bytes: number;
  /** hash-wasm's saved SHA-256 state after `bytes` bytes. */
  hashState: Uint8Array;
  /** The sending device's id (the partial is offered to that device only) and its name. */
  fromDevice: string;
  from: string;
  /** ms since the epoch */
  startedAt: number;
  updatedAt: number;
}

const KEY = 'partial-files';

export async function listPartials(): Promise<PartialFile[]> {
  return (await read<PartialFile[]>(KEY)) ?? [];
}

export async function findPartial(id: string): Promise<PartialFile | undefined> {
  return (await listPartials()).find((p) => p.id === id);
}

/**
 * Stores a checkpoint; `wanted` is asked in turn with the other list updates, so a checkpoint
 * that lost a race with the transfer's end does not bring the record back.
 */
export function savePartial(partial: PartialFile, wanted: () => boolean = () => true) {
  return serially(async () => {
    if (!wanted()) return;
    const rest = (await listPartials()).filter((p) => p.id !== partial.id);
    await write(KEY, [partial, ...rest]);
  });
}

/** Forgets the record only (the content became a received file, or is removed separately). */
export function forgetPartial(id: string): Promise<void> {
  return serially(async () => {
    await write(
      KEY,
      (await listPartials()).filter((p) => p.id !== id),
    );
  });
}

/** Drops a partial: its record and its bytes. */
export async function discardPartial(id: string): Promise<void> {
  await forgetPartial(id);
  await deleteReceivedContent(id);
}

/** Partials untouched for longer than `maxAgeMs` at `now`. */
export function expiredPartials(list: PartialFile[], now: number, maxAgeMs: number): string[] {
  return list.filter((p) => now - p.updatedAt > maxAgeMs).map((p) => p.id);
}

/** Drops the partials older than `maxAgeMs`; returns how many went. */
export async function prunePartials(maxAgeMs: number, keep: ReadonlySet<string> = new Set()) {
  const ids = expiredPartials(await listPartials(), Date.now(), maxAgeMs).filter(
    (id) => !keep.has(id),
  );
  for (const id of ids) await discardPartial(id);
  return ids.length;
}
