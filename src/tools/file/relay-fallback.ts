import type { RoomRef } from '../../signaling/room-link';
import { relayReceive, type Received } from '../relay/relay-receive';
import { relaySend } from '../relay/relay-send';
import { nameHeaders } from '../relay/relay-commands';

// When ICE finds no path, the room's two sides still share a piping-server and a secret: files
// go through the relay instead, on paths both sides derive from the room (a manifest, then each
// file), in the direction of the side that sends.

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

export async function sendFilesViaRelay(
  server: string,
  base: string,
  files: File[],
  onProgress: (p: FallbackProgress) => void,
  signal: AbortSignal,
): Promise<void> {
  const manifest: ManifestEntry[] = files.map((f) => ({
    name: f.name,
    size: f.size,
    type: f.type,
  }));
  const json = new Blob([JSON.stringify(manifest)], { type: 'application/json' });
  await relaySend(`${server}/${base}/manifest`, json, {}, () => {}, signal);
  for (const [index, file] of files.entries()) {
    await relaySend(
      `${server}/${base}/${index}`,
      file,
      { ...nameHeaders(file.name), 'Content-Type': file.type || 'application/octet-stream' },
      (p) =>
        onProgress({
          index,
          count: files.length,
          name: file.name,
          bytes: p.uploaded,
          size: file.size,
        }),
      signal,
    );
  }
}

export async function receiveFilesViaRelay(
  server: string,
  base: string,
  onProgress: (p: FallbackProgress) => void,
  signal: AbortSignal,
): Promise<Received[]> {
  const response = await fetch(`${server}/${base}/manifest`, { cache: 'no-store', signal });
  if (!response.ok) throw new Error(`The piping-server refused (HTTP ${response.status}).`);
  const manifest = (await response.json()) as ManifestEntry[];
  const out: Received[] = [];
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
    );
    out.push(r);
  }
  return out;
}
