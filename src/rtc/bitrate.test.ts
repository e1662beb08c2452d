import { describe, expect, it } from 'vitest';
import { BitrateTracker } from './bitrate';

describe('BitrateTracker', () => {
  it('computes current, average and peak bits per second', () => {
    const t = new BitrateTracker();
    t.add(0, 0);
    expect(t.add(500, 500_000)).toMatchObject({
      current: 8_000_000,
      average: 8_000_000,
      peak: 8_000_000,
    });
    const f = t.add(1000, 750_000);
    expect(f.current).toBe(4_000_000);
    expect(f.average).toBe(6_000_000);
    expect(f.peak).toBe(8_000_000);
    expect(f.history).toEqual([8_000_000, 4_000_000]);
  });
  it('ignores samples without elapsed time and keeps a bounded history', () => {
    const t = new BitrateTracker(3);
    t.add(0, 0);
    t.add(0, 100);
    for (let i = 1; i <= 5; i++) t.add(i * 1000, i * 1000);
    expect(t.value.history).toHaveLength(3);
  });
});
