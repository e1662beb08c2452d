import { describe, expect, it } from 'vitest';
import { componentName, formatPriority, parseCandidate } from './candidate';

describe('parseCandidate', () => {
  it('reads a host candidate behind an mDNS name', () => {
    expect(
      parseCandidate(
        'candidate:3801825219 1 udp 2113937151 2a7f7339-9e9d-45cc-bef1-eccf3c4083ec.local 49594 typ host generation 0 network-cost 999',
      ),
    ).toEqual({
      foundation: '3801825219',
      component: 1,
      protocol: 'udp',
      priority: 2113937151,
      address: '2a7f7339-9e9d-45cc-bef1-eccf3c4083ec.local',
      port: 49594,
      type: 'host',
    });
  });
  it('reads srflx and relay with related address', () => {
    expect(
      parseCandidate(
        'candidate:4175398512 1 udp 1677729535 127.0.0.1 49594 typ srflx raddr 0.0.0.0 rport 0 generation 0',
      ),
    ).toMatchObject({
      type: 'srflx',
      address: '127.0.0.1',
      relatedAddress: '0.0.0.0',
      relatedPort: 0,
    });
    expect(
      parseCandidate(
        'a=candidate:3592342043 1 udp 50339839 127.0.0.1 50204 typ relay raddr 127.0.0.1 rport 49594',
      ),
    ).toMatchObject({
      type: 'relay',
      priority: 50339839,
    });
  });
  it('reads IPv6 and TCP candidates with their tcptype', () => {
    expect(
      parseCandidate(
        'candidate:1 1 TCP 1518280447 2001:db8::1 9 typ host tcptype active generation 0',
      ),
    ).toMatchObject({
      protocol: 'tcp',
      address: '2001:db8::1',
      port: 9,
      tcpType: 'active',
    });
  });
  it('refuses what is not a candidate', () => {
    expect(parseCandidate('')).toBeNull();
    expect(parseCandidate('candidate:1 1 udp x 1.2.3.4 5 typ host')).toBeNull();
  });
});

describe('formatPriority', () => {
  it('splits the priority into type, local and component preferences', () => {
    expect(formatPriority(2122260223)).toBe('126 | 32542 | 255');
    expect(formatPriority(2113937151)).toBe('126 | 30 | 255');
    expect(formatPriority(1677729535)).toBe('100 | 30 | 255');
    expect(formatPriority(50339839)).toBe('3 | 31 | 255');
    expect(formatPriority(2 ** 24 * 126 + 2 ** 8 * 65535 + 254)).toBe('126 | 65535 | 254');
  });
  it('names components', () => {
    expect(componentName(1)).toBe('rtp');
    expect(componentName(2)).toBe('rtcp');
  });
});
