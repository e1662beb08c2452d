// The file tool's wire format. Control messages are JSON strings on the tool's ordered channel.
// Each accepted file's bytes go on a channel of their own (see bytesLabel), opened by the sender:
// first a `from` message, then the bytes as binary messages, in order, then `end`.
import { OWN_CHANNEL_PREFIX } from '../../../rtc/own-channel';
import type { Watermarks } from '../../../rtc/channel-sender';
import type { FileMeta } from '../../../files/file-meta';
import { parseDeclineNote, type DeclineNote } from './transfer-note';

export type { FileMeta };

/** A chunk is 16 KiB unless Settings chose larger (the last one of a file may be shorter). */
export const CHUNK_SIZE = 16 * 1024;

/**
 * Bytes of a file per message: the size chosen in Settings, never above what the connection
 * takes (`maxMessageSize`); 16 KiB where the connection does not say.
 */
/** How a file's bytes go out: `chunk` bytes per message, at most `rate` bytes/s (0: no limit). */
export interface SendPace {
  chunk: number;
  rate: number;
}

export function fileMessageSize(chosenKiB: number, maxMessageSize: number | undefined): number {
  if (!maxMessageSize) return CHUNK_SIZE;
  return Math.min(chosenKiB * 1024, maxMessageSize);
}

/** 16 KiB messages: a few MiB in flight keeps the channel busy without bloating its buffer. */
export const FILE_WATERMARKS: Watermarks = { high: 4 * 1024 * 1024, low: 1024 * 1024 };

/** The label of the channel that carries the bytes of transfer `id`. */
export function bytesLabel(id: string): string {
  return `${OWN_CHANNEL_PREFIX}file:${id}`;
}

/** The transfer whose bytes a channel carries, or null if it is not such a channel. */
export function bytesChannelId(label: string): string | null {
  const prefix = bytesLabel('');
  return label.startsWith(prefix) ? label.slice(prefix.length) : null;
}

export type Who = 'sender' | 'receiver';

export type FileControl =
  /** The first message each side sends: its device id, so a later connection knows it again. */
  | { t: 'device'; id: string }
  | ({ t: 'header' } & FileMeta)
  /** An empty folder of a folder sent whole (folders with files come with their files' paths). */
  | { t: 'folder'; id: string; path: string }
  /**
   * Go ahead. With `offset`, the receiver already holds that many bytes of this transfer, whose
   * SHA-256 is `prefix`: the sender checks its file against it and answers with `from`.
   */
  | { t: 'accept'; id: string; offset?: number; prefix?: string }
  /**
   * First on a file's bytes channel: where the bytes begin (the accepted offset, or 0 when the
   * sender's file no longer matches what the receiver holds).
   */
  | { t: 'from'; id: string; offset: number }
  /** The receiver holds `bytes` of an interrupted transfer, and would like the rest. */
  | ({ t: 'held'; bytes: number } & FileMeta)
  /** `note` says why in codes (the sender words it); `reason` is a peer's own words, if any. */
  | { t: 'decline'; id: string; reason: string; note?: DeclineNote }
  /** Last on a file's bytes channel: all bytes sent; `sha256` is the hex digest of the content. */
  | { t: 'end'; id: string; sha256: string }
  /** The receiver's verdict after hashing what it stored. */
  | { t: 'verified'; id: string; ok: boolean }
  /**
   * The transfer stops. `why` when the receiver stopped it for a failure rather than by choice:
   * `storage` (writing the file failed), `protocol` (the sender's bytes broke the protocol).
   */
  | { t: 'abort'; id: string; by: Who; why?: AbortCause };

export type AbortCause = 'storage' | 'protocol';

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
    case 'held': {
      const meta = parseMeta(m);
      if (!meta) return null;
      if (m.t === 'header') return { t: 'header', ...meta };
      return isOffset(m.bytes) && m.bytes <= meta.size
        ? { t: 'held', ...meta, bytes: m.bytes }
        : null;
    }
    case 'folder':
      return typeof m.path === 'string' && m.path.length <= MAX_PATH
        ? { t: 'folder', id: m.id, path: m.path }
        : null;
    case 'device':
      return { t: 'device', id: m.id };
    case 'accept':
      if (m.offset === undefined) return { t: 'accept', id: m.id };
      return isOffset(m.offset) && isDigest(m.prefix)
        ? { t: 'accept', id: m.id, offset: m.offset, prefix: m.prefix }
        : null;
    case 'from':
      return isOffset(m.offset) ? { t: 'from', id: m.id, offset: m.offset } : null;
    case 'decline': {
      const note = parseDeclineNote(m.note);
      return {
        t: 'decline',
        id: m.id,
        reason: typeof m.reason === 'string' ? m.reason.slice(0, 300) : '',
        ...(note ? { note } : {}),
      };
    }
    case 'end':
      return isDigest(m.sha256) ? { t: 'end', id: m.id, sha256: m.sha256 } : null;
    case 'verified':
      return typeof m.ok === 'boolean' ? { t: 'verified', id: m.id, ok: m.ok } : null;
    case 'abort': {
      if (m.by !== 'sender' && m.by !== 'receiver') return null;
      const abort = { t: 'abort', id: m.id, by: m.by } as const;
      return m.why === 'storage' || m.why === 'protocol' ? { ...abort, why: m.why } : abort;
    }
    default:
      return null;
  }
}

const isOffset = (v: unknown): v is number => Number.isSafeInteger(v) && (v as number) >= 0;
const isDigest = (v: unknown): v is string => typeof v === 'string' && /^[0-9a-f]{64}$/.test(v);

/** A file's identity as a header (or a held partial) gives it; null when malformed. */
function parseMeta(m: Record<string, unknown>): FileMeta | null {
  return typeof m.name === 'string' &&
    m.name.length <= MAX_NAME &&
    isOffset(m.size) &&
    typeof m.type === 'string' &&
    typeof m.lastModified === 'number'
    ? {
        id: m.id as string,
        name: m.name,
        size: m.size,
        type: m.type.slice(0, 255),
        lastModified: m.lastModified,
        // Whether a path is safe is the receiver's to say (with a message), not a parse error.
        ...(typeof m.path === 'string' && m.path.length <= MAX_PATH ? { path: m.path } : {}),
      }
    : null;
}
