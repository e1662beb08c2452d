import { describe, expect, it } from 'vitest';
import { messageTooLong, utf8Length } from './message-size';

describe('utf8Length', () => {
  it('counts UTF-8 bytes, not UTF-16 units', () => {
    expect(utf8Length('abc')).toBe(3);
    expect(utf8Length('é')).toBe(2);
    expect(utf8Length('漢字')).toBe(6);
    expect(utf8Length('😀')).toBe(4);
    expect('😀'.length).toBe(2);
  });
});

describe('messageTooLong', () => {
  it('lets a message of exactly the limit through', () => {
    expect(messageTooLong('a'.repeat(10), 10)).toBeNull();
  });
  it('refuses one byte more and names the limit', () => {
    expect(messageTooLong('a'.repeat(11), 10)).toMatch(
      /11 bytes.*limit is 10 bytes.*Nothing was sent/,
    );
  });
  it('judges multi-byte text by its bytes', () => {
    expect(messageTooLong('😀😀😀', 10)).toMatch(/12 bytes/);
    expect(messageTooLong('😀😀', 8)).toBeNull();
  });
});
