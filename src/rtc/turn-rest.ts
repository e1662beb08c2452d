import type { IceServerEntry } from '../store/ice-servers';

/** How long computed TURN REST credentials stay valid, as coturn's REST API examples use. */
export const TURN_REST_TTL_SECONDS = 24 * 60 * 60;

export interface TurnRestCredential {
  /** `expiry:user` (or just `expiry`), expiry in Unix seconds. */
  username: string;
  /** base64(HMAC-SHA1(secret, username)). */
  credential: string;
  expires: Date;
}

/**
 * Time-limited TURN credentials from a shared secret (coturn's `--use-auth-secret`, the
 * "TURN REST API" draft): the username carries its expiry, the credential is its HMAC.
 */
export async function turnRestCredential(
  secret: string,
  user = '',
  now = Date.now(),
  ttlSeconds = TURN_REST_TTL_SECONDS,
): Promise<TurnRestCredential> {
  const expiry = Math.floor(now / 1000) + ttlSeconds;
  const username = user ? `${expiry}:${user}` : String(expiry);
  const encoder = new TextEncoder();
  const key = await crypto.subtle.importKey(
    'raw',
    encoder.encode(secret),
    { name: 'HMAC', hash: 'SHA-1' },
    false,
    ['sign'],
  );
  const mac = new Uint8Array(await crypto.subtle.sign('HMAC', key, encoder.encode(username)));
  return {
    username,
    credential: btoa(String.fromCharCode(...mac)),
    expires: new Date(expiry * 1000),
  };
}

/** What one list entry gives RTCPeerConnection, with REST credentials computed now. */
export async function resolveIceServer(
  entry: IceServerEntry,
  now = Date.now(),
): Promise<{ server: RTCIceServer; rest?: TurnRestCredential }> {
  if (entry.secret) {
    const rest = await turnRestCredential(entry.secret, entry.username, now);
    return {
      server: { urls: entry.url, username: rest.username, credential: rest.credential },
      rest,
    };
  }
  const { url, username, credential } = entry;
  return {
    server: {
      urls: url,
      ...(username ? { username } : {}),
      ...(credential ? { credential } : {}),
    },
  };
}

export async function resolveIceServers(
  entries: readonly IceServerEntry[],
  now = Date.now(),
): Promise<RTCIceServer[]> {
  return (await Promise.all(entries.map((e) => resolveIceServer(e, now)))).map((r) => r.server);
}
