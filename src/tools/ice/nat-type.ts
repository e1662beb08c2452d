import { msg } from '@lit/localize';
import { parseIceUrl } from './ice-url';
import type { GatherError, GatheredCandidate } from './verdict';

export type NatMapping = 'independent' | 'dependent' | 'none' | 'unknown';

export interface NatVerdict {
  mapping: NatMapping;
  words: string;
}

/**
 * Tells endpoint-independent NAT mapping ("cone") from endpoint-dependent ("symmetric") by
 * comparing the public addresses one local socket got from two or more STUN servers: a socket
 * mapped to one address whoever asks can be reached directly by a peer; one mapped anew per
 * destination cannot, without TURN.
 *
 * The socket is the candidate's related address when the browser shows it; browsers that hide
 * host addresses (mDNS) give 0.0.0.0, and the public IP stands in for the socket then.
 */
export function natMapping(
  servers: readonly string[],
  rows: readonly GatheredCandidate[],
  errors: readonly GatherError[],
  sharedGathering: boolean,
  /** Each server's own gathering, when there was one: a server that got no srflx there did not answer. */
  ownRows?: readonly GatheredCandidate[],
): NatVerdict {
  const asked = new Set(servers.flatMap((s) => udpAddress(s) ?? []));
  if (asked.size < 2) {
    return {
      mapping: 'unknown',
      words: msg('Select two STUN servers at different addresses to tell the NAT type.'),
    };
  }
  if (!sharedGathering) {
    return {
      mapping: 'unknown',
      words: msg(
        'The servers gathered on separate connections, so no one socket asked two of them: the NAT type cannot be told.',
      ),
    };
  }
  // The browser refused the shared connection's configuration (a blocked port in the list).
  if (errors.some((e) => e.code === 0)) {
    return {
      mapping: 'unknown',
      words: msg(
        'The browser refused one of the servers, so no one socket could ask them all: the NAT type cannot be told.',
      ),
    };
  }
  const srflx = rows.filter((r) => r.candidate.type === 'srflx' && r.candidate.protocol === 'udp');
  if (srflx.length === 0) {
    return {
      mapping: 'none',
      words: msg(
        'No server-reflexive address: either there is no NAT between you and the servers, or UDP is blocked.',
      ),
    };
  }
  const mappings = new Map<string, Set<string>>();
  for (const { candidate: c } of srflx) {
    const hidden = !c.relatedAddress || c.relatedAddress === '0.0.0.0' || !c.relatedPort;
    const socket = hidden ? c.address : `${c.relatedAddress}:${c.relatedPort}`;
    const seen = mappings.get(socket) ?? new Set<string>();
    seen.add(`${c.address}:${c.port}`);
    mappings.set(socket, seen);
  }
  if ([...mappings.values()].some((m) => m.size > 1)) {
    return {
      mapping: 'dependent',
      words: msg(
        'Endpoint-dependent mapping ("symmetric NAT"): each server saw another public port for the same socket. Direct connections will mostly fail: a TURN server will be needed.',
      ),
    };
  }
  // Browsers drop a second srflx candidate equal to the first, so one mapping per socket is
  // what independent mapping looks like, provided no server failed to answer (an error, or no
  // srflx on its own connection: some browsers raise no error for a silent server).
  // Only the servers compared count: a TURN entry over TCP that failed says nothing of the NAT.
  const compared = (e: GatherError) => {
    const address = udpAddress(e.server ?? e.url);
    return address !== undefined && asked.has(address);
  };
  const answered = new Set(
    (ownRows ?? []).flatMap((r) =>
      r.candidate.type === 'srflx' && r.server ? (udpAddress(r.server) ?? []) : [],
    ),
  );
  const silent = ownRows !== undefined && [...asked].some((address) => !answered.has(address));
  if (silent || errors.some((e) => e.code === 701 && compared(e))) {
    return {
      mapping: 'unknown',
      words: msg('Only some of the STUN servers answered: the NAT type cannot be told.'),
    };
  }
  return {
    mapping: 'independent',
    words: msg(
      'Endpoint-independent mapping ("cone NAT"): every server saw the same public address. Direct connections are likely.',
    ),
  };
}

/** `host:port` of a server asked for binding over plain UDP (TURN servers answer them too). */
function udpAddress(url: string): string | undefined {
  const p = parseIceUrl(url);
  return p.ok && p.url.transport !== 'tcp' && !p.url.scheme.endsWith('s')
    ? `${p.url.host}:${p.url.port}`
    : undefined;
}
