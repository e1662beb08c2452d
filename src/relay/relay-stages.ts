// The messages between the relay receiver's three workers. Blocks travel receive -> hash ->
// write -> back to receive (to be filled again), each hop a transfer, so every stage works on
// its own block while the others work on theirs.

/** A block of plaintext: `length` bytes of `buf` belong at `at` in the file. */
export interface StageBlock {
  t: 'block';
  buf: ArrayBuffer;
  length: number;
  at: number;
}

/** receive -> hash. */
export type ToHash =
  | StageBlock
  /** The expected file size, so the writer can allocate it once. */
  | { t: 'size'; size: number }
  | { t: 'end'; size: number };

/** hash -> write: the same, with the digest on the end. */
export type ToWrite = Exclude<ToHash, { t: 'end' }> | { t: 'end'; size: number; sha256: string };

/** receive -> write, directly: stop, close and remove the partial file. */
export type ToWriteDirect = { t: 'cancel' };

/** write -> receive. */
export type FromWrite =
  | { t: 'free'; buf: ArrayBuffer }
  | { t: 'written'; sha256: string }
  /** Storage failed (opening or writing), with the browser's error; the partial file is removed. */
  | { t: 'failed'; name: string; message: string }
  | { t: 'cancelled' };

/** page -> hash worker. */
export interface HashStart {
  input: MessagePort;
  output: MessagePort;
}

/** page -> write worker. */
export interface WriteStart {
  input: MessagePort;
  /** To and from the receive worker. */
  receive: MessagePort;
  dir: string;
  id: string;
}
