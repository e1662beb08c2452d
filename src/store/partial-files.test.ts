import { describe, expect, it } from 'vitest';
import { expiredPartials, type PartialFile } from './partial-files';

const day = 24 * 3600 * 1000;
const partial = (id: string, updatedAt: number): PartialFile => ({
  id,
  name: `${id}.bin`,
  size: 10,
  type: '',
  lastModified: 0,
  bytes: 5,
  hashState: new Uint8Array(),
  fromDevice: 'd',
  from: 'Device A',
  startedAt: 0,
  updatedAt,
});

describe('expiredPartials', () => {
  const now = 100 * day;
  const list = [
    partial('fresh', now - day),
    partial('edge', now - 7 * day),
    partial('old', now - 8 * day),
  ];
  it('names the partials untouched for longer than the age', () => {
    expect(expiredPartials(list, now, 7 * day)).toEqual(['old']);
  });
  it('keeps everything younger', () => {
    expect(expiredPartials(list, now, 30 * day)).toEqual([]);
    expect(expiredPartials(list, now, day / 2)).toEqual(['fresh', 'edge', 'old']);
  });
});
