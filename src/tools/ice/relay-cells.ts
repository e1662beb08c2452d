import { parseIceUrl } from './ice-url';

/** One transport of one TURN entry, to be proven by data. */
export interface RelayCell {
  /** The list entry. */
  server: string;
  /** The URL tried: the entry itself, or it with another transport. */
  url: string;
  transport: 'UDP' | 'TCP' | 'TLS';
}

/**
 * The transports a TURN entry offers, its own first: `turns:` is TLS; a `turn:` naming its
 * transport is that one; a `turn:` naming none is UDP (what browsers use for it) and is tried
 * over TCP as well, since a server on that port usually takes both. STUN entries have none.
 */
export function relayCells(server: string): RelayCell[] {
  const parsed = parseIceUrl(server);
  if (!parsed.ok || !parsed.url.scheme.startsWith('turn')) return [];
  const { url } = parsed;
  if (url.scheme === 'turns') return [{ server, url: server, transport: 'TLS' }];
  if (url.explicitTransport) {
    return [{ server, url: server, transport: url.transport === 'tcp' ? 'TCP' : 'UDP' }];
  }
  const base = server.trim();
  return [
    { server, url: server, transport: 'UDP' },
    { server, url: `${base}?transport=tcp`, transport: 'TCP' },
  ];
}
