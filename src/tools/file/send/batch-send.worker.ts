// Sends one batch off the page's main thread: runs its SendSession, reads and hashes its files,
// and sends the packed messages on the batch's own data channel (handed over by the page). The
// page relays the session's control messages and hears progress.
import { createSHA256, type IHasher } from 'hash-wasm';
import { Pacer } from '../../../rtc/pacer';
import {
  SendSession,
  type SendSessionEffect,
  type SendSessionEvent,
} from '../session/send-session';
import { readGroups } from './read-groups';
import type {
  BatchProgress,
  BatchSendRequest,
  BatchWorkerReply,
} from '../session/batch-worker-messages';

const PROGRESS_MS = 100;

let session: SendSession | null = null;
const files: File[] = [];
let channel: RTCDataChannel | null = null;
let pacer = new Pacer(0);
let hasher: IHasher | null = null;
/** The file the hasher stands in (-1: none yet). */
let hashing = -1;
/** Reads and digests, answered strictly in the order asked. */
let steps: Promise<void> = Promise.resolve();
/** Messages the session said to send, waiting for the pacer. */
const outbox: Uint8Array[] = [];
let pumping = false;
let over = false;
let lastProgress = 0;

// The worker's own scope, taken once: a copy of this module run in a test keeps its own.
const scope = self as unknown as Worker;
const post = (m: BatchWorkerReply) => scope.postMessage(m);

function progress(): BatchProgress {
  const s = session?.snapshot().sending;
  return {
    fileCount: s?.fileCount ?? files.length,
    filesDone: s ? s.filesVerified + s.filesCorrupt : 0,
    filesCorrupt: s?.filesCorrupt ?? 0,
    bytes: Math.max(0, (s?.bytes ?? 0) - (channel?.bufferedAmount ?? 0)),
    totalBytes: s?.totalBytes ?? files.reduce((sum, f) => sum + f.size, 0),
  };
}

function report(force = false): void {
  const now = performance.now();
  if (!force && now - lastProgress < PROGRESS_MS) return;
  lastProgress = now;
  post({ t: 'progress', progress: progress() });
}

/** Feeds an event to the session and performs what it says, in order. */
function handle(event: SendSessionEvent): void {
  if (!session || over) return;
  perform(session.handle(event));
}

function perform(effects: SendSessionEffect[]): void {
  let sent = false;
  for (const effect of effects) {
    switch (effect.t) {
      case 'control':
        post({ t: 'control', message: effect.message });
        break;
      case 'read':
      case 'digest':
        // Reads wait here a moment, so that several go to the browser as one (see readGroups).
        pendingReads.push(effect);
        if (effect.t === 'read') pendingBytes += effect.length;
        if (pendingReads.length >= GROUP_PARTS || pendingBytes >= GROUP_BYTES) flushReads();
        break;
      case 'send':
        outbox.push(effect.message);
        sent = true;
        break;
      case 'ended':
        finish(effect);
        return;
    }
  }
  if (sent) void pump();
  // While reads are out, those asked meanwhile wait for one to come back, and go together.
  if (groupsInFlight === 0) flushReads();
  report();
}

type ReadStep = Extract<SendSessionEffect, { t: 'read' | 'digest' }>;
type ReadEffect = Extract<SendSessionEffect, { t: 'read' }>;

/** Steps gathered before they go as one read (see read-groups.ts). */
const GROUP_PARTS = 256;
const GROUP_BYTES = 1024 * 1024;
const pendingReads: ReadStep[] = [];
let pendingBytes = 0;
let groupsInFlight = 0;

/** Starts the reads waiting, in groups, and queues their answers (and digests) in order. */
function flushReads(): void {
  for (const group of readGroups(pendingReads, GROUP_BYTES)) readGroup(group);
  pendingReads.length = 0;
  pendingBytes = 0;
}

