import { describe, expect, it } from 'vitest';
import { checkSizeMiB } from './bulk-config';

// The exact sentences the Bulk form shows under the size field (the e2e test shows a few of them
// in the page; every refusal's wording is pinned here).
describe('the size field refuses with a specific message', () => {
  it.each([
    ['0', '0 MiB is too small: the smallest run is 1 MiB.'],
    ['-1', '-1 MiB is too small: the smallest run is 1 MiB.'],
    ['1.5', '1.5 is not a whole number: sizes are whole MiB (1 to 1024).'],
    ['99999', '99999 MiB is too large: the largest run is 1024 MiB (1 GiB).'],
    ['', 'Enter a size in MiB (a whole number from 1 to 1024).'],
    ['abc', '"abc" is not a number: enter a whole number of MiB from 1 to 1024.'],
  ])('%j: %s', (input, message) => {
    expect(checkSizeMiB(input)).toEqual({ ok: false, message });
  });
});
