import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { listTar, looksLikeTar, tarBlob, ustarHeader } from './tar';

const MTIME = 1_700_000_000;

describe('tar', () => {
  it('writes the same header bytes as GNU tar (ustar, numeric owner 0)', () => {
    const dir = mkdtempSync(join(tmpdir(), 'dckit-tar-'));
    writeFileSync(join(dir, 'hello.txt'), 'hello\n');
    utimesSync(join(dir, 'hello.txt'), MTIME, MTIME);
    const gnu = execFileSync(
      'tar',
      [
        '--format=ustar',
        '--owner=0',
        '--group=0',
        '--numeric-owner',
        '--mode=0644',
        '-cf',
        '-',
        'hello.txt',
      ],
      { cwd: dir },
    );
    const ours = ustarHeader({ name: 'hello.txt', size: 6, mtime: MTIME, type: '0', mode: 0o644 });
    // GNU tar leaves uname/gname empty with --numeric-owner, as we do.
    expect(Buffer.from(ours).equals(gnu.subarray(0, 512))).toBe(true);
  });

  it('GNU tar unpacks what we write: nested folders, a UTF-8 name, an empty file, times kept', async () => {
    const entries = [
      { path: 'top', mtime: MTIME },
      { path: 'top/a.txt', file: new Blob(['alpha']), mtime: MTIME },
      { path: 'top/empty.bin', file: new Blob([]), mtime: MTIME + 1 },
      { path: 'top/sub/été 😀.txt', file: new Blob(['utf-8 name']), mtime: MTIME + 2 },
      { path: `top/${'long-name-'.repeat(12)}.txt`, file: new Blob(['long']), mtime: MTIME },
    ];
    const blob = tarBlob(entries);
    expect(blob.size % 512).toBe(0);
    const dir = mkdtempSync(join(tmpdir(), 'dckit-untar-'));
    execFileSync('tar', ['-xf', '-'], { cwd: dir, input: Buffer.from(await blob.arrayBuffer()) });
    expect(readFileSync(join(dir, 'top/a.txt'), 'utf8')).toBe('alpha');
    expect(statSync(join(dir, 'top/empty.bin')).size).toBe(0);
    expect(readFileSync(join(dir, 'top/sub/été 😀.txt'), 'utf8')).toBe('utf-8 name');
    expect(readFileSync(join(dir, `top/${'long-name-'.repeat(12)}.txt`), 'utf8')).toBe('long');
    expect(statSync(join(dir, 'top/sub/été 😀.txt')).mtimeMs / 1000).toBe(MTIME + 2);
    expect(statSync(join(dir, 'top/empty.bin')).mtimeMs / 1000).toBe(MTIME + 1);
    // And our own reader lists it.
    const listed = await listTar(blob);
    expect(listed.map((e) => [e.name, e.size, e.type])).toEqual([
      ['top/', 0, 'directory'],
      ['top/a.txt', 5, 'file'],
      ['top/empty.bin', 0, 'file'],
      ['top/sub/été 😀.txt', 10, 'file'],
      [`top/${'long-name-'.repeat(12)}.txt`, 4, 'file'],
    ]);
  });

  it('lists an archive GNU tar made, in its default format', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'dckit-gnutar-'));
    mkdirSync(join(dir, 'd/deeper'), { recursive: true });
    writeFileSync(join(dir, 'd/deeper/x.bin'), Buffer.alloc(1000, 7));
    writeFileSync(join(dir, `d/${'n'.repeat(120)}`), 'gnu long name');
    const gnu = execFileSync('tar', ['-cf', '-', 'd'], { cwd: dir });
    const blob = new Blob([gnu]);
    expect(looksLikeTar(new Uint8Array(gnu.subarray(0, 512)))).toBe(true);
    const listed = await listTar(blob);
    const x = listed.find((e) => e.name === 'd/deeper/x.bin')!;
    expect(x).toMatchObject({ size: 1000, type: 'file' });
    expect(
      Buffer.from(await blob.slice(x.offset, x.offset + x.size).arrayBuffer()).equals(
        Buffer.alloc(1000, 7),
      ),
    ).toBe(true);
    expect(listed.some((e) => e.name === `d/${'n'.repeat(120)}`)).toBe(true);
  });
});
