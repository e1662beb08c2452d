import { safeFileName } from './file-name';

/**
 * Names for the entries of one zip: each made safe, and made unique, since unzip stops to ask
 * when two entries share a name. The second "a.bin" becomes "a (2).bin"; names compare
 * case-insensitively, as on the file systems most zips land on.
 */
export function uniqueEntryNames(names: readonly string[]): string[] {
  return uniqueEntries(names.map(safeFileName));
}

/** The same for paths in a tree: each made safe (see safeEntryPath), then made unique. */
export function uniqueEntryPaths(paths: readonly string[]): string[] {
  return uniqueEntries(paths.map(safeEntryPath));
}

function uniqueEntries(safe: readonly string[]): string[] {
  const taken = new Set<string>();
  return safe.map((path) => {
    const slash = path.lastIndexOf('/') + 1;
    const [folder, name] = [path.slice(0, slash), path.slice(slash)];
    const dot = name.lastIndexOf('.');
    const [stem, ext] = dot > 0 ? [name.slice(0, dot), name.slice(dot)] : [name, ''];
    let candidate = path;
    for (let n = 2; taken.has(candidate.toLowerCase()); n++) {
      candidate = `${folder}${stem} (${n})${ext}`;
    }
    taken.add(candidate.toLowerCase());
    return candidate;
  });
}

/**
 * A path from an archive made safe to unpack: "/"-separated, each part a safe file name, with no
 * empty, "." or ".." parts, so it can only name something inside the folder it is unpacked in.
 */
export function safeEntryPath(path: string): string {
  const parts = path
    .split(/[/\\]/)
    .filter((part) => part !== '' && part !== '.' && part !== '..')
    .map(safeFileName);
  return parts.join('/') || 'file';
}
