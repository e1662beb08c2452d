import { describe, expect, it } from 'vitest';
import { FileHeldError, retryWhileHeld } from './sync-handle';

const held = () =>
  Object.assign(new Error('another open Access Handle'), {
    name: 'NoModificationAllowedError',
  });

/** A clock that moves only when the code under test sleeps. */
function fakeClock() {
  let t = 0;
  return { sleep: async (ms: number) => void (t += ms), now: () => t };
}

describe('retryWhileHeld', () => {
  it('waits for a file another writer still holds, telling once, then opens it', async () => {
    let tries = 0;
    let waits = 0;
    const clock = fakeClock();
    const opened = await retryWhileHeld(
      async () => {
        if (++tries < 6) throw held();
        return 'handle';
      },
      () => waits++,
      20_000,
      clock.sleep,
      clock.now,
    );
    expect(opened).toBe('handle');
    expect(tries).toBe(6);
    expect(waits).toBe(1);
  });

  it('gives up after the wait with an error of its own', async () => {
    const clock = fakeClock();
    const attempt = retryWhileHeld(
      async () => {
        throw held();
      },
      undefined,
      20_000,
      clock.sleep,
      clock.now,
    );
    await expect(attempt).rejects.toBeInstanceOf(FileHeldError);
    expect(clock.now()).toBeGreaterThanOrEqual(20_000);
    expect(clock.now()).toBeLessThan(21_000);
  });

  it('does not retry other failures', async () => {
    let tries = 0;
    const quota = Object.assign(new Error('full'), { name: 'QuotaExceededError' });
    const clock = fakeClock();
    const attempt = retryWhileHeld(
      async () => {
        tries++;
        throw quota;
      },
      undefined,
      20_000,
      clock.sleep,
      clock.now,
    );
    await expect(attempt).rejects.toBe(quota);
    expect(tries).toBe(1);
  });
});
