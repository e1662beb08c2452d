import { msg, str } from '@lit/localize';
import { currentLocale } from '../i18n/current-locale';
import { RECEIVED_DIR, addReceivedFile } from '../store/received-files';
import { newTransferId } from '../files/transfer-id';
import { WrongPassphraseError } from './openssl-cbc';
import type { WorkerError, WorkerReply, WorkerRequest } from './relay-receive.worker';
import type { HashStart, WriteStart } from './relay-stages';
import { RelayError } from './relay-send';
import { storageFailure } from '../store/storage-errors';

export interface ReceiveProgress {
  received: number;
  /** From Content-Length, when the sender told it. */
  total: number | null;
}

export interface Received {
  id: string;
  name: string | null;
  size: number;
  type: string;
  sha256: string;
  /** The content, when it is short UTF-8 text. */
  text: string | null;
}

/**
 * Receives from a piping-server URL into disk-backed storage, in three workers that overlap
 * (fetch with optional openssl decryption with `passphrase`; SHA-256; synchronous OPFS writes),
 * then records the file. Checks the byte count against Content-Length.
 */
export function relayReceive(
  url: string,
  onProgress: (p: ReceiveProgress) => void,
  signal: AbortSignal,
  passphrase?: string,
): Promise<Received> {
  const id = newTransferId();
  const worker = new Worker(new URL('./relay-receive.worker.ts', import.meta.url), {
    type: 'module',
  });
  const hasher = new Worker(new URL('./relay-hash.worker.ts', import.meta.url), {
    type: 'module',
  });
  const writer = new Worker(new URL('./relay-write.worker.ts', import.meta.url), {
    type: 'module',
  });
  // Blocks flow worker -> hasher -> writer -> worker, each hop over its own channel.
  const toHash = new MessageChannel();
  const toWrite = new MessageChannel();
  const writeBack = new MessageChannel();
  hasher.postMessage({ input: toHash.port2, output: toWrite.port1 } satisfies HashStart, [
    toHash.port2,
    toWrite.port1,
  ]);
  writer.postMessage(
    {
      input: toWrite.port2,
      receive: writeBack.port2,
      dir: RECEIVED_DIR,
      id,
    } satisfies WriteStart,
    [toWrite.port2, writeBack.port2],
  );
  const send = (m: WorkerRequest, transfer: Transferable[] = []) => worker.postMessage(m, transfer);
  return new Promise<Received>((resolve, reject) => {
    const onAbort = () => send({ t: 'abort' });
    signal.addEventListener('abort', onAbort, { once: true });
    const finish = () => {
      signal.removeEventListener('abort', onAbort);
      for (const w of [worker, hasher, writer]) w.terminate();
    };
    const onError = (e: ErrorEvent) => {
      finish();
      const detail = e.message;
      reject(new RelayError(msg(str`The receiver stopped: ${detail}`)));
    };
    for (const w of [worker, hasher, writer]) w.onerror = onError;
    worker.onmessage = async ({ data }: MessageEvent<WorkerReply>) => {
      if (data.t === 'progress') return onProgress({ received: data.received, total: data.total });
      finish();
      if (data.t === 'error') {
        const { error } = data;
        if (error.kind === 'abort') reject(new DOMException(msg('Cancelled'), 'AbortError'));
        else
          reject(
            error.kind === 'passphrase'
              ? new WrongPassphraseError()
              : new RelayError(workerErrorText(error)),
          );
        return;
      }
      onProgress({ received: data.received, total: data.total });
      await addReceivedFile({
        id,
        name: data.name ?? `relay-${new Date().toISOString().replace(/[:.]/g, '-')}.bin`,
        size: data.size,
        type: data.type,
        lastModified: Date.now(),
        sha256: data.sha256,
        receivedAt: Date.now(),
        via: 'relay',
      });
      resolve({
        id,
        name: data.name,
        size: data.size,
        type: data.type,
        sha256: data.sha256,
        text: data.size === data.head.byteLength ? asText(data.head) : null,
      });
    };
    send(
      {
        t: 'start',
        url,
        hash: toHash.port1,
        write: writeBack.port1,
        ...(passphrase !== undefined ? { passphrase } : {}),
      },
      [toHash.port1, writeBack.port1],
    );
  });
}

/** UTF-8 text without control characters (other than tab/newline), else null. */
function asText(bytes: Uint8Array): string | null {
  try {
    const text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    return /(?![\t\n\r])\p{Cc}/u.test(text) ? null : text;
  } catch {
    return null;
  }
}

/**
 * A byte count in the UI's locale without thousands separators, as these sentences have always
 * shown it (src/i18n/format.ts's formatNumber groups thousands).
 */
function formatCount(n: number): string {
  return new Intl.NumberFormat(currentLocale(), { useGrouping: false }).format(n);
}

/** The sentence for a failed transfer, in the UI's language. */
export function workerErrorText(
  error: Exclude<WorkerError, { kind: 'abort' } | { kind: 'passphrase' }>,
): string {
  switch (error.kind) {
    case 'unreachable': {
      const origin = error.origin;
      return msg(str`Cannot reach the piping-server at ${origin}.`);
    }
    case 'refused': {
      const status = error.status;
      const detail = error.detail;
      return msg(str`The piping-server refused (HTTP ${status}): ${detail}`);
    }
    case 'short': {
      const received = formatCount(error.received);
      const total = formatCount(error.total);
      return msg(str`The transfer was cut: ${received} of ${total} bytes arrived.`);
    }
    case 'cut': {
      const received = formatCount(error.received);
      if (error.total === null) return msg(str`The transfer was cut after ${received} bytes.`);
      const total = formatCount(error.total);
      return msg(str`The transfer was cut after ${received} of ${total} bytes.`);
    }
    case 'storage':
      return storageFailure(error.name, error.message);
  }
}
