import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { resolveIceServers, turnRestCredential } from './turn-rest';

describe('turnRestCredential', () => {
  const now = Date.UTC(2026, 10, 25, 12, 0, 0);

  it('puts the expiry before the user and signs it with HMAC-SHA1 of the secret', async () => {
    const rest = await turnRestCredential('north', 'alice', now, 3600);
    const expiry = now / 1000 + 3600;
    expect(rest.username).toBe(`${expiry}:alice`);
    expect(rest.credential).toBe(
      createHmac('sha1', 'north').update(`${expiry}:alice`).digest('base64'),
    );
    expect(rest.expires.getTime()).toBe(expiry * 1000);
  });

  it('is the expiry alone when no user is given, valid for a day by default', async () => {
    const rest = await turnRestCredential('s', '', now);
    expect(rest.username).toBe(String(now / 1000 + 86400));
  });
});

describe('resolveIceServers', () => {
  it('computes REST credentials for entries with a secret and passes the others through', async () => {
    const servers = await resolveIceServers(
      [
        { url: 'stun:203.0.113.10' },
        { url: 'turn:203.0.113.10', username: 'u', credential: 'p' },
        { url: 'turn:203.0.113.10?transport=tcp', username: 'bob', secret: 'k' },
      ],
      0,
    );
    expect(servers[0]).toEqual({ urls: 'stun:203.0.113.10' });
    expect(servers[1]).toEqual({ urls: 'turn:203.0.113.10', username: 'u', credential: 'p' });
    expect(servers[2]).toEqual({
      urls: 'turn:203.0.113.10?transport=tcp',
      username: '86400:bob',
      credential: createHmac('sha1', 'k').update('86400:bob').digest('base64'),
    });
  });
});
