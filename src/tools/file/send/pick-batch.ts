// Which files of one pick go together as one transfer (a batch). A few files go one by one, so
// each can be accepted or declined on its own; many go as one, since a transfer per file costs
// a worker and a round of messages each. A big file always goes alone: a cut one goes on from
// its last checkpoint, where a batch sends its cut file again from the start.
import type { Outgoing } from './outgoing-queue';
import type { FolderFile } from '../session/outgoing-batches';

/** More files than this, in one pick, go as one transfer. */
export const PICK_BATCH_ABOVE = 20;
/** Files from this size on go on their own. */
export const PICK_BATCH_FILE_MAX = 16 * 1024 * 1024;

/** Sizes read per task: the browser looks each picked file up on disk (10,000 took 1.7 s). */
const SIZES_PER_TASK = 100;

/**
 * Splits a pick (files without paths) into those that go as one batch, named by their own names,
 * and those that go one by one. Two files of one name cannot share a batch: both go alone.
 */
export async function splitPick(files: readonly (File | Outgoing)[]): Promise<{
  together: FolderFile[];
  alone: (File | Outgoing)[];
}> {
  const none = { together: [], alone: [...files] };
  if (files.length <= PICK_BATCH_ABOVE) return none;
  const fileOf = (f: File | Outgoing) => (f instanceof File ? f : f.file);
  const names = new Map<string, number>();
  for (const f of files) names.set(fileOf(f).name, (names.get(fileOf(f).name) ?? 0) + 1);
  const small = new Set<File | Outgoing>();
  for (const [i, f] of files.entries()) {
    if (i > 0 && i % SIZES_PER_TASK === 0) await new Promise((resolve) => setTimeout(resolve));
    if (fileOf(f).size < PICK_BATCH_FILE_MAX && names.get(fileOf(f).name) === 1) small.add(f);
  }
  if (small.size <= PICK_BATCH_ABOVE) return none;
  return {
    together: [...small].map((f) => ({ file: fileOf(f), path: fileOf(f).name })),
    alone: files.filter((f) => !small.has(f)),
  };
}
