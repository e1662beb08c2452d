// Receives a piping-server transfer off the main thread, as the first of three stages: this
// worker fetches, decrypts (openssl) and packs the plaintext into large blocks; the hash worker
// takes SHA-256 of each and the write worker stores it in OPFS, so reading, hashing and writing
// overlap. A bounded pool of blocks keeps memory flat however large the transfer; the page's
// own heap never sees the data.
import { BlockPacker } from './block-packer';
import { OpensslDecryptor, WrongPassphraseError } from './openssl-cbc';
import { nameFromHeaders } from './relay-commands';
import type { FromWrite, ToHash, ToWriteDirect } from './relay-stages';

export type WorkerRequest =
  | {
      t: 'start';
      url: string;
      passphrase?: string;
      /** To the hash worker. */
      hash: MessagePort;
      /** To and from the write worker. */
      write: MessagePort;
    }
  | { t: 'abort' };

export type WorkerReply =
  | { t: 'progress'; received: number; total: number | null }
  | {
      t: 'done';
      received: number;
      total: number | null;
      size: number;
      sha256: string;
      name: string | null;
      type: string;
      head: Uint8Array;
    }
  | { t: 'error'; error: WorkerError };

/**
 * Why a transfer failed, as data: the page words it in its own language (a worker has no
 * localization of its own).
 */
export type WorkerError =
  | { kind: 'abort' }
  | { kind: 'passphrase' }
  | { kind: 'unreachable'; origin: string }
  | { kind: 'refused'; status: number; detail: string }
  /** Fewer bytes than Content-Length said arrived (`total` is then known). */
  | { kind: 'short'; received: number; total: number }
  /** The stream broke off after `received` bytes. */
  | { kind: 'cut'; received: number; total: number | null }
  /** Storing the file failed (the browser's error name and words). */
  | { kind: 'storage'; name: string; message: string };

const TEXT_LIMIT = 256 * 1024;
// Large blocks: a storage call per block costs a round trip in a private window. Four of them in
// flight let each stage hold one while the next is being filled.
const BLOCK_SIZE = 4 * 1024 * 1024;
const POOL_SIZE = 4;
const abort = new AbortController();
const post = (m: WorkerReply) => (self as unknown as Worker).postMessage(m);

self.onmessage = (e: MessageEvent<WorkerRequest>) => {
  if (e.data.t === 'abort') abort.abort();
  else void receive(e.data);
};

async function receive({ url, passphrase, hash, write }: Extract<WorkerRequest, { t: 'start' }>) {
  const toHash = (m: ToHash) => hash.postMessage(m, m.t === 'block' ? [m.buf] : []);
  const packer = new BlockPacker(BLOCK_SIZE, POOL_SIZE, (buf, length, at) =>
    toHash({ t: 'block', buf, length, at }),
  );
  let reader: ReadableStreamDefaultReader<Uint8Array> | null = null;
  let end: { resolve(sha256: string): void; reject(e: Error): void } | null = null;
  let cancelled: () => void = () => {};
  let storageFailed: { name: string; message: string } | null = null;
  write.onmessage = ({ data }: MessageEvent<FromWrite>) => {
    if (data.t === 'free') packer.recycle(data.buf);
    else if (data.t === 'written') end?.resolve(data.sha256);
    else if (data.t === 'cancelled') cancelled();
    else {
      // Whatever this worker is waiting for (a block, the next read, the end) gives up.
      storageFailed = { name: data.name, message: data.message };
      const error = new Error('storage failed');
      packer.fail(error);
      end?.reject(error);
      void reader?.cancel().catch(() => {});
    }
  };
  /** Stops the writer and waits until it has removed the partial file. */
  const discard = () =>
    new Promise<void>((resolve) => {
      cancelled = resolve;
      write.postMessage({ t: 'cancel' } satisfies ToWriteDirect);
    });

  let response: Response;
  try {
    response = await fetch(url, { cache: 'no-store', signal: abort.signal });
  } catch {
    await discard();
    return fail(
      abort.signal.aborted
        ? { kind: 'abort' }
        : { kind: 'unreachable', origin: new URL(url).origin },
    );
  }
  if (!response.ok || !response.body) {
    const body = (await response.text().catch(() => '')).trim();
    await discard();
    return fail({ kind: 'refused', status: response.status, detail: body || response.statusText });
  }
  const lengthHeader = response.headers.get('Content-Length');
  const total = lengthHeader !== null ? Number(lengthHeader) : null;
  // Decrypted, the file is a little shorter than the stream: the writer trims it at the end.
  if (total !== null) toHash({ t: 'size', size: total });
  const decryptor = passphrase !== undefined ? new OpensslDecryptor(passphrase) : null;
  const head = new Uint8Array(TEXT_LIMIT);
  let received = 0;
  let lastEmit = 0;
  let short = false;
  const store = async (bytes: Uint8Array) => {
    const stored = packer.size;
    if (stored < TEXT_LIMIT) head.set(bytes.subarray(0, TEXT_LIMIT - stored), stored);
    await packer.push(bytes);
  };
  reader = response.body.getReader();
  let sha256: string;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      await store(decryptor ? await decryptor.update(value) : value);
      received += value.byteLength;
      const now = performance.now();
      if (now - lastEmit > 100) {
        lastEmit = now;
        post({ t: 'progress', received, total });
      }
    }
    // A storage failure cancels the read, which then ends as if complete.
    if (storageFailed) throw new Error('storage failed');
    if (total !== null && received !== total) {
      short = true;
      throw new Error('short transfer');
    }
    if (decryptor) await store(await decryptor.final());
    packer.flush();
    sha256 = await new Promise<string>((resolve, reject) => {
      end = { resolve, reject };
      toHash({ t: 'end', size: packer.size });
    });
  } catch (error) {
    await discard();
    if (abort.signal.aborted) return fail({ kind: 'abort' });
    if (error instanceof WrongPassphraseError) return fail({ kind: 'passphrase' });
    // Set by the writer's message, which the compiler cannot see from here.
    const stored = storageFailed as { name: string; message: string } | null;
    if (stored) return fail({ kind: 'storage', ...stored });
    return fail(
      short && total !== null
        ? { kind: 'short', received, total }
        : { kind: 'cut', received, total },
    );
  }
  const size = packer.size;
  post({
    t: 'done',
    received,
    total,
    size,
    sha256,
    name: nameFromHeaders(
      response.headers.get('Content-Disposition'),
      response.headers.get('X-Piping'),
    ),
    type: response.headers.get('Content-Type') ?? '',
    head: head.slice(0, Math.min(size, TEXT_LIMIT)),
  });
}

function fail(error: WorkerError): void {
  post({ t: 'error', error });
}
