import { msg, str } from '@lit/localize';
import { formatNumber, formatSeconds } from '../../i18n/format';
import type { RelayProof } from './relay-proof';
import { addressFamily, type IpFamily, type ParsedCandidate } from './candidate';
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
  /** A TURN server's relay, proven by data: round trip and throughput through it. */
  relay?: { rttMs: number; MBps: number };
  /**
   * The IP families it worked over: those of its srflx addresses (STUN) or relay addresses
   * (TURN). A server named by a host name with both families may be asked over each.
   */
  families?: IpFamily[];
}

/** The IP families of these candidates' addresses, IPv4 first. */
function familiesOf(rows: readonly GatheredCandidate[]): IpFamily[] {
  const seen = new Set(rows.map((r) => addressFamily(r.candidate.address)));
  return (['IPv4', 'IPv6'] as const).filter((f) => seen.has(f));
}

/** An address as written with its port: IPv6 in brackets. */
function withPort({ address, port }: ParsedCandidate): string {
  return addressFamily(address) === 'IPv6' ? `[${address}]:${port}` : `${address}:${port}`;
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
 * server when a relay candidate did and, where its relay was put to the proof (`proofs`), data
 * crossed it; otherwise the errors it produced say why.
 */
export function verdicts(
  servers: readonly string[],
  rows: readonly GatheredCandidate[],
  errors: readonly GatherError[],
  proofs: ReadonlyMap<string, RelayProof> = new Map(),
): Verdict[] {
  return servers.map((server) => {
    const parsed = parseIceUrl(server);
    if (!parsed.ok) return { server, level: 'bad', words: parsed.message };
    const mine = rows.filter((r) => r.server === server);
    const failures = errors.filter((e) => e.server === server);
    const refused = failures.find((e) => e.code === 0);
    if (refused) {
      const why = refused.text;
      return { server, level: 'bad', words: msg(str`The browser refused it: ${why}`) };
    }
    if (isTurn(parsed.url)) {
      const relays = mine.filter((r) => r.candidate.type === 'relay');
      const relay = relays[0];
      if (relay) {
        const address = withPort(relay.candidate);
        const families = familiesOf(relays);
        const transport = relay.relayProtocol?.toUpperCase();
        const proof = proofs.get(server);
        if (proof && !proof.ok) {
          const why = proof.reason;
          return {
            server,
            level: 'bad',
            words: msg(str`TURN fails: relay candidate ${address}, but ${why}.`),
          };
        }
        if (proof) {
          const rtt = formatNumber(proof.rttMs, 1);
          const rate = formatNumber(proof.MBps, 1);
          return {
            server,
            level: 'ok',
            families,
            relay: { rttMs: proof.rttMs, MBps: proof.MBps },
            words: transport
              ? msg(
                  str`TURN works: relay candidate ${address} over ${transport}; data crossed it (round trip ${rtt} ms, ${rate} MB/s).`,
                )
              : msg(
                  str`TURN works: relay candidate ${address}; data crossed it (round trip ${rtt} ms, ${rate} MB/s).`,
                ),
          };
        }
        return {
          server,
          level: 'ok',
          families,
          words: transport
            ? msg(str`TURN works: relay candidate ${address} over ${transport}.`)
            : msg(str`TURN works: relay candidate ${address}.`),
        };
      }
      if (failures.some((e) => e.code === 401)) {
        return {
          server,
          level: 'bad',
          words: msg('TURN authentication failed (401): check the username and credential.'),
        };
      }
      const other = failures.find((e) => e.code !== 701);
      if (other) {
        const { code, text } = other;
        return { server, level: 'bad', words: msg(str`TURN failed: error ${code} ${text}.`) };
      }
      const words = unreachable(failures.find((e) => e.code === 701));
      return { server, level: 'bad', words: `${words} ${tlsHint(server)}`.trim() };
    }
    const srflxes = mine.filter((r) => r.candidate.type === 'srflx');
    if (srflxes.length) {
      const families = familiesOf(srflxes);
      const first = (family: IpFamily) =>
        srflxes.find((r) => addressFamily(r.candidate.address) === family)!.candidate;
      if (families.length === 2) {
        const v4 = withPort(first('IPv4'));
        const v6 = withPort(first('IPv6'));
        return {
          server,
          level: 'ok',
          families,
          words: msg(
            str`STUN works over IPv4 and IPv6: server-reflexive addresses ${v4} and ${v6}.`,
          ),
        };
      }
      const address = withPort(srflxes[0]!.candidate);
      return {
        server,
        level: 'ok',
        families,
        words: msg(str`STUN works: server-reflexive address ${address}.`),
      };
    }
    return {
      server,
      level: 'bad',
      words: msg(
        'No srflx candidate from it: the server is unreachable, UDP is blocked, or there is no NAT between you and it.',
      ),
    };
  });
}

/**
 * Over TLS, a refused certificate looks like an unreachable server (error 701, or nothing at
 * all): say what TLS needs besides the address.
 */
function tlsHint(server: string): string {
  const parsed = parseIceUrl(server);
  if (!parsed.ok || parsed.url.scheme !== 'turns') return '';
  const { host } = parsed.url;
  if (host.startsWith('[') || /^[\d.]+$/.test(host))
    return msg(
      'Over TLS, name the server by its host name: some browsers (Firefox) refuse TLS to a bare IP address.',
    );
  return msg(
    "Over TLS, the server's certificate must also be valid for that name and trusted by this browser.",
  );
}

/** What an unreachable TURN server did: an error 701 (when, and its text) or plain silence. */
function unreachable(error: GatherError | undefined): string {
  if (!error) return msg('TURN unreachable: no answer and no error from it while gathering.');
  const after = error.t === undefined ? undefined : formatSeconds(error.t, 1);
  const reason = error.text ? error.text.replace(/\.$/, '') : undefined;
  // Whole sentences, so a translation can put the time and the reason where its grammar wants.
  if (after !== undefined && reason !== undefined)
    return msg(
      str`TURN unreachable: error 701 after ${after} (${reason}). Check the address, the port and the transport.`,
    );
  if (after !== undefined)
    return msg(
      str`TURN unreachable: error 701 after ${after}. Check the address, the port and the transport.`,
    );
  if (reason !== undefined)
    return msg(
      str`TURN unreachable: error 701 (${reason}). Check the address, the port and the transport.`,
    );
  return msg('TURN unreachable: error 701. Check the address, the port and the transport.');
}
