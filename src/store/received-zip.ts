// Zips streamed into an OPFS file: the content is read from disk-backed Files or Blob slices and
// written to disk, so a zip of gigabytes keeps memory flat.
import { downloadZip } from 'client-zip';
import { safeFileName } from '../files/file-name';
import { gatherBlocks } from './gather-blocks';
import { safeEntryPath, uniqueEntryPaths } from '../files/zip-names';
import {
  recordContent,
  type ReceivedFileRecord,
  type ReceivedFolderRecord,
} from './received-files';
import { opfsRoot } from './opfs-root';

/** One entry of a zip: a file (with its content) or, without content, a folder. */
export interface ZipEntry {
  /** The path inside the zip, "/"-separated; a folder's ends with "/". */
  name: string;
  lastModified: Date;
  input?: Blob;
}

const ZIP_DIR = 'zips';

/** Writes `entries` (in order) into a new zip on disk and returns it as a disk-backed File. */
export async function zipToStorage(
  entries: readonly ZipEntry[],
  onEntry: (index: number) => void,
): Promise<File> {
  const root = await opfsRoot();
  const dir = await root.getDirectoryHandle(ZIP_DIR, { create: true });
  // Only the newest zip is kept: each can be as large as everything it holds.
  const old: string[] = [];
  for await (const name of (dir as unknown as { keys(): AsyncIterable<string> }).keys()) {
    old.push(name);
  }
  await Promise.all(old.map((name) => dir.removeEntry(name).catch(() => {})));

  const handle = await dir.getFileHandle(`zip-${Date.now()}.zip`, { create: true });
  const writable = await handle.createWritable();
  function* inputs() {
    for (const [i, { name, lastModified, input }] of entries.entries()) {
      onEntry(i);
      yield input ? { name, lastModified, input } : { name, lastModified };
    }
  }
  try {
    await downloadZip(inputs()).body!.pipeThrough(gatherBlocks()).pipeTo(writable);
  } catch (e) {
    await dir.removeEntry(handle.name).catch(() => {});
    throw e;
  }
  return handle.getFile();
}

/**
 * The zip entries of received files (their stored content) and empty folders: files of a folder
 * under their paths, loose files at the top, every name safe and unique.
 */
export async function receivedZipEntries(
  records: readonly ReceivedFileRecord[],
  folders: readonly ReceivedFolderRecord[] = [],
): Promise<ZipEntry[]> {
  const paths = uniqueEntryPaths(records.map((r) => r.path ?? safeFileName(r.name)));
  const packs = new Map<string, Promise<File>>();
  const files = await Promise.all(
    records.map(async (record, i) => ({
      name: paths[i]!,
      lastModified: new Date(record.lastModified || record.receivedAt),
      input: await recordContent(record, packs),
    })),
  );
  const empty = folders.map((f) => ({
    name: `${safeEntryPath(f.path)}/`,
    lastModified: new Date(f.receivedAt),
  }));
  return [...empty, ...files];
}
