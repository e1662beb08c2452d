// The file tool's wire format on one ordered data channel. Control messages are JSON strings;
// binary messages are the bytes of the file announced by the last header, in order.

/** Every chunk is 16 KiB (the last one of a file may be shorter). */
export const CHUNK_SIZE = 16 * 1024;

export interface FileMeta {
  id: string;
  name: string;
  size: number;
  type: string;
  lastModified: number;
  /** Where the file sits in a folder sent whole: "/"-separated, its own name last. */
  path?: string;
}

export type Who = 'sender' | 'receiver';

export type FileControl =
  | ({ t: 'header' } & FileMeta)
  /** An empty folder of a folder sent whole (folders with files come with their files' paths). */
  | { t: 'folder'; id: string; path: string }
  | { t: 'accept'; id: string }
  | { t: 'decline'; id: string; reason: string }
  /** All bytes sent; `sha256` is the hex digest of the content. */
  | { t: 'end'; id: string; sha256: string }
  /** The receiver's verdict after hashing what it stored. */
  | { t: 'verified'; id: string; ok: boolean }
  | { t: 'abort'; id: string; by: Who };

export function encodeControl(message: FileControl): string {
  return JSON.stringify(message);
}

const MAX_NAME = 1024;
const MAX_PATH = 8192;

/** Parses a control message from the peer; null for anything malformed. */
export function parseControl(text: string): FileControl | null {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return null;
  }
  if (!value || typeof value !== 'object') return null;
  const m = value as Record<string, unknown>;
  if (typeof m.id !== 'string' || m.id.length === 0 || m.id.length > 64) return null;
  switch (m.t) {
    case 'header':
      return typeof m.name === 'string' &&
        m.name.length <= MAX_NAME &&
        Number.isSafeInteger(m.size) &&
        (m.size as number) >= 0 &&
        typeof m.type === 'string' &&
        typeof m.lastModified === 'number'
        ? {
            t: 'header',
            id: m.id,
            name: m.name,
            size: m.size as number,
            type: m.type.slice(0, 255),
            lastModified: m.lastModified,
            // Whether a path is safe is the receiver's to say (with a message), not a parse error.
            ...(typeof m.path === 'string' && m.path.length <= MAX_PATH ? { path: m.path } : {}),
          }
        : null;
    case 'folder':
      return typeof m.path === 'string' && m.path.length <= MAX_PATH
        ? { t: 'folder', id: m.id, path: m.path }
        : null;
    case 'accept':
      return { t: 'accept', id: m.id };
    case 'decline':
      return {
        t: 'decline',
        id: m.id,
        reason: typeof m.reason === 'string' ? m.reason.slice(0, 300) : '',
      };
    case 'end':
      return typeof m.sha256 === 'string' && /^[0-9a-f]{64}$/.test(m.sha256)
        ? { t: 'end', id: m.id, sha256: m.sha256 }
        : null;
    case 'verified':
      return typeof m.ok === 'boolean' ? { t: 'verified', id: m.id, ok: m.ok } : null;
    case 'abort':
      return m.by === 'sender' || m.by === 'receiver' ? { t: 'abort', id: m.id, by: m.by } : null;
    default:
      return null;
  }
}
