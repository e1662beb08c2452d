import { msg } from '@lit/localize';
import { fromBase64Url, randomBase64Url } from './base64url';

/** What a room link carries, all in the URL fragment (never sent to any server). */
export interface RoomRef {
  /** 128 random bits, base64url: names the room's paths on the piping-server. */
  id: string;
  /** 256 random bits, base64url: the key material; never leaves the two browsers. */
  secret: string;
  /** The piping-server, when it is not the joiner's default. */
  server?: string;
}

export function newRoom(server?: string): RoomRef {
  return { id: randomBase64Url(16), secret: randomBase64Url(32), ...(server ? { server } : {}) };
}

/** `<app>#/<tool>?room=<id>&k=<secret>[&s=<server>]` */
export function roomLink(appUrl: string, tool: string, room: RoomRef): string {
  const params = new URLSearchParams({ room: room.id, k: room.secret });
  if (room.server) params.set('s', room.server);
  const base = appUrl.split('#')[0];
  return `${base}#/${tool}?${params}`;
}

export type RoomParse = { ok: true; room: RoomRef } | { ok: false; message: string };

/** Reads a room from fragment parameters (as the router hands them over). */
export function roomFromParams(params: URLSearchParams): RoomParse | null {
  const id = params.get('room');
  const secret = params.get('k');
  if (id === null && secret === null) return null;
  if (!id || !/^[A-Za-z0-9_-]{16,64}$/.test(id)) {
    return { ok: false, message: msg('This room link has no valid room id.') };
  }
  const key = secret ? fromBase64Url(secret) : null;
  if (!key || key.byteLength !== 32) {
    return {
      ok: false,
      message: msg('This room link has no valid secret (it may have been cut short).'),
    };
  }
  const server = params.get('s') ?? undefined;
  return { ok: true, room: { id, secret: secret!, ...(server ? { server } : {}) } };
}

/** Reads a room from a pasted link (or just its fragment). */
export function roomFromLink(link: string): RoomParse {
  const hash = link.trim().split('#')[1] ?? '';
  const q = hash.indexOf('?');
  const parsed = roomFromParams(new URLSearchParams(q === -1 ? '' : hash.slice(q + 1)));
  return (
    parsed ?? { ok: false, message: msg('That is not a room link (it has no #/…?room=… part).') }
  );
}

export function secretBytes(room: RoomRef): Uint8Array {
  return fromBase64Url(room.secret)!;
}
