import type { RoomRef } from '../../../signaling/room-link';
import { encryptToStorage } from '../../../relay/relay-prepare';
import { relayReceive, type Received } from '../../../relay/relay-receive';
import { relaySend } from '../../../relay/relay-send';
import {
  deleteReceivedFile,
  receivedFileContent,
  updateReceivedFile,
} from '../../../store/received-files';

// When ICE finds no path, the room's two sides still share a piping-server and a secret: files
// go through the relay instead, on paths both sides derive from the room (a manifest, then each
// file), in the direction of the side that sends. Everything is encrypted with the room secret
// as an openssl passphrase (AES-256-CBC), so the server cannot read names or contents.

interface ManifestEntry {
  name: string;
  size: number;
  type: string;
}

/** Relay paths for files sent by `from` in this room; unguessable without the secret. */
export async function fallbackBase(room: RoomRef, from: 'creator' | 'joiner'): Promise<string> {
  const digest = await crypto.subtle.digest(
    'SHA-256',
    new TextEncoder().encode(`dckit relay fallback\n${room.id}\n${room.secret}`),
  );
  const hex = [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, '0')).join('');
  return `dckit-${hex.slice(0, 32)}-${from === 'creator' ? 'c' : 'j'}`;
}

export interface FallbackProgress {
  index: number;
  count: number;
  name: string;
  bytes: number;
  size: number;
}

/**
 * Encrypts `blob` with the room secret into storage and uploads it; the copy is then dropped.
 * Resolves with the SHA-256 of its plain bytes.
 */
async function sendSealed(
  url: string,
  blob: Blob,
  secret: string,
  onUpload: (bytes: number) => void,
  signal: AbortSignal,
): Promise<string> {
  const sealed = await encryptToStorage(blob, secret, () => {}, { sha256: true });
  try {
    await relaySend(url, sealed.file, {}, (p) => onUpload(Math.min(p.uploaded, blob.size)), signal);
    return sealed.sha256;
  } finally {
    await sealed.discard();
  }
}

/**
 * Files whose bytes arrived other than they left (their SHA-256, sent sealed after each file,
 * differs): altered on the way, or by whoever holds the path. They were discarded.
 */
export class AlteredFilesError extends Error {
  constructor(
    readonly names: string[],
    readonly received: number,
  ) {
    super(`altered: ${names.join(', ')}`);
  }
}

/** Where the SHA-256 of file `index` goes, after the file. */
const sumPath = (server: string, base: string, index: number) =>
  `${server}/${base}/${index}.sha256`;

export async function sendFilesViaRelay(
  server: string,
  base: string,
  secret: string,
  files: File[],
  onProgress: (p: FallbackProgress) => void,
  signal: AbortSignal,
): Promise<void> {
  const manifest: ManifestEntry[] = files.map((f) => ({
    name: f.name,
    size: f.size,
    type: f.type,
  }));
  await sendSealed(
    `${server}/${base}/manifest`,
    new Blob([JSON.stringify(manifest)]),
    secret,
    () => {},
    signal,
  );
  for (const [index, file] of files.entries()) {
    const sha256 = await sendSealed(
      `${server}/${base}/${index}`,
      file,
      secret,
      (bytes) =>
        onProgress({ index, count: files.length, name: file.name, bytes, size: file.size }),
      signal,
    );
    await sendSealed(sumPath(server, base, index), new Blob([sha256]), secret, () => {}, signal);
  }
}

export async function receiveFilesViaRelay(
  server: string,
  base: string,
  secret: string,
  onProgress: (p: FallbackProgress) => void,
  signal: AbortSignal,
): Promise<Received[]> {
  const sealedManifest = await relayReceive(`${server}/${base}/manifest`, () => {}, signal, secret);
  const manifestFile = await receivedFileContent(sealedManifest.id);
  const manifest = JSON.parse(await manifestFile.text()) as ManifestEntry[];
  await deleteReceivedFile(sealedManifest.id);
  const out: Received[] = [];
  const altered: string[] = [];
  for (const [index, entry] of manifest.entries()) {
    const r = await relayReceive(
      `${server}/${base}/${index}`,
      (p) =>
        onProgress({
          index,
          count: manifest.length,
          name: entry.name,
          bytes: p.received,
          size: entry.size,
        }),
      signal,
      secret,
    );
    // Until its SHA-256 is in, the file is not kept: a cancel or failure here removes it.
    const sum = await relayReceive(sumPath(server, base, index), () => {}, signal, secret).catch(
      async (error: unknown) => {
        await deleteReceivedFile(r.id);
        throw error;
      },
    );
    await deleteReceivedFile(sum.id);
    if (sum.text?.trim() !== r.sha256) {
      await deleteReceivedFile(r.id);
      altered.push(entry.name);
      continue;
    }
    await updateReceivedFile(r.id, { name: entry.name, type: entry.type });
    out.push({ ...r, name: entry.name });
  }
  if (altered.length) throw new AlteredFilesError(altered, out.length);
  return out;
}
