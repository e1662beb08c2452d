import type { IHasher } from 'hash-wasm';
import { fileChunks } from './file-chunks';

/** Reads for the prefix check: large blocks, since nothing of them is sent. */
const PREFIX_BLOCK = 4 * 1024 * 1024;

/**
 * Whether the first `offset` bytes of `file` have the SHA-256 `prefix` (what the receiver holds
 * of an interrupted transfer). `hash` is fed those bytes: on a match it is left at `offset`,
 * ready for the rest; otherwise it is reset for a transfer from the start. `stopped` is asked
 * between blocks (an abort during a long read).
 */
export async function prefixMatches(
  file: Blob,
  offset: number,
  prefix: string,
  hash: IHasher,
  stopped: () => boolean,
): Promise<boolean> {
  hash.init();
  if (offset > file.size) return false;
  for await (const block of fileChunks(file.slice(0, offset), PREFIX_BLOCK, PREFIX_BLOCK)) {
    if (stopped()) return false;
    hash.update(block);
  }
  const state = hash.save();
  if (hash.digest('hex') === prefix) {
    hash.load(state);
    return true;
  }
  hash.init();
  return false;
}
