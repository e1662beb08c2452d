// Received files: content in the Origin Private File System (disk-backed, so gigabytes fit and
// memory stays flat), metadata in IndexedDB. Both survive reloads until the user deletes them.
import { keysStartingWith, read, readMany, remove, serially, write } from './db';
import { opfsRoot } from './opfs-root';

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
  /**
   * Stored inside a pack (the files of a folder received as one batch, one after another) from
   * byte `start`, rather than as content of its own.
   */
  pack?: { id: string; start: number };
  /** The batch it came in, so a batch that resumes knows which files are here. */
  batch?: string;
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
  const root = await opfsRoot();
  return root.getDirectoryHandle(RECEIVED_DIR, { create: true });
}

/**
 * Files recorded in groups (a batch's files, told a few hundred at a time) live under keys of
 * their own, so adding a group never rewrites what is stored: with thousands of files, rewriting
 * one list per group would cost more with every group.
 */
const GROUP_PREFIX = 'received-files:';

interface Stored {
  /** Files recorded one at a time. */
  single: ReceivedFileRecord[];
  groups: { key: string; records: ReceivedFileRecord[] }[];
}

async function stored(): Promise<Stored> {
  const keyList = await keysStartingWith(GROUP_PREFIX);
  const [single, groups] = await Promise.all([
    read<ReceivedFileRecord[]>(KEY),
    readMany<ReceivedFileRecord[]>(keyList),
  ]);
  return {
    single: single ?? [],
    groups: keyList.map((key, i) => ({ key, records: groups[i] ?? [] })),
  };
}

export async function listReceivedFiles(): Promise<ReceivedFileRecord[]> {
  const { single, groups } = await stored();
  // A file recorded again (a batch that resumed) counts once: its newest record.
  const byId = new Map<string, ReceivedFileRecord>();
  for (const group of groups) for (const r of group.records) byId.set(r.id, r);
  return [...single, ...byId.values()];
}

/** Files recorded one at a time (those of groups live under their own keys, untouched here). */
async function singles(): Promise<ReceivedFileRecord[]> {
  return (await read<ReceivedFileRecord[]>(KEY)) ?? [];
}

export function addReceivedFile(record: ReceivedFileRecord): Promise<void> {
  return serially(async () => {
    const list = (await singles()).filter((r) => r.id !== record.id);
    await write(KEY, [record, ...list]);
  });
}

let groupCount = 0;

/** Records many files in one write, under a key of their own (see GROUP_PREFIX). */
export function addReceivedFiles(records: readonly ReceivedFileRecord[]): Promise<void> {
  if (records.length === 0) return Promise.resolve();
  // Keys sort in the order written: the newest record of a file is the last one.
  const stamp = Date.now().toString(36).padStart(9, '0');
  const count = (groupCount++).toString(36).padStart(6, '0');
  return serially(() => write(`${GROUP_PREFIX}${stamp}.${count}`, records));
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

export function addReceivedFolders(records: readonly ReceivedFolderRecord[]): Promise<void> {
  if (records.length === 0) return Promise.resolve();
  return serially(async () => {
    const ids = new Set(records.map((r) => r.id));
    const list = (await listReceivedFolders()).filter((r) => !ids.has(r.id));
    await write(FOLDERS_KEY, [...records, ...list]);
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
      (await singles()).map((r) => (r.id === id ? { ...r, ...patch } : r)),
    );
  });
}

/** The stored content, disk-backed (reading it does not load it into memory). */
export async function receivedFileContent(id: string): Promise<File> {
  const handle = await (await directory()).getFileHandle(id);
  return handle.getFile();
}

/**
 * A received file's content, disk-backed, whether stored on its own or in a pack. `packs` caches
 * the packs' files across many calls (a folder of thousands shares a few).
 */
export async function recordContent(
  record: ReceivedFileRecord,
  packs: Map<string, Promise<File>> = new Map(),
): Promise<Blob> {
  if (!record.pack) return receivedFileContent(record.id);
  const { id, start } = record.pack;
  let pack = packs.get(id);
  if (!pack) packs.set(id, (pack = receivedFileContent(id)));
  const file = await pack;
  if (file.size < start + record.size) throw new Error(`the pack ${id} is shorter than recorded`);
  return file.slice(start, start + record.size, record.type);
}

/** Removes stored content (a received file's, or a partial's). */
export async function deleteReceivedContent(id: string): Promise<void> {
  await (await directory()).removeEntry(id).catch(() => {});
}

/** Deletes a received file; a pack goes with the last file stored in it. */
export async function deleteReceivedFile(id: string): Promise<void> {
  const unused = await serially(async () => {
    const { single, groups } = await stored();
    const record = [...single, ...groups.flatMap((g) => g.records)].find((r) => r.id === id);
    if (single.some((r) => r.id === id))
      await write(
        KEY,
        single.filter((r) => r.id !== id),
      );
    for (const group of groups) {
      if (!group.records.some((r) => r.id === id)) continue;
      group.records = group.records.filter((r) => r.id !== id);
      await (group.records.length ? write(group.key, group.records) : remove(group.key));
    }
    const pack = record?.pack?.id;
    if (!pack) return id;
    const left = [...single, ...groups.flatMap((g) => g.records)];
    return left.some((r) => r.id !== id && r.pack?.id === pack) ? null : pack;
  });
  if (unused) await deleteReceivedContent(unused);
}

/** Free space the browser grants this origin, in bytes (null when unknown). */
export async function freeSpace(): Promise<number | null> {
  const { quota, usage } = (await navigator.storage.estimate?.()) ?? {};
  return quota === undefined || usage === undefined ? null : quota - usage;
}
