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

import { formatDateTime, formatNumber } from './format';
import { setCurrentLocale } from './current-locale';

// ICU versions differ in which space they put before the time.
const spaced = (s: string) => s.replace(/\s/g, ' ');

describe('locale-aware formatting', () => {
  it('groups and rounds numbers for the chosen locale', () => {
    expect(formatNumber(1048576)).toBe('1,048,576');
    expect(formatNumber(7.462686567164178, 1)).toBe('7.5');
    setCurrentLocale('de');
    try {
      expect(formatNumber(1048576)).toBe('1.048.576');
      expect(formatBytes(1500)).toBe('1,5 kB');
    } finally {
      setCurrentLocale('en');
    }
  });
  it('writes dates the way the locale does', () => {
    const at = new Date(2026, 10, 26, 9, 5, 7);
    expect(spaced(formatDateTime(at))).toBe('11/26/26, 9:05:07 AM');
    setCurrentLocale('zh-TW');
    try {
      expect(spaced(formatDateTime(at))).toBe('2026/11/26 上午9:05:07');
    } finally {
      setCurrentLocale('en');
    }
  });
});
