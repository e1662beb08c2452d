// Receives one batch off the page's main thread: runs its ReceiveSession, takes the bytes from
// the batch's own data channel (handed over by the page), hashes each file and writes the files
// one after another into one stored "pack" through a synchronous access handle, so thousands of
// small files cost no file each. The page relays control messages and stores the records of
// the verified files it is told of.
import { createSHA256, type IHasher } from 'hash-wasm';
import { BlockBuffer } from '../../../store/block-buffer';
import { openSyncHandle, writeAll, type SyncHandle } from '../../../store/sync-handle';
import {
  ReceiveSession,
  type ReceiveSessionEffect,
  type ReceiveSessionEvent,
} from '../session/receive-session';
import type {
  BatchProgress,
  BatchReceiveRequest,
  BatchWorkerReply,
  CutFile,
  PackedFile,
} from '../session/batch-worker-messages';
import { toHex } from '../protocol/hex';
import { opfsRoot } from '../../../store/opfs-root';

const WRITE_BLOCK = 1024 * 1024;
const PROGRESS_MS = 100;
/** Verified files are told to the page at most this often (one record write per tell). */
const STORED_MS = 250;
const STORED_PER_MESSAGE = 100;

const session = new ReceiveSession();
let handleOpen: SyncHandle | null = null;
let hasher: IHasher | null = null;
let hashing = -1;
/** Bytes of the pack written (or gathered for the next write). */
let packEnd = 0;
let written = 0;
/** Where each file of this connection begins in the pack. */
const starts = new Map<number, number>();
/** The digest of each file hashed, kept until its verdict. */
const digests = new Map<number, string>();
let verified: PackedFile[] = [];
let over = false;
let lastProgress = 0;
let lastStored = 0;
let channel: RTCDataChannel | null = null;
/** Events from the channel wait here while the pack is being opened. */
let ready: Promise<void> = Promise.resolve();

const gathered = new BlockBuffer(new Uint8Array(WRITE_BLOCK), (data) => {
  writeAll(handleOpen!, data, written);
  written += data.byteLength;
  return new Uint8Array(data.buffer);
});

// The worker's own scope, taken once: a copy of this module run in a test keeps its own.
const scope = self as unknown as Worker;
const post = (m: BatchWorkerReply) => scope.postMessage(m);

function progress(): BatchProgress {
  const s = session.snapshot().receiving;
  return {
    fileCount: s?.fileCount ?? 0,
    filesDone: s?.filesVerified ?? 0,
    filesCorrupt: s?.filesCorrupt ?? 0,
    bytes: s?.bytes ?? 0,
    totalBytes: s?.totalBytes ?? 0,
  };
}

function handle(event: ReceiveSessionEvent): void {
  if (over) return;
  perform(session.handle(event));
}

function perform(effects: ReceiveSessionEffect[]): void {
  for (const effect of effects) {
    switch (effect.t) {
      case 'control':
        if (effect.message.t === 'batch-verified') {
          verdicts.id = effect.message.id;
          verdicts.ok.push(...effect.message.ok);
          verdicts.bad.push(...effect.message.bad);
          // Well within any browser's message size: at most about 40 KB of JSON.
          if (verdicts.ok.length + verdicts.bad.length >= MAX_VERDICTS) tellVerdicts();
          break;
        }
        tellVerdicts();
        post({ t: 'control', message: effect.message });
        break;
      case 'offered':
        post({ t: 'offered', manifest: effect.manifest });
        break;
      case 'write': {
        const h = hashFor(effect.index);
        h.update(effect.bytes);
        gathered.add(effect.bytes);
        packEnd += effect.bytes.byteLength;
        break;
      }
      case 'digest': {
        const { index } = effect;
        const h = hashFor(index);
        hashing = -1;
        const sha256 = h.digest('binary');
        digests.set(index, toHex(sha256));
        perform(session.handle({ t: 'digested', index, sha256 }));
        break;
      }
      case 'verified': {
        const sha256 = digests.get(effect.index) ?? '';
        digests.delete(effect.index);
        if (effect.ok)
          verified.push({ index: effect.index, start: starts.get(effect.index)!, sha256 });
        starts.delete(effect.index);
        break;
      }
      case 'ended':
        return finish(effect);
    }
  }
  tell();
}

/** The hash of file `index`, begun where its first bytes go in the pack. */
function hashFor(index: number): IHasher {
  if (hashing !== index) {
    hasher!.init();
    hashing = index;
    starts.set(index, packEnd);
  }
  return hasher!;
}

/**
 * Verdicts for the sender, gathered: one message per channel message would cost both pages a
 * relay each (2,500 of them for 10,000 small files). The sender needs them only to finish.
 */
const verdicts = { id: '', ok: [] as number[], bad: [] as number[] };
const MAX_VERDICTS = 5000;
let verdictTimer: ReturnType<typeof setTimeout> | undefined;

function tellVerdicts(): void {
  clearTimeout(verdictTimer);
  verdictTimer = undefined;
  if (!verdicts.ok.length && !verdicts.bad.length) return;
  const { id, ok, bad } = verdicts;
  post({ t: 'control', message: { t: 'batch-verified', id, ok, bad } });
  verdicts.ok = [];
  verdicts.bad = [];
}

