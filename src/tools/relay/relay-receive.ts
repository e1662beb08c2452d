import { addReceivedFile, openSink, type FileSink } from '../../store/received-files';
import { newTransferId } from '../file/transfer-item';
import { createSHA256 } from 'hash-wasm';
import { nameFromHeaders } from './relay-commands';
import { RelayError } from './relay-send';

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

/** Text shown inline only up to this size; anything is also saved as a file. */
const TEXT_LIMIT = 256 * 1024;

/**
 * Receives from a piping-server URL, streaming the body into disk-backed storage (memory stays
 * flat), hashing as it goes. Checks the byte count against Content-Length.
 */
/** Turns the received bytes into what is stored (e.g. openssl decryption). */
export interface ByteTransform {
  update(chunk: Uint8Array): Promise<Uint8Array>;
  final(): Promise<Uint8Array>;
}

export async function relayReceive(
  url: string,
  onProgress: (p: ReceiveProgress) => void,
  signal: AbortSignal,
  transform?: ByteTransform,
): Promise<Received> {
  let response: Response;
  try {
    response = await fetch(url, { cache: 'no-store', signal });
  } catch (error) {
    if (signal.aborted) throw error;
    throw new RelayError(`Cannot reach the piping-server at ${new URL(url).origin}.`);
  }
  if (!response.ok || !response.body) {
    const body = (await response.text().catch(() => '')).trim();
    throw new RelayError(
      `The piping-server refused (HTTP ${response.status}): ${body || response.statusText}`,
    );
  }
  const lengthHeader = response.headers.get('Content-Length');
  const total = lengthHeader !== null ? Number(lengthHeader) : null;
  const id = newTransferId();
  const sink: FileSink = await openSink(id);
  const hash = await createSHA256();
  const head: Uint8Array[] = [];
  let received = 0;
  let stored = 0;
  let lastEmit = 0;
  const store = async (bytes: Uint8Array) => {
    if (bytes.byteLength === 0) return;
    hash.update(bytes);
    sink.write(bytes);
    if (stored < TEXT_LIMIT) head.push(bytes.slice(0, TEXT_LIMIT - stored));
    stored += bytes.byteLength;
    await sink.ready();
  };
  try {
    const reader = response.body.getReader();
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      await store(transform ? await transform.update(value) : value);
      received += value.byteLength;
      const now = performance.now();
      if (now - lastEmit > 100) {
        lastEmit = now;
        onProgress({ received, total });
      }
    }
    if (total !== null && received !== total) {
      throw new RelayError(`The transfer was cut: ${received} of ${total} bytes arrived.`);
    }
    if (transform) await store(await transform.final());
    await sink.close();
  } catch (error) {
    await sink.remove();
    if (signal.aborted) throw error;
    if (error instanceof RelayError || transform) throw error;
    throw new RelayError(
      `The transfer was cut after ${received}${total !== null ? ` of ${total}` : ''} bytes.`,
    );
  }
  onProgress({ received, total });
  const name = nameFromHeaders(
    response.headers.get('Content-Disposition'),
    response.headers.get('X-Piping'),
  );
  const type = response.headers.get('Content-Type') ?? '';
  const sha256 = hash.digest('hex');
  await addReceivedFile({
    id,
    name: name ?? `relay-${new Date().toISOString().replace(/[:.]/g, '-')}.bin`,
    size: stored,
    type,
    lastModified: Date.now(),
    sha256,
    receivedAt: Date.now(),
    via: 'relay',
  });
  return {
    id,
    name,
    size: stored,
    type,
    sha256,
    text: stored <= TEXT_LIMIT ? asText(head) : null,
  };
}

/** UTF-8 text without control characters (other than tab/newline), else null. */
function asText(parts: Uint8Array[]): string | null {
  const bytes = new Uint8Array(parts.reduce((n, p) => n + p.byteLength, 0));
  let o = 0;
  for (const p of parts) {
    bytes.set(p, o);
    o += p.byteLength;
  }
  try {
    const text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    return /(?![\t\n\r])\p{Cc}/u.test(text) ? null : text;
  } catch {
    return null;
  }
}
