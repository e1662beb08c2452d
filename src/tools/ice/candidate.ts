/** A parsed ICE candidate line (RFC 8839 `candidate:` attribute). */
export interface ParsedCandidate {
  foundation: string;
  component: number;
  protocol: string;
  priority: number;
  address: string;
  port: number;
  type: string;
  tcpType?: string;
  relatedAddress?: string;
  relatedPort?: number;
}

/** Parses `candidate:<foundation> <component> <protocol> <priority> <address> <port> typ <type> …`. */
export function parseCandidate(line: string): ParsedCandidate | null {
  const text = line.trim().replace(/^a=/, '');
  const m = /^candidate:(\S+) (\d+) (\S+) (\d+) (\S+) (\d+) typ (\S+)(.*)$/i.exec(text);
  if (!m) return null;
  const extras = m[8].trim().split(/\s+/);
  const attr = (name: string) => {
    const i = extras.indexOf(name);
    return i !== -1 && i + 1 < extras.length ? extras[i + 1] : undefined;
  };
  const rport = attr('rport');
  const tcpType = attr('tcptype');
  const raddr = attr('raddr');
  return {
    foundation: m[1],
    component: Number(m[2]),
    protocol: m[3].toLowerCase(),
    priority: Number(m[4]),
    address: m[5],
    port: Number(m[6]),
    type: m[7].toLowerCase(),
    ...(tcpType ? { tcpType } : {}),
    ...(raddr ? { relatedAddress: raddr } : {}),
    ...(rport ? { relatedPort: Number(rport) } : {}),
  };
}

/**
 * A candidate priority (RFC 8445 5.1.2.1: 2^24·type + 2^8·local + (256 − component)) shown as
 * its three parts: `type preference | local preference | 256 - component id`.
 */
export function formatPriority(priority: number): string {
  const type = Math.floor(priority / 2 ** 24);
  const local = Math.floor(priority / 2 ** 8) & 0xffff;
  const component = priority & 0xff;
  return `${type} | ${local} | ${component}`;
}

/** Component 1 is RTP (data channels use it alone), 2 is RTCP. */
export function componentName(component: number): string {
  return component === 1 ? 'rtp' : component === 2 ? 'rtcp' : String(component);
}

export type IpFamily = 'IPv4' | 'IPv6';

/**
 * The IP family of a candidate's address; null for a name (a host hidden behind an mDNS
 * `.local` name), whose family the page cannot know.
 */
export function addressFamily(address: string): IpFamily | null {
  if (/^\d{1,3}(\.\d{1,3}){3}$/.test(address)) return 'IPv4';
  if (address.includes(':')) return 'IPv6';
  return null;
}
