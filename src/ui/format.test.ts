import { describe, expect, it } from 'vitest';
import { formatBytes, formatElapsed } from './format';

describe('format', () => {
  it('formats bytes in powers of ten', () => {
    expect(formatBytes(999)).toBe('999 B');
    expect(formatBytes(1500)).toBe('1.5 kB');
    expect(formatBytes(40_000_000)).toBe('40.0 MB');
    expect(formatBytes(1_073_741_824)).toBe('1.07 GB');
  });
  it('formats elapsed time', () => {
    expect(formatElapsed(0)).toBe('0:00');
    expect(formatElapsed(61_500)).toBe('1:01');
  });
});

import { formatBitrate, formatDuration } from './format';

describe('formatDuration and formatBitrate', () => {
  it('formats durations', () => {
    expect(formatDuration(42.4)).toBe('42 s');
    expect(formatDuration(185)).toBe('3 min 05 s');
    expect(formatDuration(3720)).toBe('1 h 02 min');
  });
  it('formats bitrates', () => {
    expect(formatBitrate(320_000_000)).toBe('320.0 Mbit/s');
  });
});
