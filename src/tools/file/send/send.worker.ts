// Sends one file's bytes off the page's main thread: reads the file, hashes it, and sends it on
// its own data channel (handed over by the page) through the shared backpressure sender. The
// page hears only progress. A page that cannot hand its channel over pulls the read and hashed
// blocks from here and sends them itself.
import { createSHA256, type IHasher } from 'hash-wasm';
import { ChannelSender } from '../../../rtc/channel-sender';
import { fileChunks } from './file-chunks';
import { encodeControl, FILE_WATERMARKS, type SendPace } from '../protocol/file-protocol';
import { Pacer } from '../../../rtc/pacer';
import { prefixMatches } from './send-resume';
import { channelOpen } from './channel-open';
import { noteOf, type TransferNote } from '../protocol/transfer-note';

export type SendRequest =
  /** Does the file begin with the part the receiver holds? Answered with `checked`. */
  | { t: 'check'; file: File; offset: number; prefix: string }
  /** Send the file from `from` on `channel`: `from`, the bytes in `pace.chunk`-byte messages, `end`. */
  | { t: 'send'; id: string; file: File; from: number; channel: RTCDataChannel; pace: SendPace }
  /** The page sends itself: read from `from`, one `block` per `next`. */
  | { t: 'read'; file: File; from: number }
  | { t: 'next' }
  | { t: 'stop' };

export type SendReply =
  | { t: 'checked'; same: boolean }
  /** Bytes of the file handed to the channel (counted from its start), and still buffered. */
  | { t: 'progress'; bytes: number; buffered: number }
  /** Everything, `end` included, is handed over and the buffer drained to its low mark. */
  | { t: 'sent' }
  /** The next block (transferred), or null and the digest once the file is read. */
  | { t: 'block'; data: ArrayBuffer | null; sha256: string }
  | { t: 'failed'; note: TransferNote };

/** Bytes read at once (and hashed at once: a hash update per message costs more). */
const READ_BLOCK = 1024 * 1024;
/** How often progress is reported, in ms. */
const PROGRESS_MS = 100;

let hash: IHasher | null = null;
/** The hash stands after this many bytes of the file (after a matching check). */
let hashed = 0;
let channel: RTCDataChannel | null = null;
let sender: ChannelSender | null = null;
let blocks: AsyncGenerator<Uint8Array<ArrayBuffer>> | null = null;
let stopped = false;

// The worker's own scope, taken once: a copy of this module run in a test keeps its own.
const scope = self as unknown as Worker & { close(): void };
const post = (m: SendReply, transfer: Transferable[] = []) => scope.postMessage(m, transfer);

/** The hash, standing at byte `from` of the file. */
async function hashAt(from: number): Promise<IHasher> {
  hash ??= await createSHA256();
  if (from !== hashed) {
    if (from !== 0) throw new Error(`the file was not checked up to byte ${from}`);
    hash.init();
    hashed = 0;
  }
  return hash;
}

async function check(file: File, offset: number, prefix: string): Promise<void> {
  hash ??= await createSHA256();
  const same = await prefixMatches(file, offset, prefix, hash, () => stopped);
  hashed = same ? offset : 0;
  post({ t: 'checked', same });
}

async function send(
  id: string,
  file: File,
  from: number,
  to: RTCDataChannel,
  { chunk, rate }: SendPace,
): Promise<void> {
  channel = to;
  const pacer = new Pacer(rate);
  to.binaryType = 'arraybuffer';
  const h = await hashAt(from);
  await channelOpen(to);
  sender = new ChannelSender(to, FILE_WATERMARKS);
  sender.sendNow(encodeControl({ t: 'from', id, offset: from }));
  let bytes = from;
  let last = 0;
  for await (const block of fileChunks(from ? file.slice(from) : file, READ_BLOCK, READ_BLOCK)) {
    h.update(block);
    for (let at = 0; at < block.byteLength; at += chunk) {
      if (stopped) return;
      const part = block.subarray(at, Math.min(at + chunk, block.byteLength));
      await pacer.take(part.byteLength);
      if (stopped) return;
      await sender.send(part);
      bytes += part.byteLength;
      const now = performance.now();
      if (now - last > PROGRESS_MS) {
        last = now;
        post({ t: 'progress', bytes, buffered: to.bufferedAmount });
      }
    }
  }
  sender.sendNow(encodeControl({ t: 'end', id, sha256: h.digest('hex') }));
  post({ t: 'progress', bytes, buffered: to.bufferedAmount });
  await sender.drained();
  post({ t: 'sent' });
}

async function read(file: File, from: number): Promise<void> {
  await hashAt(from);
  blocks = fileChunks(from ? file.slice(from) : file, READ_BLOCK, READ_BLOCK);
}

async function next(): Promise<void> {
  const step = await blocks!.next();
  if (step.done) return post({ t: 'block', data: null, sha256: hash!.digest('hex') });
  hash!.update(step.value);
  // Every block is read whole into its own buffer: it moves to the page, not copied.
  post({ t: 'block', data: step.value.buffer, sha256: '' }, [step.value.buffer]);
}

function stop(): void {
  stopped = true;
  sender?.abort(new Error('stopped'));
  channel?.close();
  scope.close();
}

async function handle(data: SendRequest): Promise<void> {
  try {
    switch (data.t) {
      case 'check':
        return await check(data.file, data.offset, data.prefix);
      case 'send':
        return await send(data.id, data.file, data.from, data.channel, data.pace);
      case 'read':
        return await read(data.file, data.from);
      case 'next':
        return await next();
    }
  } catch (error) {
    if (!stopped) post({ t: 'failed', note: noteOf(error) });
  }
}

// Requests run one after another (a `next` must find its reader); `stop` cuts in at once.
let queue = Promise.resolve();
scope.onmessage = ({ data }: MessageEvent<SendRequest>) => {
  if (data.t === 'stop') return stop();
  queue = queue.then(() => handle(data));
};
