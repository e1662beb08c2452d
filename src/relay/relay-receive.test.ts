import { describe, expect, it } from 'vitest';
import { workerErrorText } from './relay-receive';

describe('workerErrorText', () => {
  it('names a storage failure as one, not as a cut transfer', () => {
    const text = workerErrorText({
      kind: 'storage',
      name: 'QuotaExceededError',
      message: 'The quota has been exceeded.',
    });
    expect(text).toMatch(/storage for this site is full/);
    expect(text).toContain('The quota has been exceeded.');
    expect(text).not.toMatch(/cut/);
  });

  it('tells a short transfer from a cut one', () => {
    expect(workerErrorText({ kind: 'short', received: 5, total: 9 })).toBe(
      'The transfer was cut: 5 of 9 bytes arrived.',
    );
    expect(workerErrorText({ kind: 'cut', received: 5, total: null })).toBe(
      'The transfer was cut after 5 bytes.',
    );
  });
});