/** Reads the parts of `group` as one Blob (started now), then answers its steps in turn. */
function readGroup(group: ReadStep[]): void {
  const reads = group.filter((s): s is ReadEffect => s.t === 'read');
  const part = ({ index, offset, length }: ReadEffect) => {
    const file = files[index]!;
    return offset === 0 && length === file.size ? file : file.slice(offset, offset + length);
  };
  const length = reads.reduce((sum, r) => sum + r.length, 0);
  const whole = reads.length
    ? (reads.length === 1 ? part(reads[0]!) : new Blob(reads.map(part))).arrayBuffer()
    : Promise.resolve(new ArrayBuffer(0));
  // The read starts now; its answers wait for those asked before it.
  whole.catch(() => {});
  groupsInFlight++;
  queue(async () => {
    let data: ArrayBuffer | null = null;
    try {
      data = await whole;
      // A file that changed since it was chosen may read short: found below, part by part.
      if (data.byteLength !== length) data = null;
    } catch {
      // Which part failed is found by reading them one by one, below.
    }
    groupsInFlight--;
    let at = 0;
    for (const step of group) {
      const h = await hashFor(step.index);
      if (step.t === 'digest') {
        hashing = -1;
        handle({ t: 'digested', index: step.index, sha256: h.digest('binary') });
        continue;
      }
      let bytes: Uint8Array;
      if (data) bytes = new Uint8Array(data, at, step.length);
      else {
        try {
          bytes = new Uint8Array(await part(step).arrayBuffer());
        } catch (error) {
          const e = error instanceof Error ? error : new Error(String(error));
          return handle({ t: 'read-failed', index: step.index, name: e.name, message: e.message });
        }
      }
      at += step.length;
      h.update(bytes);
      handle({ t: 'read', index: step.index, offset: step.offset, bytes });
    }
    flushReads();
  });
}

function queue(step: () => Promise<void>): void {
  steps = steps.then(step).catch((error) => fail(error));
}

async function hashFor(index: number): Promise<IHasher> {
  hasher ??= await createSHA256();
  if (hashing !== index) {
    hasher.init();
    hashing = index;
  }
  return hasher;
}

/** Hands the outbox to the channel, no faster than the pacer allows. */
async function pump(): Promise<void> {
  if (pumping) return;
  pumping = true;
  try {
    while (outbox.length && !over) {
      const message = outbox.shift()!;
      await pacer.take(message.byteLength);
      if (over) return;
      // Not open yet: its `open` pumps again. Closing: the connection's end comes from the page.
      if (!channel || channel.readyState !== 'open') {
        outbox.unshift(message);
        return;
      }
      channel.send(message as Uint8Array<ArrayBuffer>);
    }
  } catch (error) {
    // A send can meet the channel closing before its `close` event: that is no failure of ours.
    if (channel?.readyState !== 'open') return;
    return fail(error);
  } finally {
    pumping = false;
  }
  // The session counted what it handed over; the channel knows what is still buffered.
  if (channel && !over) handle({ t: 'buffered', amount: channel.bufferedAmount });
}

function finish(effect: Extract<SendSessionEffect, { t: 'ended' }>): void {
  over = true;
  post({ t: 'ended', outcome: effect.outcome, progress: progress() });
  // The last messages may still be in the channel's buffer: close it only once they left.
  const c = channel;
  if (!c) return;
  if (effect.outcome.t !== 'complete' || c.bufferedAmount === 0) c.close();
  else {
    c.bufferedAmountLowThreshold = 0;
    c.onbufferedamountlow = () => c.close();
  }
}

function fail(error: unknown): void {
  if (over) return;
  const e = error instanceof Error ? error : new Error(String(error));
  post({ t: 'failed', name: e.name, message: e.message });
  // The session ends as the user's abort would, so the receiver hears of it.
  handle({ t: 'abort' });
  over = true;
  channel?.close();
}

function attach(c: RTCDataChannel, limits: { highWater: number }): void {
  channel = c;
  c.binaryType = 'arraybuffer';
  c.bufferedAmountLowThreshold = Math.floor(limits.highWater / 4);
  c.onbufferedamountlow = () => handle({ t: 'buffered', amount: c.bufferedAmount });
  // Messages the session handed over before the channel opened go now.
  c.onopen = () => void pump();
  // The connection's end comes from the page (the control channel closing). A bytes channel
  // that closes alone means the receiver's side broke; its word on why comes first, if any.
  c.onclose = () => setTimeout(() => fail(new Error('the bytes channel closed')), 3000);
}

let highWater = 0;
scope.onmessage = ({ data }: MessageEvent<BatchSendRequest>) => {
  try {
    switch (data.t) {
      case 'files':
        files.push(...data.files);
        return;
      case 'start': {
        pacer = new Pacer(data.rate);
        highWater = data.limits.highWater;
        const entries = files.map((file, i) => ({
          path: data.paths[i]!,
          size: file.size,
          type: file.type,
          lastModified: file.lastModified,
        }));
        const manifest = {
          t: 'batch',
          id: data.id,
          files: entries,
          emptyFolders: data.emptyFolders,
        } as const;
        session = new SendSession(manifest, data.limits);
        handle({ t: 'offer' });
        return report(true);
      }
      case 'channel':
        return attach(data.channel, { highWater });
      case 'control':
        return handle({ t: 'control', message: data.message });
      case 'abort':
        return handle({ t: 'abort' });
      case 'closed':
        return handle({ t: 'closed' });
    }
  } catch (error) {
    fail(error);
  }
};
