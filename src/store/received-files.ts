// Received files: content in the Origin Private File System (disk-backed, so gigabytes fit and
// memory stays flat), metadata in IndexedDB. Both survive reloads until the user deletes them.
import { read, serially, write } from './db';

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

const KEY = 'received-files';
/** The OPFS folder received files live in (the relay worker writes there too). */
export const RECEIVED_DIR = 'received';

async function directory(): Promise<FileSystemDirectoryHandle> {
  const root = await navigator.storage.getDirectory();
  return root.getDirectoryHandle(RECEIVED_DIR, { create: true });
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

/** Removes stored content (a received file's, or a partial's). */
export async function deleteReceivedContent(id: string): Promise<void> {
  await (await directory()).removeEntry(id).catch(() => {});
}

export async function deleteReceivedFile(id: string): Promise<void> {
  await deleteReceivedContent(id);
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
