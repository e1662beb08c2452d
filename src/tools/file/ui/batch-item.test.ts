import { describe, expect, it } from 'vitest';
import { batchItem } from './batch-item';
import type { BatchView } from '../session/batch-view';
import type { SessionOutcome } from '../session/session-outcome';

const view = (over: Partial<BatchView>): BatchView => ({
  id: 'b1',
  name: 'photos',
  phase: 'moving',
  progress: { fileCount: 10, filesDone: 4, filesCorrupt: 0, bytes: 400, totalBytes: 1000 },
  outcome: null,
  failure: null,
  resumedFiles: 0,
  resumedPart: 0,
  unsafePath: null,
  noSpace: null,
  pathAt: (i) => `photos/${i}.jpg`,
  startedAt: 1,
  endedAt: 0,
  ...over,
});
const over = (outcome: SessionOutcome) => view({ phase: 'over', outcome });
const text = (note: unknown) => (typeof note === 'string' ? note : JSON.stringify(note));

describe('a batch as a row of the transfer list', () => {
  it('names the folder and counts its files while they move', () => {
    const item = batchItem(view({}), 'in');
    expect(item).toMatchObject({ name: 'photos/', state: 'receiving', bytes: 400, size: 1000 });
    expect(item.message).toBe('4 of 10 files.');
    expect(batchItem(view({}), 'out').state).toBe('sending');
  });

  it('names files picked together by their count, and asks for them all', () => {
    const picked = view({ name: '', phase: 'offered', pathAt: (i) => `${i}.jpg` });
    expect(batchItem(picked, 'in').name).toBe('10 files');
    expect(batchItem(picked, 'in').message).toBe(
      '10 files sent together: accept or decline them all.',
    );
    const declined = { t: 'ended', code: 'declined', index: 0, by: 'there' } as const;
    expect(batchItem(view({ name: '', phase: 'over', outcome: declined }), 'out').message).toBe(
      'The receiver declined them.',
    );
    expect(batchItem(over(declined), 'out').message).toBe('The receiver declined the folder.');
  });

  it('tells the sender which path the receiver refused', () => {
    const refused = over({ t: 'ended', code: 'unsafe-path', index: 3, by: 'there' });
    expect(batchItem(refused, 'out').state).toBe('declined');
    expect(text(batchItem(refused, 'out').message)).toContain('photos/3.jpg');
    expect(text(batchItem(refused, 'out').message)).toContain('could reach outside its folder');
  });

  it.each<[SessionOutcome, 'in' | 'out', string]>([
    [{ t: 'complete', corrupt: [] }, 'out', 'done'],
    [{ t: 'complete', corrupt: [3] }, 'in', 'corrupt'],
    [{ t: 'ended', code: 'declined', index: 0, by: 'there' }, 'out', 'declined'],
    [{ t: 'ended', code: 'aborted', index: 2, by: 'here' }, 'in', 'aborted'],
    [{ t: 'ended', code: 'storage', index: 2, by: 'there' }, 'out', 'failed'],
    [{ t: 'ended', code: 'malformed', index: 2, by: 'here' }, 'in', 'failed'],
    [{ t: 'ended', code: 'unreadable', index: 2, by: 'here' }, 'out', 'failed'],
    [{ t: 'interrupted' }, 'out', 'interrupted'],
  ])('%j on the %s side is %s', (outcome, way, state) => {
    expect(batchItem(over(outcome), way).state).toBe(state);
  });

  it('names the first corrupt file and the unreadable one by path', () => {
    expect(text(batchItem(over({ t: 'complete', corrupt: [7, 9] }), 'in').message)).toContain(
      'photos/7.jpg',
    );
    const unreadable = over({ t: 'ended', code: 'unreadable', index: 5, by: 'here' });
    expect(text(batchItem(unreadable, 'out').message)).toContain('photos/5.jpg');
  });

  it('a failure of the worker wins over the outcome, in its own words', () => {
    const failed = view({
      phase: 'over',
      outcome: { t: 'ended', code: 'aborted', index: 0, by: 'here' },
      failure: { name: 'QuotaExceededError', message: 'the disk is full' },
    });
    expect(batchItem(failed, 'in')).toMatchObject({
      state: 'failed',
      message:
        '4 of 10 files. Storing the files failed: The browser\u2019s storage for this site is full: ' +
        'delete received files or free disk space, then try again. The browser said: \u201cthe disk is full\u201d',
    });
  });

  it('says how many files a resumed batch found already here', () => {
    expect(batchItem(view({ resumedFiles: 6 }), 'in').resume).toBe(
      'Resumed: 6 files were already here, only the rest was sent.',
    );
    expect(batchItem(view({ resumedFiles: 6, resumedPart: 2_500_000 }), 'in').resume).toBe(
      'Resumed: 6 files and 2.5 MB of the next were already here, only the rest was sent.',
    );
  });

  it('says why a folder was refused for lack of storage', () => {
    const refused = view({
      phase: 'over',
      outcome: { t: 'ended', code: 'declined', index: 0, by: 'here' },
      noSpace: { needs: 3_000_000, grants: 1_000_000 },
    });
    expect(batchItem(refused, 'in')).toMatchObject({ state: 'declined' });
    expect(batchItem(refused, 'in').message).toMatch(/^Not enough storage: the folder needs 3/);
  });
});
