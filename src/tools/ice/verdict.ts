import type { ParsedCandidate } from './candidate';
import { isTurn, parseIceUrl, serverKey } from './ice-url';

export interface GatheredCandidate {
  /** Seconds since gathering started. */
  t: number;
  candidate: ParsedCandidate;
  /** The ICE server URL it came from, as the browser reports it (srflx/relay only). */
  url?: string;
  relayProtocol?: string;
  /** The list entry it belongs to (in "each alone" mode, the entry being tested). */
  server?: string;
}

export interface GatherError {
  /** Seconds since gathering started, when known. */
  t?: number;
  url: string;
  code: number;
  text: string;
  /** The list entry it belongs to, when known. */
  server?: string;
}

export interface Verdict {
  server: string;
  level: 'ok' | 'bad';
  words: string;
}

/** Which list entry a browser-reported server URL belongs to. */
export function matchServer(
  url: string | undefined,
  servers: readonly string[],
): string | undefined {
  if (!url) return undefined;
  const parsed = parseIceUrl(url);
  if (!parsed.ok) return undefined;
  const key = serverKey(parsed.url);
  return servers.find((s) => {
    const p = parseIceUrl(s);
    return p.ok && serverKey(p.url) === key;
  });
}

/**
 * A verdict per server: a STUN server works when an srflx candidate came from it, a TURN
 * server when a relay candidate did; otherwise the errors it produced say why.
 */
export function verdicts(
  servers: readonly string[],
  rows: readonly GatheredCandidate[],
  errors: readonly GatherError[],
): Verdict[] {
  return servers.map((server) => {
    const parsed = parseIceUrl(server);
    if (!parsed.ok) return { server, level: 'bad', words: parsed.message };
    const mine = rows.filter((r) => r.server === server);
    const failures = errors.filter((e) => e.server === server);
    if (isTurn(parsed.url)) {
      const relay = mine.find((r) => r.candidate.type === 'relay');
      if (relay) {
        const over = relay.relayProtocol ? ` over ${relay.relayProtocol.toUpperCase()}` : '';
        return {
          server,
          level: 'ok',
          words: `TURN works: relay candidate ${relay.candidate.address}:${relay.candidate.port}${over}.`,
        };
      }
      if (failures.some((e) => e.code === 401)) {
        return {
          server,
          level: 'bad',
          words: 'TURN authentication failed (401): check the username and credential.',
        };
      }
      const other = failures.find((e) => e.code !== 701);
      if (other)
        return { server, level: 'bad', words: `TURN failed: error ${other.code} ${other.text}.` };
      return { server, level: 'bad', words: unreachable(failures.find((e) => e.code === 701)) };
    }
    const srflx = mine.find((r) => r.candidate.type === 'srflx');
    if (srflx) {
      return {
        server,
        level: 'ok',
        words: `STUN works: server-reflexive address ${srflx.candidate.address}:${srflx.candidate.port}.`,
      };
    }
    return {
      server,
      level: 'bad',
      words:
        'No srflx candidate from it: the server is unreachable, UDP is blocked, or there is no NAT between you and it.',
    };
  });
}

/** What an unreachable TURN server did: an error 701 (when, and its text) or plain silence. */
function unreachable(error: GatherError | undefined): string {
  if (!error) return 'TURN unreachable: no answer and no error from it while gathering.';
  const when = error.t === undefined ? '' : ` after ${error.t.toFixed(1)} s`;
  const text = error.text ? ` (${error.text.replace(/\.$/, '')})` : '';
  return `TURN unreachable: error 701${when}${text}. Check the address, the port and the transport.`;
}
