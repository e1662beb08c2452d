import { describe, expect, it } from 'vitest';
import { uniqueEntryNames, uniqueEntryPaths } from './zip-names';

describe('uniqueEntryNames', () => {
  it('keeps distinct names and numbers repeated ones before the extension', () => {
    expect(uniqueEntryNames(['a.bin', 'b.bin', 'a.bin', 'A.BIN', 'notes'])).toEqual([
      'a.bin',
      'b.bin',
      'a (2).bin',
      'A (3).BIN',
      'notes',
    ]);
  });
  it('makes every name safe first, and keeps UTF-8', () => {
    expect(uniqueEntryNames(['a</b>.bin', '照片.jpg', '照片.jpg'])).toEqual([
      'a__b_.bin',
      '照片.jpg',
      '照片 (2).jpg',
    ]);
  });
});

import { safeEntryPath } from './zip-names';

describe('safeEntryPath', () => {
  it('keeps a tree and drops whatever could climb out of it', () => {
    expect(safeEntryPath('docs/sub/b.bin')).toBe('docs/sub/b.bin');
    expect(safeEntryPath('/etc/../../x')).toBe('etc/x');
    expect(safeEntryPath('a\\..\\b:c')).toBe('a/b_c');
    expect(safeEntryPath('..')).toBe('file');
  });
});

describe('uniqueEntryPaths', () => {
  it('keeps trees, makes each part safe, and renames only the clashing file', () => {
    expect(
      uniqueEntryPaths(['photos/a.jpg', 'photos/A.jpg', 'docs/a.jpg', '../x', 'b/c:d.txt']),
    ).toEqual(['photos/a.jpg', 'photos/A (2).jpg', 'docs/a.jpg', 'x', 'b/c_d.txt']);
  });
});
