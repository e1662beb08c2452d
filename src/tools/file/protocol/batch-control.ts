// The JSON messages that steer a batch on the file tool's ordered control channel. The batch's
// bytes go on a channel of their own (see batch-frames.ts); its manifest goes here, in parts, since
// a manifest of many files is larger than one message may be.
import { isBatchId, MAX_BATCH_FILES, parseRecord } from './manifest';

/** Files before `index` are stored and verified; file `index` holds its first `offset` bytes. */
export interface BatchPosition {
  readonly index: number;
  readonly offset: number;
}

/** Why a batch ended early, as either side tells the other (the UI words each code). */
export type BatchEndCode =
  | 'aborted'
  | 'declined'
  | 'unreadable'
  | 'malformed'
  | 'out-of-order'
  | 'oversize'
  | 'short'
  | 'storage'
  /** The receiver refused a path that could reach outside its folder (the file or folder at
   * `index`: files first, then the empty folders). */
  | 'unsafe-path';

export type BatchControl =
  /** One part of the manifest's JSON (see manifest.ts); parts come in order. */
  | { t: 'batch-part'; id: string; part: number; parts: number; text: string }
  /** Go ahead, from this position (what the receiver already holds of the batch). */
  | { t: 'batch-accept'; id: string; from: BatchPosition }
  /** The receiver's verdicts on files, several at a time. */
  | { t: 'batch-verified'; id: string; ok: number[]; bad: number[] }
  /** The batch ends early on the side that says so, at file `index`. */
  | { t: 'batch-end'; id: string; code: BatchEndCode; index: number };

/** Characters of manifest JSON per part: well under every browser's smallest message limit. */
export const MANIFEST_PART = 60_000;
/** 100,000 files of long paths stay within this many parts. */
export const MAX_MANIFEST_PARTS = 20_000;

export const BATCH_END_CODES: readonly BatchEndCode[] = [
  'aborted',
  'declined',
  'unreadable',
  'malformed',
  'out-of-order',
  'oversize',
  'short',
  'storage',
  'unsafe-path',
];
const END_CODES: ReadonlySet<string> = new Set(BATCH_END_CODES);

export function encodeBatchControl(message: BatchControl): string {
  return JSON.stringify(message);
}

/** The manifest's JSON cut into parts for `batch-part` messages. */
export function manifestParts(id: string, json: string, size = MANIFEST_PART): BatchControl[] {
  const parts = Math.max(1, Math.ceil(json.length / size));
  return Array.from({ length: parts }, (_, part) => ({
    t: 'batch-part' as const,
    id,
    part,
    parts,
    text: json.slice(part * size, (part + 1) * size),
  }));
}

const isCount = (v: unknown): v is number => Number.isSafeInteger(v) && (v as number) >= 0;
const isIndexList = (v: unknown): v is number[] =>
  Array.isArray(v) && v.length <= MAX_BATCH_FILES && v.every(isCount);

/** Parses a batch control message from the peer; null for anything malformed or not one. */
export function parseBatchControl(text: string): BatchControl | null {
  const m = parseRecord(text);
  if (!m || !isBatchId(m.id)) return null;
  const id = m.id;
  switch (m.t) {
    case 'batch-part':
      return isCount(m.part) &&
        isCount(m.parts) &&
        m.parts >= 1 &&
        m.parts <= MAX_MANIFEST_PARTS &&
        m.part < m.parts &&
        typeof m.text === 'string' &&
        m.text.length <= MANIFEST_PART
        ? { t: 'batch-part', id, part: m.part, parts: m.parts, text: m.text }
        : null;
    case 'batch-accept': {
      const from = m.from as Record<string, unknown> | null;
      return from && typeof from === 'object' && isCount(from.index) && isCount(from.offset)
        ? { t: 'batch-accept', id, from: { index: from.index, offset: from.offset } }
        : null;
    }
    case 'batch-verified':
      return isIndexList(m.ok) && isIndexList(m.bad)
        ? { t: 'batch-verified', id, ok: m.ok, bad: m.bad }
        : null;
    case 'batch-end':
      return typeof m.code === 'string' && END_CODES.has(m.code) && isCount(m.index)
        ? { t: 'batch-end', id, code: m.code as BatchEndCode, index: m.index }
        : null;
    default:
      return null;
  }
}
