import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { toHex } from './hex';

describe('toHex', () => {
  it('writes two lower-case digits a byte, in order', () => {
    expect(toHex(new Uint8Array([0, 1, 0xab, 0xff]))).toBe('0001abff');
    fc.assert(
      fc.property(fc.uint8Array(), (bytes) => {
        const hex = toHex(bytes);
        expect(hex).toMatch(/^([0-9a-f]{2})*$/);
        expect(Uint8Array.from(hex.match(/../g) ?? [], (h) => parseInt(h, 16))).toEqual(bytes);
      }),
    );
  });
});
