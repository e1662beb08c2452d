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
  /**
   * The creator's lobby only: every `everyMs`, a wait for a knock that nothing has answered yet
   * is given up and made again if `when()` says so. A network whose NAT forgot its mappings
   * leaves a waiting request dead without either end knowing (until TCP keepalive, 45 s in
   * Chromium), so a device coming back would knock where nobody listens.
   */
  renew?: { everyMs: number; when: () => boolean };
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

/** How long a joiner whose knock was read waits to hear from the creator before knocking again. */
export const KNOCK_ANSWER_MS = 4_000;

/**
 * Knocks again every `KNOCK_ANSWER_MS` until `answered` aborts (the creator's first message came,
 * or the attempt ended). The server reports a knock delivered once it has passed it on, even to
 * a wait the creator gave up at that moment (its lobby renews waits): such a knock is lost, and
 * only silence tells. The creator reads a peer id once, so a knock repeated is harmless.
 */
export async function knockUntilAnswered(
  options: LobbyOptions,
  peerId: string,
  name: string,
  answered: AbortSignal,
  everyMs = KNOCK_ANSWER_MS,
): Promise<void> {
  const stop = new AbortController();
  const end = () => stop.abort();
  for (const signal of [answered, options.signal]) {
    if (signal.aborted) return;
    signal.addEventListener('abort', end, { once: true });
  }
  try {
    for (;;) {
      await pause(everyMs, stop.signal);
      await knock({ ...options, signal: stop.signal }, peerId, name);
    }
  } catch {
    // Answered or ended; a lobby that fails now leaves the attempt to its own time-out.
  } finally {
    answered.removeEventListener('abort', end);
    options.signal.removeEventListener('abort', end);
  }
}

/** After a renewal, how long (in 250-ms tries) the server may take to let go of the old wait. */
const RENEWED_BUSY_RETRIES = 40;
const RENEWED_BUSY_PAUSE_MS = 250;

/**
 * The creator's side: knocks in the order they arrive, until `signal` aborts. A verified knock
 * from a peer id in `read` (every one read so far, across restarts of the lobby when the caller
 * keeps the set) is a joiner knocking again before our answer reached it: skipped.
 */
export async function* knocks(
  options: LobbyOptions,
  read: Set<string> = new Set(),
): AsyncGenerator<Knock> {
  const { server, roomId, key, signal } = options;
  const fetchImpl = options.fetch ?? fetch.bind(globalThis);
  // Right after a wait is given up, the server may not have let go of it yet and answers the
  // new one 400 (another receiver): that is asked again every 250 ms, for up to 10 s.
  let busyRetries = 0;
  for (;;) {
    const wait = new AbortController();
    const stop = () => wait.abort();
    signal.addEventListener('abort', stop, { once: true });
    // Only a wait that nothing answered is renewed: once the response has begun, a knock is on its way.
    const { renew: policy } = options;
    const renew = policy && setInterval(() => policy.when() && stop(), policy.everyMs);
    let text: string;
    try {
      const response = await fetchImpl(lobbyPath(server, roomId), {
        cache: 'no-store',
        signal: wait.signal,
      });
      clearInterval(renew);
      if (response.status === 400 && busyRetries > 0) {
        busyRetries--;
        await response.text().catch(() => '');
        await pause(RENEWED_BUSY_PAUSE_MS, signal);
        continue;
      }
      if (!response.ok) throw await refused(server, response);
      busyRetries = 0;
      text = (await response.text()).trim();
    } catch (error) {
      if (isAbort(error) && !signal.aborted) {
        busyRetries = RENEWED_BUSY_RETRIES;
        continue; // renewed
      }
      if (isAbort(error)) return;
      throw asPipingError(error, server);
    } finally {
      clearInterval(renew);
      signal.removeEventListener('abort', stop);
    }
    const knock = await openKnock(key, roomId, text);
    if (knock.ok && read.has(knock.peerId)) continue;
    if (knock.ok) read.add(knock.peerId);
    yield knock;
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
