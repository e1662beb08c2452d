import { describe, expect, it } from 'vitest';
import { makeTestLink, readTestLink, type TestLinkRun } from './test-link';

const run: TestLinkRun = {
  servers: [
    { url: 'stun:stun.example.org:3478' },
    { url: 'turn:turn.example.org:3478?transport=tcp', username: 'ann', credential: 'pw' },
    { url: 'turn:rest.example.org:3478', username: 'ann', secret: 'shared-secret' },
  ],
  policy: 'relay',
  timeoutSeconds: 5,
  eachAlone: true,
};

const param = (hash: string) => new URLSearchParams(hash.split('?')[1]).get('test');

describe('test links', () => {
  it('carry the servers and options there and back, credentials when asked', () => {
    const { hash, leftOut } = makeTestLink(run, true);
    expect(hash).toMatch(/^#\/ice\?test=[A-Za-z0-9_-]+$/);
    expect(leftOut).toEqual(['turn:rest.example.org:3478']);
    expect(readTestLink(param(hash))).toEqual({
      servers: [run.servers[0], run.servers[1]],
      policy: 'relay',
      timeoutSeconds: 5,
      eachAlone: true,
    });
  });

  it('never carry a TURN REST secret, nor credentials unless asked', () => {
    for (const withCredentials of [true, false]) {
      const { hash } = makeTestLink(run, withCredentials);
      const text = atob(param(hash)!.replace(/-/g, '+').replace(/_/g, '/'));
      expect(text).not.toContain('shared-secret');
      expect(text.includes('pw')).toBe(withCredentials);
    }
    const { hash, leftOut } = makeTestLink(run, false);
    expect(leftOut).toEqual([run.servers[1].url, run.servers[2].url]);
    expect(readTestLink(param(hash))?.servers).toEqual([run.servers[0]]);
  });

  it('anything else is not a test link', () => {
    for (const bad of [null, '', '!!', btoa('{"v":2,"servers":[]}'), btoa('[1]'), btoa('nope')]) {
      expect(readTestLink(bad)).toBeNull();
    }
  });

  it('out-of-range options fall back to the defaults; malformed entries are dropped', () => {
    const body = {
      v: 1,
      servers: [{ url: 'stun:a' }, { url: 7 }, null],
      policy: 'x',
      timeout: 999,
    };
    const text = btoa(JSON.stringify(body)).replace(/=+$/, '');
    expect(readTestLink(text)).toEqual({
      servers: [{ url: 'stun:a' }],
      policy: 'all',
      timeoutSeconds: 10,
      eachAlone: false,
    });
  });
});
