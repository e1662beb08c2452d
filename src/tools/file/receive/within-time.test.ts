import { afterEach, describe, expect, it, vi } from 'vitest';
import { withinTime } from './within-time';

afterEach(() => vi.useRealTimers());

describe('withinTime', () => {
  it('gives what settles in time, and stops waiting for what does not', async () => {
    vi.useFakeTimers();
    await expect(withinTime(Promise.resolve(7), 1000)).resolves.toBe(7);
    await expect(withinTime(Promise.reject(new Error('no')), 1000)).rejects.toThrow('no');
    const never = withinTime(new Promise(() => {}), 1000);
    const seen = expect(never).rejects.toThrow(/1000 ms/);
    await vi.advanceTimersByTimeAsync(1000);
    await seen;
    expect(vi.getTimerCount()).toBe(0);
  });
});
