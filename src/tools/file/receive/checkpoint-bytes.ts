/**
 * Bytes between two checkpoints of an incoming file of `size` bytes: a sixteenth of it, from
 * 1 MiB (the receiving worker's write block) to 4 MiB. A page that dies loses at most this much
 * (plus what was in flight), so a file of tens of MiB resumes with little sent twice; each
 * checkpoint costs a flush and a small IndexedDB write, which the bounds keep rare.
 */
export function checkpointBytes(size: number): number {
  return Math.min(4 * MiB, Math.max(MiB, Math.floor(size / 16)));
}

const MiB = 1024 * 1024;
