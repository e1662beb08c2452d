// Received files: content in the Origin Private File System (disk-backed, so gigabytes fit and
// memory stays flat), metadata in IndexedDB. Both survive reloads until the user deletes them.
import { msg, str } from '@lit/localize';
import { read, write } from './db';
import type { WriterReply, WriterRequest } from './opfs-writer.worker';

export interface ReceivedFileRecord {
  id: string;
  name: string;
  size: number;
  type: string;
  lastModified: number;
  sha256: string;
  /** ms since the epoch */
  receivedAt: number;
  /** How it arrived. */
  via: 'data channel' | 'relay';
  /** Its place in a folder received whole: "/"-separated, its own name last. */
  path?: string;
}

/** An empty folder of a folder received whole (folders with files show in their paths). */
export interface ReceivedFolderRecord {
  id: string;
  path: string;
  receivedAt: number;
}

const FOLDERS_KEY = 'received-folders';

/**
 * Read-modify-write steps on the lists, one at a time: several transfers (one per peer) can
 * finish at once, and two interleaved updates would lose a record.
 */
let queue: Promise<unknown> = Promise.resolve();
function serially<T>(step: () => Promise<T>): Promise<T> {
  const next = queue.then(step, step);
  queue = next.catch(() => {});
  return next;
}

const KEY = 'received-files';
/** The OPFS folder received files live in (the relay worker writes there too). */
export const RECEIVED_DIR = 'received';
/** Bytes gathered before one write: fewer, larger writes keep OPFS fast. */
const WRITE_BLOCK = 1024 * 1024;

async function directory(): Promise<FileSystemDirectoryHandle> {
  const root = await navigator.storage.getDirectory();
  return root.getDirectoryHandle(RECEIVED_DIR, { create: true });
}

/** Streams bytes into an OPFS file, in order. */
export interface FileSink {
  write(bytes: Uint8Array): void;
  /** Rejects once a write has failed; a producer that can wait should await it. */
  ready(): Promise<void>;
  /** Flushes and closes; rejects if any write failed. */
  close(): Promise<void>;
  /** Drops the partial file. */
  remove(): Promise<void>;
}

class OpenTimeout extends Error {}

/** How long a storage worker gets to open its file before it is replaced. */
const openTimeoutMs = 10_000;

export async function openSink(id: string, retries = 1): Promise<FileSink> {
  // A worker with a synchronous access handle writes far faster than a main-thread
  // createWritable(), whose queue of pending writes would otherwise grow with the transfer.
  const worker = new Worker(new URL('./opfs-writer.worker.ts', import.meta.url), {
    type: 'module',
  });
  let failed: Error | null = null;
  let waiting: { want: WriterReply['t']; resolve: () => void; reject: (e: Error) => void } | null =
    null;
  worker.onmessage = ({ data }: MessageEvent<WriterReply>) => {
    if (data.t === 'error') {
      const why = data.message;
      failed = new Error(msg(str`Storing the file failed: ${why}`));
      waiting?.reject(failed);
    } else if (waiting?.want === data.t) waiting.resolve();
  };
  worker.onerror = (e) => {
    const why = e.message;
    failed = new Error(msg(str`Storing the file failed: ${why}`));
    waiting?.reject(failed);
  };
  const call = (m: WriterRequest, want: WriterReply['t']) =>
    new Promise<void>((resolve, reject) => {
      waiting = { want, resolve, reject };
      worker.postMessage(m);
    });
  // Firefox now and then never answers the open (seen under test, cause unknown): a worker
  // that has not opened the file in time is replaced by a fresh one, once.
  let timer: ReturnType<typeof setTimeout> | undefined;
  const limit = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new OpenTimeout()), openTimeoutMs);
  });
  try {
    await Promise.race([call({ t: 'open', dir: RECEIVED_DIR, id }, 'opened'), limit]);
  } catch (error) {
    worker.terminate();
    if (error instanceof OpenTimeout && retries > 0) return openSink(id, retries - 1);
    throw error instanceof OpenTimeout
      ? new Error(msg('Storing the file failed: storage did not open the file in time.'))
      : error;
  } finally {
    clearTimeout(timer);
  }
  let block = new Uint8Array(WRITE_BLOCK);
  let filled = 0;
  const flush = () => {
    if (filled === 0) return;
    // Transferred, not copied: the worker owns the block from here.
    worker.postMessage({ t: 'block', data: block.buffer, length: filled } satisfies WriterRequest, [
      block.buffer,
    ]);
    block = new Uint8Array(WRITE_BLOCK);
    filled = 0;
  };
  return {
    write(bytes) {
      let offset = 0;
      while (offset < bytes.byteLength) {
        const n = Math.min(bytes.byteLength - offset, WRITE_BLOCK - filled);
        block.set(bytes.subarray(offset, offset + n), filled);
        filled += n;
        offset += n;
        if (filled === WRITE_BLOCK) flush();
      }
    },
    async ready() {
      if (failed) throw failed;
    },
    async close() {
      flush();
      try {
        await call({ t: 'close' }, 'closed');
      } finally {
        worker.terminate();
      }
    },
    async remove() {
      await call({ t: 'remove' }, 'removed').catch(() => {});
      worker.terminate();
    },
  };
}

export async function listReceivedFiles(): Promise<ReceivedFileRecord[]> {
  return (await read<ReceivedFileRecord[]>(KEY)) ?? [];
}

export function addReceivedFile(record: ReceivedFileRecord): Promise<void> {
  return serially(async () => {
    const list = (await listReceivedFiles()).filter((r) => r.id !== record.id);
    await write(KEY, [record, ...list]);
  });
}

export async function listReceivedFolders(): Promise<ReceivedFolderRecord[]> {
  return (await read<ReceivedFolderRecord[]>(FOLDERS_KEY)) ?? [];
}

export function addReceivedFolder(record: ReceivedFolderRecord): Promise<void> {
  return serially(async () => {
    const list = (await listReceivedFolders()).filter((r) => r.id !== record.id);
    await write(FOLDERS_KEY, [record, ...list]);
  });
}

export function deleteReceivedFolder(id: string): Promise<void> {
  return serially(async () => {
    await write(
      FOLDERS_KEY,
      (await listReceivedFolders()).filter((r) => r.id !== id),
    );
  });
}

/** Changes a record's metadata (e.g. the real name, known only after decryption). */
export function updateReceivedFile(
  id: string,
  patch: Partial<Pick<ReceivedFileRecord, 'name' | 'type' | 'lastModified'>>,
): Promise<void> {
  return serially(async () => {
    await write(
      KEY,
      (await listReceivedFiles()).map((r) => (r.id === id ? { ...r, ...patch } : r)),
    );
  });
}

/** The stored content, disk-backed (reading it does not load it into memory). */
export async function receivedFileContent(id: string): Promise<File> {
  const handle = await (await directory()).getFileHandle(id);
  return handle.getFile();
}

export async function deleteReceivedFile(id: string): Promise<void> {
  await (await directory()).removeEntry(id).catch(() => {});
  await serially(async () => {
    await write(
      KEY,
      (await listReceivedFiles()).filter((r) => r.id !== id),
    );
  });
}

/** Free space the browser grants this origin, in bytes (null when unknown). */
export async function freeSpace(): Promise<number | null> {
  const { quota, usage } = (await navigator.storage.estimate?.()) ?? {};
  return quota === undefined || usage === undefined ? null : quota - usage;
}
