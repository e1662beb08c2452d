import { describe, expect, it } from 'vitest';
import { safeFileName } from '../../../files/file-name';
import { encodeControl, fileMessageSize, parseControl, type FileControl } from './file-protocol';

describe('file protocol', () => {
  const messages: FileControl[] = [
    {
      t: 'header',
      id: 'a1',
      name: 'x.bin',
      size: 16385,
      type: 'application/octet-stream',
      lastModified: 1,
    },
    { t: 'accept', id: 'a1' },
    {
      t: 'accept',
      id: 'a1',
      offset: 8388608,
      prefix: 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855',
    },
    { t: 'from', id: 'a1', offset: 0 },
    {
      t: 'held',
      id: 'a1',
      name: 'x.bin',
      size: 16385,
      type: '',
      lastModified: 1,
      path: 'd/x.bin',
      bytes: 16384,
    },
    { t: 'decline', id: 'a1', reason: 'no space' },
    {
      t: 'end',
      id: 'a1',
      sha256: 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855',
    },
    { t: 'verified', id: 'a1', ok: true },
    { t: 'abort', id: 'a1', by: 'receiver' },
    { t: 'abort', id: 'a1', by: 'receiver', why: 'storage' },
    { t: 'abort', id: 'a1', by: 'receiver', why: 'protocol' },
  ];
  it.each(messages)('round-trips %j', (m) => {
    expect(parseControl(encodeControl(m))).toEqual(m);
  });
  it.each([
    'not json',
    '42',
    '{"t":"header","id":"a","name":"x","size":-1,"type":"","lastModified":0}',
    '{"t":"header","id":"a","name":"x","size":1.5,"type":"","lastModified":0}',
    '{"t":"end","id":"a","sha256":"zz"}',
    '{"t":"abort","id":"a","by":"someone"}',
    '{"t":"header","name":"x","size":1,"type":"","lastModified":0}',
    '{"t":"what","id":"a"}',
    '{"t":"accept","id":"a","offset":5}',
    '{"t":"accept","id":"a","offset":-1,"prefix":"' + '0'.repeat(64) + '"}',
    '{"t":"from","id":"a","offset":1.5}',
    '{"t":"held","id":"a","name":"x","size":1,"type":"","lastModified":0,"bytes":2}',
  ])('refuses %s', (text) => {
    expect(parseControl(text)).toBeNull();
  });
  it('reads an abort with an unknown cause as a plain abort', () => {
    expect(parseControl('{"t":"abort","id":"a","by":"receiver","why":"<b>x</b>"}')).toEqual({
      t: 'abort',
      id: 'a',
      by: 'receiver',
    });
  });
});

describe('safeFileName', () => {
  it.each([
    ['report.pdf', 'report.pdf'],
    ['../../etc/passwd', '_.._etc_passwd'],
    ['<script>alert(1)<\\script>.html', '_script_alert(1)__script_.html'],
    ['a</b>.bin', 'a__b_.bin'],
    ['<b onclick=x>.html', '_b onclick=x_.html'],
    ['b:c*d?e"f|g', 'b_c_d_e_f_g'],
    ['  .hidden  ', 'hidden'],
    ['CON.txt', '_CON.txt'],
    ['', 'file'],
    ['...', 'file'],
    ['漢字 😀.txt', '漢字 😀.txt'],
  ])('%j -> %j', (name, safe) => {
    expect(safeFileName(name)).toBe(safe);
  });
  it('keeps the extension when shortening', () => {
    const long = `${'a'.repeat(300)}.tar.gz`;
    const safe = safeFileName(long);
    expect(safe.length).toBe(200);
    expect(safe.endsWith('.gz')).toBe(true);
  });
});

describe('file message size', () => {
  it('is the size chosen, within what the connection takes, and 16 KiB where it does not say', () => {
    expect(fileMessageSize(16, 262144)).toBe(16384);
    expect(fileMessageSize(64, 262144)).toBe(65536);
    expect(fileMessageSize(256, 262144)).toBe(262144);
    expect(fileMessageSize(256, 1073741823)).toBe(262144);
    expect(fileMessageSize(256, 65536)).toBe(65536);
    expect(fileMessageSize(256, undefined)).toBe(16384);
    expect(fileMessageSize(64, 0)).toBe(16384);
  });
});
