import { describe, expect, it } from 'vitest';
import { Activity, merge, type TransferEnd, type TransferSnapshot } from './activity';

const file = (over: Partial<TransferSnapshot>): TransferSnapshot => ({
  id: 'a',
  kind: 'file',
  name: 'big.bin',
  way: 'out',
  done: 0,
  total: 100,
  state: 'active',
  ...over,
});

describe('Activity', () => {
  it('is busy while a source reports a running transfer, and sums their progress', () => {
    const activity = new Activity();
    expect(activity.busy).toBe(false);
    expect(activity.progress()).toBeNull();
    activity.report('file', [file({ done: 30 }), file({ id: 'b', name: 'b.bin', done: 10 })]);
    activity.report('bulk', [file({ id: 'bulk', kind: 'bulk', name: '', done: 50 })]);
    expect(activity.busy).toBe(true);
    expect(activity.progress()).toEqual({
      done: 90,
      total: 300,
      name: 'big.bin',
      kind: 'file',
      count: 3,
    });
    activity.report('file', []);
    activity.report('bulk', [file({ id: 'bulk', kind: 'bulk', state: 'done', done: 100 })]);
    expect(activity.busy).toBe(false);
  });

  it('announces each end once, received over delivered, and a vanished transfer as stopped', () => {
    const activity = new Activity();
    const ends: TransferEnd[] = [];
    activity.onEnd((e) => ends.push(e));
    // A loopback lists the file on both ends.
    activity.report('file', [file({}), file({ way: 'in' }), file({ id: 'c', name: 'c.bin' })]);
    activity.report('file', [
      file({ state: 'active', done: 100 }),
      file({ way: 'in', state: 'done', done: 100 }),
      file({ id: 'c', name: 'c.bin' }),
    ]);
    expect(ends).toEqual([]);
    activity.report('file', [
      file({ state: 'done', done: 100 }),
      file({ way: 'in', state: 'done', done: 100 }),
    ]);
    activity.report('file', [
      file({ state: 'done', done: 100 }),
      file({ way: 'in', state: 'done', done: 100 }),
    ]);
    expect(ends).toEqual([
      { id: 'a', kind: 'file', name: 'big.bin', way: 'in', ok: true },
      { id: 'c', kind: 'file', name: 'c.bin', way: 'out', ok: false },
    ]);
  });

  it('a finished transfer reported for the first time is no news', () => {
    const activity = new Activity();
    let ends = 0;
    let changes = 0;
    activity.onEnd(() => ends++);
    activity.subscribe(() => changes++);
    activity.report('file', [file({ state: 'done' }), file({ id: 'b', state: 'stopped' })]);
    expect([ends, changes, activity.busy]).toEqual([0, 0, false]);
  });

  it('tells subscribers about progress, and not about a report that changes nothing', () => {
    const activity = new Activity();
    let changes = 0;
    const stop = activity.subscribe(() => changes++);
    activity.report('file', [file({ done: 1 })]);
    activity.report('file', [file({ done: 1 })]);
    activity.report('file', [file({ done: 2 })]);
    expect(changes).toBe(2);
    stop();
    activity.report('file', []);
    expect(changes).toBe(2);
  });
});

describe('merge', () => {
  it('keeps one entry per id: running if either end runs, stopped over done', () => {
    const merged = merge([
      file({ state: 'done', done: 100 }),
      file({ way: 'in', state: 'stopped', done: 40 }),
    ]);
    expect([...merged.values()]).toEqual([file({ way: 'in', state: 'stopped', done: 100 })]);
    expect(merge([file({ state: 'done' }), file({ way: 'in' })]).get('a')?.state).toBe('active');
  });
});