/** Progress, the verdicts, and the files verified (once their bytes are on disk). */
function tell(force = false): void {
  const now = performance.now();
  if (force || now - lastProgress >= PROGRESS_MS) {
    lastProgress = now;
    post({ t: 'progress', progress: progress() });
    tellVerdicts();
  } else if (verdictTimer === undefined && (verdicts.ok.length || verdicts.bad.length)) {
    // No more bytes may come for a while: the verdicts go anyway.
    verdictTimer = setTimeout(tellVerdicts, PROGRESS_MS);
  }
  if (verified.length && (force || now - lastStored >= STORED_MS)) {
    lastStored = now;
    if (handleOpen) {
      gathered.flush();
      handleOpen.flush();
    }
    // A few hundred at a time would make the page's task that records them a long one.
    for (let i = 0; i < verified.length; i += STORED_PER_MESSAGE)
      post({ t: 'stored', files: verified.slice(i, i + STORED_PER_MESSAGE) });
    verified = [];
  }
}

function finish(effect: Extract<ReceiveSessionEffect, { t: 'ended' }>): void {
  let partial: CutFile | undefined;
  try {
    tell(true);
    const { outcome } = effect;
    // A file cut in the middle: its bytes so far are in the pack (closing it flushes them).
    const at = outcome.t === 'interrupted' ? outcome.at : undefined;
    const start = at ? starts.get(at.index) : undefined;
    if (at && at.offset > 0 && start !== undefined)
      partial = { index: at.index, start, length: at.offset };
  } finally {
    over = true;
    closePack();
    channel?.close();
    post({
      t: 'ended',
      outcome: effect.outcome,
      progress: progress(),
      ...(partial && { partial }),
    });
  }
}

function closePack(): void {
  if (!handleOpen) return;
  try {
    gathered.flush();
    handleOpen.flush();
  } finally {
    handleOpen.close();
    handleOpen = null;
  }
}

/** The batch being taken (its id), once the page accepted it. */
let accepting = '';

async function accept(m: Extract<BatchReceiveRequest, { t: 'accept' }>): Promise<void> {
  accepting = m.id;
  const root = await opfsRoot();
  const folder = await root.getDirectoryHandle(m.dir, { create: true });
  handleOpen = await openSyncHandle(folder, m.pack);
  handleOpen.truncate(0);
  hasher = await createSHA256();
  if (m.from.offset > 0 && m.resume) await carryOver(folder, m.from, m.resume);
  handle({ t: 'accept', from: m.from });
}

/**
 * The first bytes of a file cut in the middle, from the pack they were written to, become the
 * start of this pack, hashed as if they had just come: the sender goes on after them.
 */
async function carryOver(
  folder: FileSystemDirectoryHandle,
  from: { index: number; offset: number },
  resume: { pack: string; start: number },
): Promise<void> {
  const old = await (await folder.getFileHandle(resume.pack)).getFile();
  if (old.size < resume.start + from.offset) throw new Error('the cut file is shorter than kept');
  const h = hashFor(from.index);
  for (let at = 0; at < from.offset; at += WRITE_BLOCK) {
    const end = Math.min(from.offset, at + WRITE_BLOCK);
    const bytes = new Uint8Array(
      await old.slice(resume.start + at, resume.start + end).arrayBuffer(),
    );
    h.update(bytes);
    gathered.add(bytes);
    packEnd += bytes.byteLength;
  }
}

function storageFailed(error: unknown): void {
  if (over) return;
  const e = error instanceof Error ? error : new Error(String(error));
  post({ t: 'failed', name: e.name, message: e.message });
  if (session.snapshot().receiving)
    return handle({ t: 'storage-failed', name: e.name, message: e.message });
  // The pack could not be opened: the batch was never taken, and its sender must hear why.
  over = true;
  const end = { t: 'batch-end', id: accepting, code: 'storage', index: 0 } as const;
  post({ t: 'control', message: end });
  const outcome = { t: 'ended', code: 'storage', index: 0, by: 'here' } as const;
  post({ t: 'ended', outcome, progress: progress() });
}

/** Runs `step` after what came before it (the pack's opening, say). */
function inTurn(step: () => void | Promise<void>): void {
  ready = ready.then(step).catch(storageFailed);
}

scope.onmessage = ({ data }: MessageEvent<BatchReceiveRequest>) => {
  switch (data.t) {
    case 'control':
      return inTurn(() => handle({ t: 'control', message: data.message }));
    case 'accept':
      return inTurn(() => accept(data));
    case 'decline':
      return inTurn(() =>
        handle({ t: 'decline', ...(data.unsafe === undefined ? {} : { unsafe: data.unsafe }) }),
      );
    case 'abort':
      return inTurn(() => handle({ t: 'abort' }));
    case 'closed':
      return inTurn(() => handle({ t: 'closed' }));
    case 'channel':
      channel = data.channel;
      channel.binaryType = 'arraybuffer';
      channel.onmessage = ({ data: bytes }: MessageEvent<ArrayBuffer | string>) => {
        if (typeof bytes === 'string') return;
        const message = new Uint8Array(bytes);
        inTurn(() => handle({ t: 'message', data: message }));
      };
      return;
  }
};
