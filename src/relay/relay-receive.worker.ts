// Receives a piping-server transfer off the main thread: fetch, optional openssl decryption,
// SHA-256 and synchronous OPFS writes all happen here, so the page stays responsive and its
// heap flat however large the transfer.
import { createSHA256 } from 'hash-wasm';
import { OpensslDecryptor, WrongPassphraseError } from './openssl-cbc';
import { nameFromHeaders } from './relay-commands';

export type WorkerRequest =
  { t: 'start'; url: string; id: string; dir: string; passphrase?: string } | { t: 'abort' };

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
  | { kind: 'cut'; received: number; total: number | null };

interface SyncHandle {
  write(data: Uint8Array, options: { at: number }): number;
  flush(): void;
  close(): void;
}

const TEXT_LIMIT = 256 * 1024;
const abort = new AbortController();
const post = (m: WorkerReply) => (self as unknown as Worker).postMessage(m);

self.onmessage = (e: MessageEvent<WorkerRequest>) => {
  if (e.data.t === 'abort') abort.abort();
  else void receive(e.data);
};

async function receive({ url, id, dir, passphrase }: Extract<WorkerRequest, { t: 'start' }>) {
  let response: Response;
  try {
    response = await fetch(url, { cache: 'no-store', signal: abort.signal });
  } catch {
    return fail(
      abort.signal.aborted
        ? { kind: 'abort' }
        : { kind: 'unreachable', origin: new URL(url).origin },
    );
  }
  if (!response.ok || !response.body) {
    const body = (await response.text().catch(() => '')).trim();
    return fail({ kind: 'refused', status: response.status, detail: body || response.statusText });
  }
  const lengthHeader = response.headers.get('Content-Length');
  const total = lengthHeader !== null ? Number(lengthHeader) : null;
  const folder = await (
    await navigator.storage.getDirectory()
  ).getDirectoryHandle(dir, { create: true });
  const fileHandle = await folder.getFileHandle(id, { create: true });
  const handle = await (
    fileHandle as unknown as { createSyncAccessHandle(): Promise<SyncHandle> }
  ).createSyncAccessHandle();
  const hash = await createSHA256();
  const decryptor = passphrase !== undefined ? new OpensslDecryptor(passphrase) : null;
  const head = new Uint8Array(TEXT_LIMIT);
  let received = 0;
  let stored = 0;
  let lastEmit = 0;
  let short = false;
  const store = (bytes: Uint8Array) => {
    if (bytes.byteLength === 0) return;
    hash.update(bytes);
    if (stored < TEXT_LIMIT) head.set(bytes.subarray(0, TEXT_LIMIT - stored), stored);
    let written = 0;
    while (written < bytes.byteLength)
      written += handle.write(bytes.subarray(written), { at: stored + written });
    stored += bytes.byteLength;
  };
  try {
    const reader = response.body.getReader();
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      store(decryptor ? await decryptor.update(value) : value);
      received += value.byteLength;
      const now = performance.now();
      if (now - lastEmit > 100) {
        lastEmit = now;
        post({ t: 'progress', received, total });
      }
    }
    if (total !== null && received !== total) {
      short = true;
      throw new Error('short transfer');
    }
    if (decryptor) store(await decryptor.final());
    handle.flush();
    handle.close();
  } catch (error) {
    handle.close();
    await folder.removeEntry(id).catch(() => {});
    if (abort.signal.aborted) return fail({ kind: 'abort' });
    if (error instanceof WrongPassphraseError) return fail({ kind: 'passphrase' });
    return fail(
      short && total !== null
        ? { kind: 'short', received, total }
        : { kind: 'cut', received, total },
    );
  }
  post({
    t: 'done',
    received,
    total,
    size: stored,
    sha256: hash.digest('hex'),
    name: nameFromHeaders(
      response.headers.get('Content-Disposition'),
      response.headers.get('X-Piping'),
    ),
    type: response.headers.get('Content-Type') ?? '',
    head: head.slice(0, Math.min(stored, TEXT_LIMIT)),
  });
}

function fail(error: WorkerError): void {
  post({ t: 'error', error });
}
