/** What a drop or a folder pick gives: files with their paths, loose files, empty folders. */
export interface PickedTree {
  /** Files of folders, each with its path from the folder's own name ("photos/2024/a.jpg"). */
  files: { file: File; path: string }[];
  /** Files dropped on their own. */
  loose: File[];
  /** Folders with nothing inside, by path. */
  emptyFolders: string[];
}

/** The entries of a drop; must be read during the drop event, before the data goes away. */
export function dropEntries(data: DataTransfer | null): FileSystemEntry[] {
  return [...(data?.items ?? [])]
    .filter((item) => item.kind === 'file')
    .map((item) => item.webkitGetAsEntry())
    .filter((entry): entry is FileSystemEntry => entry !== null);
}

/** Walks dropped folders (webkitGetAsEntry), keeping their trees and their empty folders. */
export async function droppedTree(entries: FileSystemEntry[]): Promise<PickedTree> {
  const tree: PickedTree = { files: [], loose: [], emptyFolders: [] };
  for (const entry of entries) {
    if (isFile(entry)) tree.loose.push(await fileOf(entry));
    else if (isDirectory(entry)) await walk(entry, entry.name, tree);
  }
  return tree;
}

/** A folder picked with `<input webkitdirectory>`: its files (empty folders are not given). */
export function pickedFolder(files: readonly File[]): PickedTree {
  return {
    files: files.map((file) => ({ file, path: file.webkitRelativePath || file.name })),
    loose: [],
    emptyFolders: [],
  };
}

async function walk(dir: FileSystemDirectoryEntry, path: string, tree: PickedTree) {
  const children = await readAll(dir);
  if (children.length === 0) tree.emptyFolders.push(path);
  for (const child of children) {
    const childPath = `${path}/${child.name}`;
    if (isFile(child)) tree.files.push({ file: await fileOf(child), path: childPath });
    else if (isDirectory(child)) await walk(child, childPath, tree);
  }
}

/** readEntries gives a folder's entries in batches, until an empty one. */
async function readAll(dir: FileSystemDirectoryEntry): Promise<FileSystemEntry[]> {
  const reader = dir.createReader();
  const all: FileSystemEntry[] = [];
  for (;;) {
    const batch = await new Promise<FileSystemEntry[]>((resolve, reject) =>
      reader.readEntries(resolve, reject),
    );
    if (batch.length === 0) return all;
    all.push(...batch);
  }
}

function fileOf(entry: FileSystemFileEntry): Promise<File> {
  return new Promise((resolve, reject) => entry.file(resolve, reject));
}

function isFile(entry: FileSystemEntry): entry is FileSystemFileEntry {
  return entry.isFile;
}

function isDirectory(entry: FileSystemEntry): entry is FileSystemDirectoryEntry {
  return entry.isDirectory;
}
