import { describe, expect, it } from 'vitest';
import { parseCandidate } from './candidate';
import { natMapping } from './nat-type';
import type { GatheredCandidate } from './verdict';

const servers = ['stun:203.0.113.10:3478', 'stun:203.0.113.11:3478'];

function row(line: string): GatheredCandidate {
  return { t: 0.1, candidate: parseCandidate(line)! };
}
const host = row('candidate:1 1 udp 2122260223 10.0.1.2 50000 typ host');
const srflx = (port: number, raddr = '10.0.1.2 rport 50000') =>
  row(`candidate:2 1 udp 1686052607 203.0.113.1 ${port} typ srflx raddr ${raddr}`);

describe('natMapping', () => {
  it('is independent when the socket has one public address', () => {
    expect(natMapping(servers, [host, srflx(50000)], [], true).mapping).toBe('independent');
  });

  it('is dependent when one socket got two public ports', () => {
    const v = natMapping(servers, [host, srflx(61001), srflx(62002)], [], true);
    expect(v.mapping).toBe('dependent');
    expect(v.words).toContain('TURN server will be needed');
  });

  it('uses the public IP as the socket when related addresses are hidden', () => {
    const hidden = '0.0.0.0 rport 0';
    expect(
      natMapping(servers, [srflx(61001, hidden), srflx(62002, hidden)], [], true).mapping,
    ).toBe('dependent');
    expect(natMapping(servers, [srflx(61001, hidden)], [], true).mapping).toBe('independent');
  });

  it('needs two server addresses, one shared gathering and every server answering', () => {
    expect(natMapping([servers[0]], [srflx(1)], [], true).mapping).toBe('unknown');
    expect(natMapping(servers, [srflx(1)], [], false).mapping).toBe('unknown');
    const timeout = { url: servers[1], code: 701, text: 'timeout' };
    expect(natMapping(servers, [srflx(1)], [timeout], true).mapping).toBe('unknown');
  });

  it('a server without an srflx on its own connection did not answer: cannot be told', () => {
    const own = (server: string) => ({ ...srflx(50000), server });
    const both = [own(servers[0]), own(servers[1])];
    expect(natMapping(servers, [srflx(50000)], [], true, both).mapping).toBe('independent');
    expect(natMapping(servers, [srflx(50000)], [], true, [both[0]]).mapping).toBe('unknown');
  });

  it('cannot be told when the browser refused the shared connection', () => {
    const refused = { url: servers.join(', '), code: 0, text: 'uses a port that is blocked' };
    expect(natMapping(servers, [], [refused], true).mapping).toBe('unknown');
  });

  it('counts only the failures of the servers it compares', () => {
    const tcpTurn = 'turn:203.0.113.10:3478?transport=tcp';
    const failed = { url: tcpTurn, code: 701, text: 'TURN allocate request timed out.' };
    const listed = [...servers, tcpTurn];
    expect(natMapping(listed, [srflx(1)], [failed], true).mapping).toBe('independent');
    expect(natMapping(listed, [srflx(1)], [{ ...failed, server: tcpTurn }], true).mapping).toBe(
      'independent',
    );
    const elsewhere = { url: 'stun:198.51.100.7:3478', code: 701, text: 'timeout' };
    expect(natMapping(servers, [srflx(1)], [elsewhere], true).mapping).toBe('independent');
  });

  it('says so when no srflx candidate came at all', () => {
    expect(natMapping(servers, [host], [], true).mapping).toBe('none');
  });
});
