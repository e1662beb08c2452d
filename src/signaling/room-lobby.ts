import { randomBase64Url, fromBase64Url, toBase64Url } from './base64url';
import { asPipingError } from './piping';
import { isAbort, refused } from './piping-errors';
import { additionalData, open, seal } from './room-crypto';

/**
 * A room's lobby: `<server>/<room>/lobby`. Each joiner knocks there once with a fresh peer id
 * and its name; the creator reads knocks one after another and then signals with that joiner on
 * `<room>/<peer id>/…`, so joiners never share a path. The knock is sealed like every other
 * message, bound to the peer id it claims.
 */
export function lobbyPath(server: string, roomId: string): string {
  return `${server}/${roomId}/lobby`;
}

/** 96 random bits: 16 base64url characters. */
export function newPeerId(): string {
  return randomBase64Url(12);
}

const PEER_ID = /^[A-Za-z0-9_-]{16}$/;

export interface LobbyOptions {
  server: string;
  roomId: string;
  key: CryptoKey;
  signal: AbortSignal;
  fetch?: typeof fetch;
}

/** What the creator read in the lobby: a verified knock, or one it could not verify. */
export type Knock =
  | { ok: true; peerId: string; name: string }
  /** `peerId` is null when even the id was malformed (nobody to answer). */
  | { ok: false; peerId: string | null };

const encoder = new TextEncoder();
const decoder = new TextDecoder();

/** The aad binds the knock to the peer id it names, so a knock cannot be re-addressed. */
const knockData = (roomId: string, peerId: string) => additionalData(roomId, `lobby/${peerId}`, 0);

export async function sealKnock(
  key: CryptoKey,
  roomId: string,
  peerId: string,
  name: string,
): Promise<string> {
  const body = encoder.encode(JSON.stringify({ name }));
  return `${peerId}.${toBase64Url(await seal(key, knockData(roomId, peerId), body))}`;
}

export async function openKnock(key: CryptoKey, roomId: string, text: string): Promise<Knock> {
  const [peerId = '', sealed = ''] = text.split('.');
  if (!PEER_ID.test(peerId)) return { ok: false, peerId: null };
  const bytes = fromBase64Url(sealed);
  try {
    if (!bytes) throw new Error('not base64url');
    const plain = await open(key, knockData(roomId, peerId), bytes);
    const value = JSON.parse(decoder.decode(plain)) as { name?: unknown };
    return { ok: true, peerId, name: typeof value.name === 'string' ? value.name : '' };
  } catch {
    return { ok: false, peerId };
  }
}

/**
 * The joiner's knock. It waits until the creator reads it; a lobby busy with another joiner's
 * knock answers 400, and then the knock is tried again shortly.
 */
export async function knock(options: LobbyOptions, peerId: string, name: string): Promise<void> {
  const { server, roomId, key, signal } = options;
  const fetchImpl = options.fetch ?? fetch.bind(globalThis);
  const body = await sealKnock(key, roomId, peerId, name);
  for (;;) {
    let response: Response;
    try {
      response = await fetchImpl(lobbyPath(server, roomId), {
        method: 'POST',
        body,
        cache: 'no-store',
        signal,
      });
      if (response.status === 400) {
        await response.text().catch(() => '');
        await pause(100 + Math.random() * 300, signal);
        continue;
      }
      if (!response.ok) throw await refused(server, response);
      // Complete only once the creator has read it all.
      await response.text();
      return;
    } catch (error) {
      if (isAbort(error)) throw error;
      throw asPipingError(error, server);
    }
  }
}

/** The creator's side: knocks in the order they arrive, until `signal` aborts. */
export async function* knocks(options: LobbyOptions): AsyncGenerator<Knock> {
  const { server, roomId, key, signal } = options;
  const fetchImpl = options.fetch ?? fetch.bind(globalThis);
  for (;;) {
    let text: string;
    try {
      const response = await fetchImpl(lobbyPath(server, roomId), { cache: 'no-store', signal });
      if (!response.ok) throw await refused(server, response);
      text = (await response.text()).trim();
    } catch (error) {
      if (isAbort(error)) return;
      throw asPipingError(error, server);
    }
    yield await openKnock(key, roomId, text);
  }
}

/** Waits `ms`, or rejects with an AbortError as soon as `signal` aborts. */
export function pause(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(resolve, ms);
    signal.addEventListener(
      'abort',
      () => {
        clearTimeout(timer);
        reject(new DOMException('aborted', 'AbortError'));
      },
      { once: true },
    );
  });
}
