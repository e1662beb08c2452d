import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { ReceivedFileRecord } from './received-files';
import { receivedOrder, withArrived } from './received-order';

function record(id: string, path?: string): ReceivedFileRecord {
  return {
    id,
    name: path?.split('/').pop() ?? id,
    size: 1,
    type: '',
    lastModified: 0,
    sha256: '',
    receivedAt: 0,
    via: 'data channel',
    ...(path !== undefined && { path }),
  };
}

const ids = (list: readonly ReceivedFileRecord[]) => list.map((r) => r.id);

describe('receivedOrder', () => {
  it("puts folders' files first by path, then loose files in the order stored", () => {
    const list = [record('l1'), record('b', 'd/b'), record('l2'), record('a', 'd/a')];
    expect(ids(receivedOrder(list))).toEqual(['a', 'b', 'l1', 'l2']);
  });
});

describe('withArrived', () => {
  it('adds a batch’s files in their places and the loose ones first among the loose', () => {
    const sorted = receivedOrder([record('old'), record('a', 't/a'), record('c', 't/c')]);
    const arrived = [record('b', 't/b'), record('new'), record('d', 't/d')];
    expect(ids(withArrived(sorted, arrived))).toEqual(['a', 'b', 'c', 'd', 'new', 'old']);
  });

  it('replaces an earlier record of the same file (a batch that resumed)', () => {
    const sorted = [record('x', 'f/x'), record('y', 'f/y')];
    const again = { ...record('x', 'f/x'), sha256: 'again' };
    const list = withArrived(sorted, [again]);
    expect(ids(list)).toEqual(['x', 'y']);
    expect(list[0]!.sha256).toBe('again');
  });

  it('gives the same paths in the same order as sorting everything again', () => {
    const paths = fc.option(fc.stringMatching(/^[a-c]{1,3}(\/[a-c]{1,3}){0,2}$/), {
      nil: undefined,
    });
    fc.assert(
      fc.property(fc.array(paths), fc.array(paths), (before, after) => {
        const old = before.map((p, i) => record(`o${i}`, p));
        const arrived = after.map((p, i) => record(`n${i}`, p));
        const merged = withArrived(receivedOrder(old), arrived);
        // Loose files: the arrived ones (newest) before the older ones, as the store lists them.
        const again = receivedOrder([...arrived.filter((r) => !r.path), ...old, ...arrived]);
        const unique = again.filter((r, i) => again.indexOf(r) === i);
        expect(merged.map((r) => r.path)).toEqual(unique.map((r) => r.path));
        expect(new Set(ids(merged)).size).toBe(old.length + arrived.length);
      }),
    );
  });
});
