import { expect, it } from 'vitest';
import { Activity } from './activity';
import { progressTitle, titleFollows } from './page-title';

it('writes the percentage, the first name and how many more run', () => {
  const one = { done: 42, total: 100, name: 'big.bin', kind: 'file' as const, count: 1 };
  expect(progressTitle(one, 'dckit', 'Bulk data')).toBe('42% · big.bin — dckit');
  expect(progressTitle({ ...one, done: 9.9, count: 3 }, 'dckit', 'Bulk data')).toBe(
    '9% · big.bin +2 — dckit',
  );
  expect(progressTitle({ ...one, done: 150 }, 'dckit', 'Bulk data')).toBe('100% · big.bin — dckit');
  expect(progressTitle({ ...one, done: 0, total: 0 }, 'dckit', 'Bulk data')).toBe(
    '0% · big.bin — dckit',
  );
  expect(progressTitle({ ...one, kind: 'bulk', name: '' }, 'dckit', 'Bulk data')).toBe(
    '42% · Bulk data — dckit',
  );
});

it('follows the transfers and puts the title back after them', () => {
  const activity = new Activity();
  const doc = { title: 'dckit' } as Document;
  titleFollows(activity, doc);
  const snap = { id: 'a', kind: 'file' as const, name: 'a.bin', way: 'out' as const, total: 200 };
  activity.report('file', [{ ...snap, done: 50, state: 'active' }]);
  expect(doc.title).toBe('25% · a.bin — dckit');
  activity.report('file', [{ ...snap, done: 200, state: 'done' }]);
  expect(doc.title).toBe('dckit');
});
