// Receives one file's bytes off the page's main thread: reads them from the file's own data
// channel (handed over by the page, or forwarded by it where a channel cannot move), hashes them
// and writes them to OPFS through a synchronous access handle. Every checkpointBytes(size) it flushes
// and reports the hash state, so an interrupted transfer can resume. The page hears progress,
// checkpoints and the verdict, never the bytes.
import { createSHA256, type IHasher } from 'hash-wasm';
import { parseControl } from '../protocol/file-protocol';
import { checkpointBytes } from './checkpoint-bytes';
import { BlockBuffer } from '../../../store/block-buffer';
import { openSyncHandle, writeAll, type SyncHandle } from '../../../store/sync-handle';
import { opfsRoot } from '../../../store/opfs-root';

export type ReceiveRequest =
  /** Opens the stored file `id` and writes from byte `at` (cutting off what lies beyond). */
  | { t: 'open'; dir: string; id: string; at: number; size: number; hashState?: Uint8Array }
  | { t: 'channel'; channel: RTCDataChannel }
  /** Where the channel cannot move here, the page forwards its messages. */
  | { t: 'message'; data: string | ArrayBuffer }
  /** Stop here and keep what arrived (answered with `kept`). */
  | { t: 'keep' }
  /** Stop and delete the file (answered with `removed`). */
  | { t: 'remove' };

export type ReceiveReply =
  /** Another writer still holds the file (a page just closed): the open waits for it. */
  | { t: 'waiting' }
  /** Opened: where the file stands (its checkpoint) and the SHA-256 of the part stored. */
  | { t: 'opened'; bytes: number; hashState: Uint8Array; prefix: string }
  | { t: 'progress'; bytes: number }
  /** The sender's `from`: the bytes begin there (at 0 the file was started over). */
  | { t: 'from'; offset: number }
  /** Everything up to `bytes` is on disk; `hashState` is the hash after them. */
  | { t: 'checkpoint'; bytes: number; hashState: Uint8Array }
  /** The sender's `end` came; the file is closed. `sha256` is the digest of what is stored. */
  | { t: 'end'; ok: boolean; sha256: string; bytes: number }
  | { t: 'kept'; bytes: number; hashState: Uint8Array }
  | { t: 'removed' }
  /**
   * `storage`: OPFS failed; `protocol`: a message out of place; `offset`: bytes resumed where
   * this side never offered; `oversize`: more bytes than announced.
   */
  | {
      t: 'failed';
      kind: 'storage' | 'protocol' | 'offset' | 'oversize';
      message: string;
      /** The browser's name for a storage error (QuotaExceededError, FileHeldError…). */
      name?: string;
    };

/** Bytes gathered before one write (and one hash update): fewer, larger calls are faster. */
const WRITE_BLOCK = 1024 * 1024;
const PROGRESS_MS = 100;

let folder: FileSystemDirectoryHandle | null = null;
let name = '';
let handle: SyncHandle | null = null;
let hash: IHasher | null = null;
let expected = 0;
/** Bytes between two checkpoints of this file. */
let every = checkpointBytes(0);
/** Where the stored part ends when the bytes begin; `from` may only be this or 0. */
let held = 0;
/** Bytes received (stored, or gathered for the next write). */
let bytes = 0;
/** Bytes written to the file and hashed. */
let written = 0;
let saved = 0;
/** Writes and hashes each block as it fills. */
const gathered = new BlockBuffer(new Uint8Array(WRITE_BLOCK), (data) => {
  writeAll(handle!, data, written);
  hash!.update(data);
  written += data.byteLength;
  return new Uint8Array(data.buffer);
});
let phase: 'from' | 'bytes' | 'over' = 'from';
let lastProgress = 0;
let channel: RTCDataChannel | null = null;

// The worker's own scope, taken once: a copy of this module run in a test keeps its own.
const scope = self as unknown as Worker;
const post = (m: ReceiveReply) => scope.postMessage(m);

