import { describe, expect, it, vi } from 'vitest';
import type { PartialFile } from '../../../store/partial-files';
import type { TransferItem } from '../session/transfer-item';
import { continues, storeCheckpoint, type Incoming } from './receive-checkpoints';

const saved: { partial: PartialFile; wanted: () => boolean }[] = [];
vi.mock('../../../store/partial-files', () => ({
  savePartial: async (partial: PartialFile, wanted: () => boolean) => {
    saved.push({ partial, wanted });
  },
}));

const item: TransferItem = {
  id: 't1',
  name: 'a.bin',
  path: 'd/a.bin',
  size: 100,
  type: 'x/y',
  lastModified: 5,
  bytes: 0,
  state: 'receiving',
  message: '',
  startedAt: 0,
  endedAt: 0,
};
const partial = (over: Partial<PartialFile>): PartialFile => ({
  id: 't1',
  name: 'a.bin',
  path: 'd/a.bin',
  size: 100,
  type: 'x/y',
  lastModified: 5,
  bytes: 40,
  hashState: new Uint8Array(),
  fromDevice: 'dev',
  from: 'Phone',
  startedAt: 1,
  updatedAt: 2,
  ...over,
});

describe('continues', () => {
  it('takes a partial of the same transfer of the same file, and no other', () => {
    expect(continues(partial({}), item)).toBe(true);
    expect(continues(partial({ id: 't2' }), item)).toBe(false);
    expect(continues(partial({ name: 'b.bin' }), item)).toBe(false);
    expect(continues(partial({ size: 101 }), item)).toBe(false);
    expect(continues(partial({ path: 'e/a.bin' }), item)).toBe(false);
    expect(continues(partial({ bytes: 101 }), item)).toBe(false);
  });
});

describe('storeCheckpoint', () => {
  it('stores where the file stands, from whom, while it is still wanted', async () => {
    const incoming = {
      item,
      keep: true,
      awaitingFrom: false,
      from: { device: 'dev', name: 'Phone' },
      began: 1,
    } as Incoming;
    const hashState = new Uint8Array([1, 2]);
    await storeCheckpoint(incoming, { bytes: 64, hashState });
    const { partial: p, wanted } = saved.at(-1)!;
    expect(p).toMatchObject({
      id: 't1',
      path: 'd/a.bin',
      bytes: 64,
      fromDevice: 'dev',
      from: 'Phone',
      startedAt: 1,
    });
    expect(p.hashState).toBe(hashState);
    expect(wanted()).toBe(true);
    incoming.keep = false;
    expect(wanted()).toBe(false);
  });
});
