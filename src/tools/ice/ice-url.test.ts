import { describe, expect, it } from 'vitest';
import { checkServer, parseIceUrl, serverKey } from './ice-url';

describe('parseIceUrl', () => {
  it.each([
    [
      'stun:stun.l.example.com:19302',
      { scheme: 'stun', host: 'stun.l.example.com', port: 19302, transport: 'udp' },
    ],
    ['stun:127.0.0.1', { scheme: 'stun', host: '127.0.0.1', port: 3478 }],
    ['stuns:stun.example.org', { scheme: 'stuns', port: 5349, transport: 'tcp' }],
    [
      'turn:[2001:db8::1]:3478?transport=tcp',
      { scheme: 'turn', host: '[2001:db8::1]', port: 3478, transport: 'tcp' },
    ],
    ['turn:[::1]', { host: '[::1]', port: 3478 }],
    [
      'TURN:Example.ORG:65535?transport=UDP',
      { scheme: 'turn', host: 'example.org', port: 65535, transport: 'udp' },
    ],
    ['turns:turn.example.org', { scheme: 'turns', port: 5349, transport: 'tcp' }],
  ])('accepts %s', (input, expected) => {
    const r = parseIceUrl(input);
    expect(r.ok).toBe(true);
    if (r.ok) expect(r.url).toMatchObject(expected);
  });

  it.each([
    ['', /Enter a STUN or TURN URL/],
    ['stun.example.org', /has no scheme/],
    ['http://stun.example.org', /"http:" is not an ICE scheme/],
    ['stun://stun.example.org', /take no "\/\/"/],
    ['stun:', /has no host/],
    ['stun:stun.example.org:0', /port must be a number from 1 to 65535 \(got "0"\)/],
    ['stun:stun.example.org:70000', /got "70000"/],
    ['stun:stun.example.org:abc', /got "abc"/],
    ['stun:stun.example.org?transport=udp', /take no query/],
    ['turn:turn.example.org?transport=sctp', /transport=udp or \?transport=tcp/],
    ['turn:2001:db8::1', /IPv6 address in brackets/],
    ['turn:[2001:db8::1', /lacks its closing/],
    ['turn:user@turn.example.org', /not a host name/],
    ['stun:300.1.1.1', /not a valid host/],
    ['stun:bad_host!', /not a valid host/],
  ])('refuses %j', (input, message) => {
    const r = parseIceUrl(input);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.message).toMatch(message);
  });
});

describe('checkServer', () => {
  it('requires credentials for TURN only', () => {
    expect(checkServer({ url: 'stun:a.example' }).ok).toBe(true);
    expect(checkServer({ url: 'turn:a.example' })).toMatchObject({
      ok: false,
      message: /needs a username and a credential/,
    });
    expect(checkServer({ url: 'turn:a.example', username: 'u' }).ok).toBe(false);
    expect(checkServer({ url: 'turn:a.example', username: 'u', credential: 'p' }).ok).toBe(true);
  });
});

describe('serverKey', () => {
  const key = (s: string) => {
    const r = parseIceUrl(s);
    if (!r.ok) throw new Error(r.message);
    return serverKey(r.url);
  };
  it('matches a candidate URL with explicit defaults to the entry without them', () => {
    expect(key('turn:127.0.0.1:3478?transport=udp')).toBe(key('turn:127.0.0.1'));
    expect(key('turn:127.0.0.1:3478?transport=tcp')).not.toBe(key('turn:127.0.0.1'));
    expect(key('stun:127.0.0.1:3478')).toBe(key('stun:127.0.0.1'));
  });
});
