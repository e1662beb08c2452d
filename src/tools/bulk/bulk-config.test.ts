import { describe, expect, it } from 'vitest';
import { checkMarks, checkSizeMiB, chunkSizeFor, defaultMarks } from './bulk-config';

describe('checkSizeMiB', () => {
  it.each([
    ['1', 1],
    ['16', 16],
    [' 1024 ', 1024],
  ])('accepts %j', (input, value) => {
    expect(checkSizeMiB(input)).toEqual({ ok: true, value });
  });
  it.each([
    ['0', /0 MiB is too small/],
    ['-1', /-1 MiB is too small/],
    ['1.5', /1\.5 is not a whole number/],
    ['99999', /99999 MiB is too large/],
    ['', /Enter a size/],
    ['abc', /"abc" is not a number/],
    ['1e3', /"1e3" is not a number/],
  ])('refuses %j', (input, message) => {
    const r = checkSizeMiB(input);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.message).toMatch(message);
  });
});

describe('chunk size and watermarks', () => {
  it('caps the chunk at 256 KiB', () => {
    expect(chunkSizeFor(262144)).toBe(262144);
    expect(chunkSizeFor(1073741823)).toBe(262144);
    expect(chunkSizeFor(65536)).toBe(65536);
  });
  it('defaults to max(8 chunks, 1 MiB) and one chunk', () => {
    expect(defaultMarks(262144)).toEqual({ high: 2097152, low: 262144 });
    expect(defaultMarks(16384)).toEqual({ high: 1048576, low: 16384 });
  });
  it('takes the Advanced fields in KiB, empty meaning the default', () => {
    expect(checkMarks('', '', 262144)).toEqual({ ok: true, value: { high: 2097152, low: 262144 } });
    expect(checkMarks('4096', '512', 262144)).toEqual({
      ok: true,
      value: { high: 4194304, low: 524288 },
    });
  });
  it.each([
    ['8192', '', /below 8192 KiB/],
    ['100', '', /at least one chunk/],
    ['1024', '1024', /low watermark must be below/],
    ['x', '', /whole number of KiB/],
  ])('refuses high %j low %j', (high, low, message) => {
    const r = checkMarks(high, low, 262144);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.message).toMatch(message);
  });
});
