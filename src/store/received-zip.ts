// One zip of received files, streamed from their OPFS files into another OPFS file: the content
// is read from disk and written to disk, so a zip of gigabytes keeps memory flat.
import { downloadZip } from 'client-zip';
import { uniqueEntryNames } from '../files/zip-names';
import { receivedFileContent, type ReceivedFileRecord } from './received-files';

const ZIP_DIR = 'zips';

/** Zips `records` (in order) and returns the zip as a disk-backed File. */
export async function zipReceivedFiles(
  records: readonly ReceivedFileRecord[],
  onFile: (index: number) => void,
): Promise<File> {
  const names = uniqueEntryNames(records.map((r) => r.name));
  const root = await navigator.storage.getDirectory();
  const dir = await root.getDirectoryHandle(ZIP_DIR, { create: true });
  // Only the newest zip is kept: each can be as large as everything received.
  const old: string[] = [];
  for await (const name of (dir as unknown as { keys(): AsyncIterable<string> }).keys()) {
    old.push(name);
  }
  await Promise.all(old.map((name) => dir.removeEntry(name).catch(() => {})));

  const handle = await dir.getFileHandle(`zip-${Date.now()}.zip`, { create: true });
  const writable = await handle.createWritable();
  async function* entries() {
    for (const [i, record] of records.entries()) {
      onFile(i);
      yield {
        name: names[i]!,
        lastModified: new Date(record.lastModified || record.receivedAt),
        input: await receivedFileContent(record.id),
      };
    }
  }
  try {
    await downloadZip(entries()).body!.pipeTo(writable);
  } catch (e) {
    await dir.removeEntry(handle.name).catch(() => {});
    throw e;
  }
  return handle.getFile();
}
