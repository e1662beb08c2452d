/**
 * What happened to a file, as a code with its data: the UI puts it in words, in the reader's
 * language (see ui/note-text.ts). Byte counts stay numbers until then.
 * A plain string is text already in words: a reason the peer sent, an error's own message.
 */
export type TransferNote = string | FileNote;

export type FileNote =
  // Either side.
  | { code: 'closed-mid-transfer' }
  | { code: 'you-aborted' }
  | { code: 'channel-closed' }
  // Sending.
  | { code: 'removed-from-queue' }
  | { code: 'empty-file'; name: string }
  | { code: 'empty-folder-sent' }
  | { code: 'waiting-accept' }
  | { code: 'receiver-declined' }
  | { code: 'out-of-turn' }
  | { code: 'checking-held' }
  | { code: 'resumed-held'; at: number }
  | { code: 'changed-sent-again' }
  | { code: 'waiting-verify' }
  | { code: 'delivered' }
  | { code: 'receiver-found-corrupt' }
  | { code: 'receiver-store-failed' }
  | { code: 'receiver-protocol' }
  | { code: 'receiver-aborted' }
  | { code: 'unreadable' }
  | { code: 'send-failed'; browser: string }
  | { code: 'interrupted-queued'; reason: TransferNote }
  | { code: 'interrupted-sending'; pct: number; reason: TransferNote }
  | { code: 'held-needs-file'; bytes: number; size: number }
  | { code: 'not-same-file'; name: string; size: number }
  // Receiving.
  | { code: 'sender-aborted' }
  | { code: 'no-space'; needs: number; grants: number }
  | { code: 'store-failed'; why: TransferNote }
  | { code: 'empty-folder-received' }
  | { code: 'unsafe-path'; path: string; reason: string }
  | { code: 'corrupt-short'; arrived: number; size: number }
  | { code: 'corrupt-hash' }
  | { code: 'verifying' }
  | { code: 'verified'; sha256: string }
  | { code: 'waiting-old-page' }
  | { code: 'open-timeout' }
  /** This browser has no file storage (OPFS missing or turned off). */
  | { code: 'no-file-storage' }
  | { code: 'write-failed'; why: TransferNote }
  | { code: 'oversize' }
  | { code: 'bad-offset' }
  | { code: 'out-of-order' }
  | { code: 'part-missing' }
  | { code: 'resuming'; held: number }
  | { code: 'part-held'; why: TransferNote }
  | { code: 'part-unusable'; why: TransferNote }
  | { code: 'resumed-rest'; at: number }
  | { code: 'changed-received-again' }
  | { code: 'sender-connected-again' }
  | { code: 'interrupted-receiving'; pct: number; reason: TransferNote };

/** An error of the file engine's own, carrying its note. */
export class NotedError extends Error {
  constructor(readonly note: TransferNote) {
    super(typeof note === 'string' ? note : note.code);
  }
}

/** What an error says, as a note: its own note, or its message. */
export function noteOf(error: unknown): TransferNote {
  if (error instanceof NotedError) return error.note;
  return error instanceof Error ? error.message || error.name : String(error);
}

/** Why the receiver declined, as it tells the sender: only these notes cross the wire. */
export type DeclineNote = Extract<
  FileNote,
  { code: 'receiver-declined' | 'no-space' | 'store-failed' | 'unsafe-path' }
>;

/** The engine's own storage notes that may come as a decline's cause. */
function storageNote(value: unknown): FileNote | undefined {
  const code = (value as { code?: unknown } | null)?.code;
  return code === 'open-timeout' || code === 'part-missing' || code === 'no-file-storage'
    ? { code }
    : undefined;
}

/** A decline's note from the peer (untrusted), or undefined when it is not one of ours. */
export function parseDeclineNote(value: unknown): DeclineNote | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const v = value as Record<string, unknown>;
  const text = (x: unknown) => (typeof x === 'string' ? x.slice(0, 300) : undefined);
  const count = (x: unknown) =>
    typeof x === 'number' && Number.isSafeInteger(x) && x >= 0 ? x : undefined;
  switch (v.code) {
    case 'receiver-declined':
      return { code: v.code };
    case 'no-space': {
      const needs = count(v.needs);
      const grants = count(v.grants);
      return needs === undefined || grants === undefined
        ? undefined
        : { code: v.code, needs, grants };
    }
    case 'store-failed': {
      const why = text(v.why) ?? storageNote(v.why);
      return why === undefined ? undefined : { code: v.code, why };
    }
    case 'unsafe-path': {
      const path = text(v.path);
      const reason = text(v.reason);
      return path === undefined || reason === undefined
        ? undefined
        : { code: v.code, path, reason };
    }
    default:
      return undefined;
  }
}
