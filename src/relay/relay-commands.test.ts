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

import { receivePipeline, sendPipelines } from './relay-commands';

describe('pipelines', () => {
  it('adds openssl and tar to the receiving command', () => {
    expect(receivePipeline('http://h/p', { saveAs: 'a.bin' })).toBe('curl http://h/p > a.bin');
    expect(receivePipeline('http://h/p', { passphrase: 'pw', saveAs: 'a.bin' })).toBe(
      'curl http://h/p | openssl aes-256-cbc -pbkdf2 -d -k pw > a.bin',
    );
    expect(receivePipeline('http://h/p', { passphrase: 'two words', tar: true })).toBe(
      `curl http://h/p | openssl aes-256-cbc -pbkdf2 -d -k 'two words' | tar xf -`,
    );
  });
  it('offers sending commands for files, stdin and folders', () => {
    expect(sendPipelines('http://h/p')).toEqual([
      'curl -T FILE http://h/p',
      'echo hello | curl -T - http://h/p',
      'tar cf - DIR | curl -T - http://h/p',
    ]);
    expect(sendPipelines('http://h/p', 'pw')[0]).toBe(
      'openssl aes-256-cbc -pbkdf2 -k pw < FILE | curl -T - http://h/p',
    );
  });
});
