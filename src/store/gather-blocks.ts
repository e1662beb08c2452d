import { BlockBuffer } from './block-buffer';

/** What a zip's small pieces are gathered into: each write to an OPFS file has a fixed cost. */
export const ZIP_WRITE_BLOCK = 1024 * 1024;
/** Chunks from this size on go on as they are: copying big ones costs more than it saves. */
export const ZIP_PASS_CHUNK = 64 * 1024;

/**
 * Gathers a stream's small chunks (a zip's headers and small files: thousands of writes of a few
 * bytes each) into blocks of `size`. A chunk of at least `passAt` goes on as it is, uncopied,
 * after what was gathered before it.
 */
export function gatherBlocks(
  size = ZIP_WRITE_BLOCK,
  passAt = ZIP_PASS_CHUNK,
): TransformStream<Uint8Array, Uint8Array> {
  let gathered: BlockBuffer | undefined;
  return new TransformStream({
    start(controller) {
      // Each block is handed on whole (the stream keeps it): the next one is new.
      gathered = new BlockBuffer(new Uint8Array(size), (data) => {
        controller.enqueue(data);
        return new Uint8Array(size);
      });
    },
    transform(chunk, controller) {
      if (chunk.byteLength < passAt) return gathered!.add(chunk);
      gathered!.flush();
      controller.enqueue(chunk);
    },
    flush() {
      gathered!.flush();
    },
  });
}
