// Which files of one pick go together as one transfer (a batch). A few files go one by one, so
// each can be accepted or declined on its own; many go as one, since a transfer per file costs
// a worker and a round of messages each. A big file always goes alone: a cut one goes on from
// its last checkpoint, where a batch sends its cut file again from the start.
import type { Outgoing } from './outgoing-queue';
import type { FolderFile } from './session/outgoing-batches';

/** More files than this, in one pick, go as one transfer. */
export const PICK_BATCH_ABOVE = 20;
/** Files from this size on go on their own. */
export const PICK_BATCH_FILE_MAX = 16 * 1024 * 1024;

/**
 * Splits a pick (files without paths) into those that go as one batch, named by their own names,
 * and those that go one by one. Two files of one name cannot share a batch: both go alone.
 */
export function splitPick(files: readonly (File | Outgoing)[]): {
  together: FolderFile[];
  alone: (File | Outgoing)[];
} {
  const fileOf = (f: File | Outgoing) => (f instanceof File ? f : f.file);
  const names = new Map<string, number>();
  for (const f of files) names.set(fileOf(f).name, (names.get(fileOf(f).name) ?? 0) + 1);
  const fits = (f: File | Outgoing) =>
    fileOf(f).size < PICK_BATCH_FILE_MAX && names.get(fileOf(f).name) === 1;
  const small = files.filter(fits);
  if (small.length <= PICK_BATCH_ABOVE) return { together: [], alone: [...files] };
  return {
    together: small.map((f) => ({ file: fileOf(f), path: fileOf(f).name })),
    alone: files.filter((f) => !fits(f)),
  };
}