async function open(m: Extract<ReceiveRequest, { t: 'open' }>): Promise<void> {
  const root = await opfsRoot();
  folder = await root.getDirectoryHandle(m.dir, { create: true });
  name = m.id;
  handle = await openSyncHandle(folder, name, () => post({ t: 'waiting' }));
  if (handle.getSize() < m.at) throw new Error(`the stored part is shorter than ${m.at} bytes`);
  handle.truncate(m.at);
  hash = await createSHA256();
  if (m.hashState) hash.load(m.hashState);
  expected = m.size;
  every = checkpointBytes(m.size);
  held = bytes = written = saved = m.at;
  // The digest of what is stored comes from a copy: `hash` goes on from there.
  const prefix = (await createSHA256()).load(hash.save()).digest('hex');
  post({ t: 'opened', bytes: m.at, hashState: hash.save(), prefix });
}

function checkpoint(): void {
  gathered.flush();
  handle!.flush();
  saved = written;
  post({ t: 'checkpoint', bytes: written, hashState: hash!.save() });
}

function fail(
  kind: Extract<ReceiveReply, { t: 'failed' }>['kind'],
  message: string,
  name?: string,
): void {
  phase = 'over';
  post({ t: 'failed', kind, message, ...(name ? { name } : {}) });
}

function storageFailed(error: unknown): void {
  if (error instanceof Error) fail('storage', error.message, error.name);
  else fail('storage', String(error));
}

function take(data: string | ArrayBuffer): void {
  if (phase === 'over') return;
  if (typeof data === 'string') return control(data);
  if (phase !== 'bytes')
    return fail('protocol', 'bytes came before the sender said where they begin');
  const chunk = new Uint8Array(data);
  if (bytes + chunk.byteLength > expected) return fail('oversize', 'more bytes than announced');
  gathered.add(chunk);
  bytes += chunk.byteLength;
  if (written - saved >= every) checkpoint();
  const now = performance.now();
  if (now - lastProgress > PROGRESS_MS) {
    lastProgress = now;
    post({ t: 'progress', bytes });
  }
}

function control(text: string): void {
  const m = parseControl(text);
  if (m?.t === 'from' && phase === 'from') {
    if (m.offset === 0 && held > 0) {
      // The sender's file changed: start over.
      handle!.truncate(0);
      hash!.init();
      held = bytes = written = saved = 0;
    } else if (m.offset !== held) {
      return fail('offset', 'the sender resumed at an offset this side never offered');
    }
    phase = 'bytes';
    post({ t: 'from', offset: m.offset });
    return;
  }
  if (m?.t === 'end' && phase === 'bytes') {
    gathered.flush();
    handle!.flush();
    handle!.close();
    handle = null;
    phase = 'over';
    const sha256 = hash!.digest('hex');
    post({ t: 'progress', bytes });
    post({ t: 'end', ok: sha256 === m.sha256 && bytes === expected, sha256, bytes });
    return;
  }
  fail('protocol', 'a message out of place on the bytes channel');
}

function keep(): void {
  phase = 'over';
  channel?.close();
  if (handle) {
    gathered.flush();
    handle.flush();
    handle.close();
    handle = null;
  }
  post({ t: 'kept', bytes: written, hashState: hash ? hash.save() : new Uint8Array() });
}

async function remove(): Promise<void> {
  phase = 'over';
  channel?.close();
  handle?.close();
  handle = null;
  await folder?.removeEntry(name).catch(() => {});
  post({ t: 'removed' });
}

scope.onmessage = async ({ data }: MessageEvent<ReceiveRequest>) => {
  try {
    switch (data.t) {
      case 'open':
        return await open(data);
      case 'channel':
        channel = data.channel;
        channel.binaryType = 'arraybuffer';
        channel.onmessage = (e: MessageEvent<string | ArrayBuffer>) =>
          runSafely(() => take(e.data));
        return;
      case 'message':
        return take(data.data);
      case 'keep':
        return keep();
      case 'remove':
        return await remove();
    }
  } catch (error) {
    storageFailed(error);
  }
};

function runSafely(step: () => void): void {
  try {
    step();
  } catch (error) {
    storageFailed(error);
  }
}
