// Received files: content in the Origin Private File System (disk-backed, so gigabytes fit and
// memory stays flat), metadata in IndexedDB. Both survive reloads until the user deletes them.
import { read, write } from './db';

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
  /** Resolves when few enough writes are pending; a producer that can wait should. */
  ready(): Promise<void>;
  /** Flushes and closes; rejects if any write failed. */
  close(): Promise<void>;
  /** Drops the partial file. */
  remove(): Promise<void>;
}

export async function openSink(id: string): Promise<FileSink> {
  const dir = await directory();
  const handle = await dir.getFileHandle(id, { create: true });
  const writable = await handle.createWritable();
  let chain: Promise<void> = Promise.resolve();
  let failed: unknown = null;
  let pending = 0;
  // Blocks are recycled once written, so a long transfer makes no garbage here.
  const spare: Uint8Array<ArrayBuffer>[] = [];
  let block = new Uint8Array(WRITE_BLOCK);
  let filled = 0;
  const flush = () => {
    if (filled === 0) return;
    const full = block;
    const data = full.subarray(0, filled);
    pending++;
    chain = chain
      .then(() => writable.write(data))
      .then(() => void spare.push(full))
      .catch((e) => void (failed ??= e))
      .finally(() => pending--);
    block = spare.pop() ?? new Uint8Array(WRITE_BLOCK);
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
      // Two blocks in flight keep the disk busy; more would only pile up in memory.
      while (pending > 2) await chain;
    },
    async close() {
      flush();
      await chain;
      if (failed) throw failed;
      await writable.close();
    },
    async remove() {
      await chain.catch(() => {});
      await writable.abort().catch(() => {});
      await dir.removeEntry(id).catch(() => {});
    },
  };
}

export async function listReceivedFiles(): Promise<ReceivedFileRecord[]> {
  return (await read<ReceivedFileRecord[]>(KEY)) ?? [];
}

export async function addReceivedFile(record: ReceivedFileRecord): Promise<void> {
  const list = (await listReceivedFiles()).filter((r) => r.id !== record.id);
  await write(KEY, [record, ...list]);
}

/** The stored content, disk-backed (reading it does not load it into memory). */
export async function receivedFileContent(id: string): Promise<File> {
  const handle = await (await directory()).getFileHandle(id);
  return handle.getFile();
}

export async function deleteReceivedFile(id: string): Promise<void> {
  await (await directory()).removeEntry(id).catch(() => {});
  await write(
    KEY,
    (await listReceivedFiles()).filter((r) => r.id !== id),
  );
}

/** Free space the browser grants this origin, in bytes (null when unknown). */
export async function freeSpace(): Promise<number | null> {
  const { quota, usage } = (await navigator.storage.estimate?.()) ?? {};
  return quota === undefined || usage === undefined ? null : quota - usage;
}

/** Asks the browser not to evict stored files under storage pressure. */
export function requestPersistence(): void {
  void navigator.storage.persist?.().catch(() => false);
}
