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
}

export type Who = 'sender' | 'receiver';

export type FileControl =
  | ({ t: 'header' } & FileMeta)
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
          }
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
