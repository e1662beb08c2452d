import { describe, expect, it } from 'vitest';
import {
  checkPath,
  nameFromHeaders,
  nameHeaders,
  randomPath,
  receiveCommand,
  relayUrl,
  sendCommand,
  serverLineState,
  shellQuote,
} from './relay-commands';

describe('relay commands', () => {
  it('makes random lower-case paths', () => {
    expect(randomPath()).toMatch(/^[a-z0-9]{12}$/);
    expect(randomPath()).not.toBe(randomPath());
  });
  it('checks paths', () => {
    expect(checkPath('abc/def')).toBeNull();
    expect(checkPath('')).toMatch(/Enter a path/);
    expect(checkPath('/abc')).toMatch(/leading/);
    expect(checkPath('a b')).toMatch(/letters, digits/);
    expect(checkPath('version')).toMatch(/reserved/);
  });
  it('builds URLs and the commands people type', () => {
    expect(relayUrl('http://127.0.0.1:8080', 'abc')).toBe('http://127.0.0.1:8080/abc');
    expect(relayUrl('https://ppng.io', 'seq', 2)).toBe('https://ppng.io/seq?n=2');
    expect(receiveCommand('https://ppng.io/abc')).toBe('curl https://ppng.io/abc');
    expect(receiveCommand('https://ppng.io/abc', "my file's.txt")).toBe(
      `curl https://ppng.io/abc > 'my file'\\''s.txt'`,
    );
    expect(sendCommand('https://ppng.io/abc')).toContain('curl -T FILE https://ppng.io/abc');
    expect(shellQuote('a&b')).toBe(`'a&b'`);
  });
  it('reads the server’s progress lines', () => {
    expect(serverLineState('[INFO] Waiting for 2 receiver(s)...')).toBe('waiting');
    expect(serverLineState('[INFO] Start sending to 1 receiver(s)!')).toBe('sending');
    expect(serverLineState('[INFO] All receiver(s) was/were received successfully.')).toBe('done');
    expect(serverLineState("[ERROR] Connection on '/x' has been established already.")).toBe(
      'error',
    );
  });
  it('carries names in headers, both ways', () => {
    const h = nameHeaders('rapport été 😀.pdf');
    expect(nameFromHeaders(h['Content-Disposition'], null)).toBe('rapport été 😀.pdf');
    expect(nameFromHeaders(null, h['X-Piping'])).toBe('rapport été 😀.pdf');
    expect(nameFromHeaders('attachment; filename="a.txt"', null)).toBe('a.txt');
    expect(nameFromHeaders(null, null)).toBeNull();
  });
});
