// A received file's content streamed into the Origin Private File System through a worker.
import { msg } from '@lit/localize';
import { storageFailure } from './storage-errors';
import { RECEIVED_DIR } from './received-files';
import type { WriterReply, WriterRequest } from './opfs-writer.worker';
import { BlockBuffer } from './block-buffer';

/** Bytes gathered before one write: fewer, larger writes keep OPFS fast. */
const WRITE_BLOCK = 1024 * 1024;

/** Streams bytes into an OPFS file, in order. */
export interface FileSink {
  write(bytes: Uint8Array): void;
  /** Rejects once a write has failed; a producer that can wait should await it. */
  ready(): Promise<void>;
  /** Resolves once everything written so far is on disk (a checkpoint a resume can trust). */
  sync(): Promise<void>;
  /** Cuts the file to `length` bytes; later writes continue from there. */
  truncate(length: number): void;
  /** Flushes and closes; rejects if any write failed. */
  close(): Promise<void>;
  /** Drops the partial file. */
  remove(): Promise<void>;
}

class OpenTimeout extends Error {}

/** How long a storage worker gets to open its file before it is replaced. */
const openTimeoutMs = 10_000;

/**
 * Opens the stored file `id` for writing from byte `at` (0: a new file; more: a resumed one,
 * whose bytes past `at` are cut off).
 */
export async function openSink(id: string, at = 0, retries = 1): Promise<FileSink> {
  // A worker with a synchronous access handle writes far faster than a main-thread
  // createWritable(), whose queue of pending writes would otherwise grow with the transfer.
  const worker = new Worker(new URL('./opfs-writer.worker.ts', import.meta.url), {
    type: 'module',
  });
  let failed: Error | null = null;
  // Replies come in the order of the requests that want one.
  const waiting: { resolve: () => void; reject: (e: Error) => void }[] = [];
  const fail = (why: string, name?: string) => {
    failed = new Error(storageFailure(name, why));
    for (const w of waiting.splice(0)) w.reject(failed);
  };
  worker.onmessage = ({ data }: MessageEvent<WriterReply>) => {
    if (data.t === 'error') fail(data.message, data.name);
    else waiting.shift()?.resolve();
  };
  worker.onerror = (e) => fail(e.message);
  const call = (m: WriterRequest) =>
    new Promise<void>((resolve, reject) => {
      if (failed) return reject(failed);
      waiting.push({ resolve, reject });
      worker.postMessage(m);
    });
  // Firefox now and then never answers the open (seen under test, cause unknown): a worker
  // that has not opened the file in time is replaced by a fresh one, once.
  let timer: ReturnType<typeof setTimeout> | undefined;
  const limit = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new OpenTimeout()), openTimeoutMs);
  });
  try {
    await Promise.race([call({ t: 'open', dir: RECEIVED_DIR, id, at }), limit]);
  } catch (error) {
    worker.terminate();
    if (error instanceof OpenTimeout && retries > 0) return openSink(id, at, retries - 1);
    throw error instanceof OpenTimeout
      ? new Error(msg('Storage did not open the file in time.'))
      : error;
  } finally {
    clearTimeout(timer);
  }
  // Each block is transferred, not copied: the worker owns it from here.
  const gathered = new BlockBuffer(new Uint8Array(WRITE_BLOCK), (data) => {
    const request: WriterRequest = { t: 'block', data: data.buffer, length: data.byteLength };
    worker.postMessage(request, [data.buffer]);
    return new Uint8Array(WRITE_BLOCK);
  });
  const flush = () => gathered.flush();
  return {
    write(bytes) {
      gathered.add(bytes);
    },
    async ready() {
      if (failed) throw failed;
    },
    sync() {
      flush();
      return call({ t: 'sync' });
    },
    truncate(length) {
      flush();
      worker.postMessage({ t: 'truncate', length } satisfies WriterRequest);
    },
    async close() {
      flush();
      try {
        await call({ t: 'close' });
      } finally {
        worker.terminate();
      }
    },
    async remove() {
      await call({ t: 'remove' }).catch(() => {});
      worker.terminate();
    },
  };
}
