import { safeFileName } from './file-name';

/**
 * Names for the entries of one zip: each made safe, and made unique, since unzip stops to ask
 * when two entries share a name. The second "a.bin" becomes "a (2).bin"; names compare
 * case-insensitively, as on the file systems most zips land on.
 */
export function uniqueEntryNames(names: readonly string[]): string[] {
  const taken = new Set<string>();
  return names.map((raw) => {
    const name = safeFileName(raw);
    const dot = name.lastIndexOf('.');
    const [stem, ext] = dot > 0 ? [name.slice(0, dot), name.slice(dot)] : [name, ''];
    let candidate = name;
    for (let n = 2; taken.has(candidate.toLowerCase()); n++) candidate = `${stem} (${n})${ext}`;
    taken.add(candidate.toLowerCase());
    return candidate;
  });
}
