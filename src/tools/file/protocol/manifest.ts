// The JSON control message that opens a batch: every file it will carry, in the order whose
// positions are the `index` of the batch's binary records (see batch-frames.ts).

export interface BatchFile {
  /** "/"-separated, its own name last. Whether it is safe to write is the receiver's to judge. */
  readonly path: string;
  readonly size: number;
  readonly type: string;
  readonly lastModified: number;
}

export interface BatchManifest {
  readonly t: 'batch';
  readonly id: string;
  readonly files: readonly BatchFile[];
  /** Folders of the batch that hold no file, so the receiver can make them too. */
  readonly emptyFolders: readonly string[];
}

export const MAX_BATCH_FILES = 100_000;
/** As many as files: a hostile manifest must not make the receiver create folders without end. */
export const MAX_EMPTY_FOLDERS = 100_000;
export const MAX_PATH_LENGTH = 8192;
export const MAX_ID_LENGTH = 64;
export const MAX_TYPE_LENGTH = 255;

/** Only the known fields travel, whatever else the caller's objects carry. */
export function encodeManifest(manifest: BatchManifest): string {
  return JSON.stringify({
    t: 'batch',
    id: manifest.id,
    files: manifest.files.map(({ path, size, type, lastModified }) => ({
      path,
      size,
      type,
      lastModified,
    })),
    emptyFolders: manifest.emptyFolders,
  });
}

/** The manifest in a peer's message; null for anything malformed. Unknown fields are ignored. */
export function parseManifest(text: string): BatchManifest | null {
  const value = parseRecord(text);
  if (!value || value.t !== 'batch') return null;
  const { id, files, emptyFolders } = value;
  if (!isBatchId(id)) return null;
  if (!Array.isArray(files) || files.length > MAX_BATCH_FILES) return null;
  if (!Array.isArray(emptyFolders) || emptyFolders.length > MAX_EMPTY_FOLDERS) return null;
  if (!emptyFolders.every(isPath)) return null;
  const parsed: BatchFile[] = [];
  let total = 0;
  for (const file of files) {
    const entry = parseFile(file);
    if (!entry) return null;
    total += entry.size;
    parsed.push(entry);
  }
  // Progress and "bytes left" figures are sums of sizes: they must stay exact.
  if (!Number.isSafeInteger(total)) return null;
  return { t: 'batch', id, files: parsed, emptyFolders: emptyFolders as string[] };
}

/** A JSON object from a peer's message; null for anything else. */
export function parseRecord(text: string): Record<string, unknown> | null {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return null;
  }
  return isRecord(value) ? value : null;
}

export const isBatchId = (v: unknown): v is string =>
  typeof v === 'string' && v.length > 0 && v.length <= MAX_ID_LENGTH;

/** The bytes a batch carries: the sum of its files' sizes. */
export function manifestTotalBytes(manifest: BatchManifest): number {
  let total = 0;
  for (const file of manifest.files) total += file.size;
  return total;
}

function parseFile(value: unknown): BatchFile | null {
  if (!isRecord(value)) return null;
  const { path, size, type, lastModified } = value;
  if (!isPath(path) || !Number.isSafeInteger(size) || (size as number) < 0) return null;
  if (typeof type !== 'string' || typeof lastModified !== 'number') return null;
  if (!Number.isFinite(lastModified)) return null;
  return { path, size: size as number, type: type.slice(0, MAX_TYPE_LENGTH), lastModified };
}

function isPath(value: unknown): value is string {
  return typeof value === 'string' && value.length <= MAX_PATH_LENGTH;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
