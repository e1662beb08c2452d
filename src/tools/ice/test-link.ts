import { fromBase64Url, toBase64Url } from '../../signaling/base64url';
import type { IceServerEntry } from '../../store/ice-servers';

/**
 * A test link: the tester's address with a server list (and options) in its hash, which opens
 * the tester with that list and gathers at once. A support engineer sends it; the person who
 * opens it presses Copy and sends the report back. `npm run ice` runs the same link headless.
 */
export interface TestLinkRun {
  servers: IceServerEntry[];
  policy: RTCIceTransportPolicy;
  timeoutSeconds: number;
  eachAlone: boolean;
}

export interface TestLinkMade {
  hash: string;
  /** Entries left out: TURN servers whose credentials were not to go into the link. */
  leftOut: string[];
}

const encoder = new TextEncoder();
const decoder = new TextDecoder();

/**
 * `#/ice?test=…` for `run`. Credentials go in only when `withCredentials`; a TURN REST shared
 * secret never does, so its entry (and any TURN entry without its credentials) is left out.
 */
export function makeTestLink(run: TestLinkRun, withCredentials: boolean): TestLinkMade {
  const leftOut: string[] = [];
  const servers: IceServerEntry[] = [];
  for (const entry of run.servers) {
    const turn = /^turns?:/i.test(entry.url.trim());
    if (turn && (entry.secret !== undefined || !withCredentials)) {
      leftOut.push(entry.url);
      continue;
    }
    servers.push(
      turn
        ? { url: entry.url, username: entry.username ?? '', credential: entry.credential ?? '' }
        : { url: entry.url },
    );
  }
  const body = {
    v: 1,
    servers,
    policy: run.policy,
    timeout: run.timeoutSeconds,
    alone: run.eachAlone,
  };
  const hash = `#/ice?test=${toBase64Url(encoder.encode(JSON.stringify(body)))}`;
  return { hash, leftOut };
}

/** The run a link's `test` parameter describes, or null when it is not one. */
export function readTestLink(param: string | null): TestLinkRun | null {
  if (!param) return null;
  const bytes = fromBase64Url(param);
  if (!bytes) return null;
  try {
    const body = JSON.parse(decoder.decode(bytes)) as Record<string, unknown>;
    if (body.v !== 1 || !Array.isArray(body.servers)) return null;
    const servers = body.servers.flatMap((s: unknown): IceServerEntry[] => {
      if (typeof s !== 'object' || s === null) return [];
      const { url, username, credential } = s as Record<string, unknown>;
      if (typeof url !== 'string') return [];
      return [
        {
          url,
          ...(typeof username === 'string' ? { username } : {}),
          ...(typeof credential === 'string' ? { credential } : {}),
        },
      ];
    });
    const timeout = Number(body.timeout);
    return {
      servers,
      policy: body.policy === 'relay' ? 'relay' : 'all',
      timeoutSeconds: Number.isFinite(timeout) && timeout >= 1 && timeout <= 120 ? timeout : 10,
      eachAlone: body.alone === true,
    };
  } catch {
    return null;
  }
}
