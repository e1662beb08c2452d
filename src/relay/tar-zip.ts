import { safeEntryPath } from '../files/zip-names';
import type { ZipEntry } from '../store/received-zip';
import type { TarEntry } from './tar';

/**
 * A received tar's entries as a zip's: the same tree (folders included), every path made safe,
 * each file's content a slice of the stored archive, so nothing is copied or held in memory.
 */
export function tarZipEntries(archive: Blob, entries: readonly TarEntry[]): ZipEntry[] {
  return entries
    .filter((entry) => entry.type !== 'other')
    .map((entry) => {
      const path = safeEntryPath(entry.name);
      const lastModified = new Date(entry.mtime * 1000);
      return entry.type === 'directory'
        ? { name: `${path}/`, lastModified }
        : {
            name: path,
            lastModified,
            input: archive.slice(entry.offset, entry.offset + entry.size),
          };
    });
}
