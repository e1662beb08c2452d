import { msg, str } from '@lit/localize';

export type IceScheme = 'stun' | 'stuns' | 'turn' | 'turns';

export interface IceUrl {
  scheme: IceScheme;
  host: string;
  port: number;
  transport: 'udp' | 'tcp';
  /** Whether the URL named the port / transport (for messages and matching). */
  explicitPort: boolean;
  explicitTransport: boolean;
}

export type IceUrlCheck = { ok: true; url: IceUrl } | { ok: false; message: string };

const HOSTNAME =
  /^(?=.{1,253}$)([A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)(\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*\.?$/;
const IPV4 = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/;

function validHost(host: string): boolean {
  if (host.startsWith('[')) {
    if (!host.endsWith(']')) return false;
    const inner = host.slice(1, -1);
    return /^[0-9A-Fa-f:.]+$/.test(inner) && inner.includes(':');
  }
  const v4 = IPV4.exec(host);
  if (v4) return v4.slice(1).every((n) => Number(n) <= 255);
  return HOSTNAME.test(host);
}

/**
 * Parses an ICE server URL (RFC 7064/7065): `stun:`/`stuns:`/`turn:`/`turns:`, a host (name,
 * IPv4 or [IPv6]), an optional port 1-65535, and for TURN an optional `?transport=udp|tcp`.
 * Every refusal says what is wrong.
 */
export function parseIceUrl(input: string): IceUrlCheck {
  const text = input.trim();
  if (text === '')
    return {
      ok: false,
      message: msg('Enter a STUN or TURN URL, such as stun:stun.example.org:3478.'),
    };
  const m = /^([A-Za-z]+):(.*)$/.exec(text);
  if (!m)
    return {
      ok: false,
      message: msg(str`"${text}" has no scheme: start it with stun:, stuns:, turn: or turns:.`),
    };
  const scheme = m[1].toLowerCase();
  if (!['stun', 'stuns', 'turn', 'turns'].includes(scheme)) {
    const given = m[1];
    return {
      ok: false,
      message: msg(str`"${given}:" is not an ICE scheme: use stun:, stuns:, turn: or turns:.`),
    };
  }
  let rest = m[2];
  if (rest.startsWith('//')) {
    const fixed = `${scheme}:${rest.slice(2)}`;
    return {
      ok: false,
      message: msg(str`${scheme}: URLs take no "//": write ${fixed}.`),
    };
  }
  let transport: 'udp' | 'tcp' | null = null;
  const q = rest.indexOf('?');
  if (q !== -1) {
    const query = rest.slice(q + 1);
    rest = rest.slice(0, q);
    if (scheme.startsWith('stun')) {
      return { ok: false, message: msg(str`${scheme}: URLs take no query: remove "?${query}".`) };
    }
    const t = /^transport=(udp|tcp)$/i.exec(query);
    if (!t)
      return {
        ok: false,
        message: msg(
          str`The only query a TURN URL takes is ?transport=udp or ?transport=tcp (got "?${query}").`,
        ),
      };
    transport = t[1].toLowerCase() as 'udp' | 'tcp';
  }
  let host = rest;
  let portText: string | null = null;
  if (rest.startsWith('[')) {
    const close = rest.indexOf(']');
    if (close === -1)
      return {
        ok: false,
        message: msg(str`The IPv6 address in "${text}" lacks its closing "]".`),
      };
    host = rest.slice(0, close + 1);
    const after = rest.slice(close + 1);
    if (after !== '') {
      if (!after.startsWith(':'))
        return { ok: false, message: msg(str`Unexpected "${after}" after the IPv6 address.`) };
      portText = after.slice(1);
    }
  } else {
    const colon = rest.lastIndexOf(':');
    if (colon !== -1) {
      host = rest.slice(0, colon);
      portText = rest.slice(colon + 1);
      if (host.includes(':'))
        return {
          ok: false,
          message: msg('Write an IPv6 address in brackets, such as turn:[2001:db8::1]:3478.'),
        };
    }
  }
  if (host === '') return { ok: false, message: msg(str`"${text}" has no host.`) };
  if (host.includes('@') || host.includes('/')) {
    return {
      ok: false,
      message: msg(
        str`"${host}" is not a host name: user names go in the Username field, and ICE URLs have no path.`,
      ),
    };
  }
  if (!validHost(host))
    return { ok: false, message: msg(str`"${host}" is not a valid host name or IP address.`) };
  let port = scheme === 'stuns' || scheme === 'turns' ? 5349 : 3478;
  if (portText !== null) {
    if (!/^\d+$/.test(portText) || Number(portText) < 1 || Number(portText) > 65535) {
      return {
        ok: false,
        message: msg(str`The port must be a number from 1 to 65535 (got "${portText}").`),
      };
    }
    port = Number(portText);
  }
  return {
    ok: true,
    url: {
      scheme: scheme as IceScheme,
      host: host.toLowerCase(),
      port,
      transport: transport ?? (scheme === 'turns' || scheme === 'stuns' ? 'tcp' : 'udp'),
      explicitPort: portText !== null,
      explicitTransport: transport !== null,
    },
  };
}

export function isTurn(url: IceUrl): boolean {
  return url.scheme === 'turn' || url.scheme === 'turns';
}

/** A server entry is usable: URL valid, and TURN has its credentials. */
export function checkServer(entry: {
  url: string;
  username?: string;
  credential?: string;
  secret?: string;
}): IceUrlCheck {
  const parsed = parseIceUrl(entry.url);
  if (!parsed.ok) return parsed;
  const url = entry.url.trim();
  if (entry.secret !== undefined && !isTurn(parsed.url)) {
    return { ok: false, message: msg(str`${url}: a shared secret is for TURN servers only.`) };
  }
  if (isTurn(parsed.url) && entry.secret !== undefined && !entry.secret) {
    return { ok: false, message: msg(str`${url}: enter the TURN server's shared secret.`) };
  }
  if (isTurn(parsed.url) && !entry.secret && (!entry.username || !entry.credential)) {
    return {
      ok: false,
      message: msg(str`${url}: a TURN server needs a username and a credential.`),
    };
  }
  return parsed;
}

/** Identity for matching a candidate's server URL to a list entry. */
export function serverKey(url: IceUrl): string {
  const kind = isTurn(url) ? 'turn' : 'stun';
  return `${kind}|${url.scheme.endsWith('s') ? 'tls' : 'plain'}|${url.host}|${url.port}|${isTurn(url) ? url.transport : ''}`;
}
