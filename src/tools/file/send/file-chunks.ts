import { NotedError } from '../protocol/transfer-note';
import { CHUNK_SIZE } from '../protocol/file-protocol';

/** One FileReader read: a multiple of the chunk size, so every chunk but the last is full. */
const BLOCK_SIZE = 64 * CHUNK_SIZE;
/** Reads in flight ahead of the sender, so the channel never waits for the disk. */
const READ_AHEAD = 3;

function readBlock(blob: Blob): Promise<ArrayBuffer> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(reader.result as ArrayBuffer);
    reader.onerror = () => reject(reader.error ?? new NotedError({ code: 'unreadable' }));
    reader.readAsArrayBuffer(blob);
  });
}

/**
 * The file's bytes as 16 KiB views, read with FileReader on `file.slice` in larger blocks with
 * several reads ahead. Views share their block's buffer: nothing is copied.
 */
export async function* fileChunks(
  file: Blob,
  chunkSize = CHUNK_SIZE,
  blockSize = BLOCK_SIZE,
): AsyncGenerator<Uint8Array<ArrayBuffer>> {
  let next = 0;
  const pending: Promise<ArrayBuffer>[] = [];
  const fill = () => {
    while (pending.length < READ_AHEAD && next < file.size) {
      const start = next;
      next = Math.min(file.size, start + blockSize);
      const read = readBlock(file.slice(start, next));
      // A read ahead may fail while an earlier block is awaited: it throws when its turn comes.
      read.catch(() => {});
      pending.push(read);
    }
  };
  fill();
  // Abandoned early (abort), the reads still in flight settle by themselves.
  while (pending.length > 0) {
    const block = await pending.shift()!;
    fill();
    for (let offset = 0; offset < block.byteLength; offset += chunkSize) {
      yield new Uint8Array(block, offset, Math.min(chunkSize, block.byteLength - offset));
    }
  }
}
