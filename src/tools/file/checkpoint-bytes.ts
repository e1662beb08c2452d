/**
 * Bytes between two checkpoints of an incoming file. A page that dies loses at most this much
 * (plus what was in flight); each checkpoint costs a flush and a small IndexedDB write.
 */
export const CHECKPOINT_BYTES = 4 * 1024 * 1024;
