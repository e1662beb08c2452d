import { describe, expect, it } from 'vitest';
import { checkRelativePath } from './relative-path';

describe('checkRelativePath', () => {
  it('accepts nested relative paths, UTF-8 included', () => {
    for (const path of ['a.txt', 'photos/2024/a.jpg', '資料夾/子/檔案.txt', 'a b/.hidden']) {
      expect(checkRelativePath(path)).toEqual({ ok: true });
    }
  });

  it.each([
    ['../x', '..'],
    ['a/../../x', '..'],
    ['/etc/passwd', 'absolute'],
    ['\\\\server\\share', 'absolute'],
    ['C:/Windows/x', 'absolute'],
    ['a\\..\\x', '..'],
    ['a\0b', 'NUL'],
    ['a//b', 'empty'],
    ['./a', '"."'],
    ['a/', 'empty'],
    ['a\nb', 'control'],
    ['x/'.repeat(70) + 'y', 'too long'],
  ])('refuses %j (%s)', (path, why) => {
    const check = checkRelativePath(path);
    expect(check.ok).toBe(false);
    expect(check.ok ? '' : check.reason).toContain(why);
  });
});
