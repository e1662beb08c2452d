import { describe, expect, it } from 'vitest';
import { PICK_BATCH_ABOVE, PICK_BATCH_FILE_MAX, splitPick } from './pick-batch';

const file = (name: string, size = 10) => {
  const f = new File([], name);
  Object.defineProperty(f, 'size', { value: size });
  return f;
};
const many = (n: number) => Array.from({ length: n }, (_, i) => file(`f${i}.txt`));

describe('which files of a pick go as one transfer', async () => {
  it('a few files go one by one, each to accept on its own', async () => {
    const pick = many(PICK_BATCH_ABOVE);
    expect(await splitPick(pick)).toEqual({ together: [], alone: pick });
  });

  it('many small files go together, named by their names', async () => {
    const pick = many(PICK_BATCH_ABOVE + 1);
    const { together, alone } = await splitPick(pick);
    expect(alone).toEqual([]);
    expect(together.map((f) => f.path)).toEqual(pick.map((f) => f.name));
    expect(together.map((f) => f.file)).toEqual(pick);
  });

  it('a big file goes alone, and does not count towards a batch', async () => {
    const big = file('film.mkv', PICK_BATCH_FILE_MAX);
    const pick = [...many(PICK_BATCH_ABOVE + 1), big];
    const { together, alone } = await splitPick(pick);
    expect(alone).toEqual([big]);
    expect(together).toHaveLength(PICK_BATCH_ABOVE + 1);
    expect((await splitPick([...many(PICK_BATCH_ABOVE), big])).together).toEqual([]);
  });

  it('two files of one name both go alone (a batch holds each path once)', async () => {
    const twins = [file('a.txt'), file('a.txt')];
    const { together, alone } = await splitPick([...many(PICK_BATCH_ABOVE + 1), ...twins]);
    expect(alone).toEqual(twins);
    expect(together.map((f) => f.path)).not.toContain('a.txt');
  });

  it('takes the file out of an entry with no path', async () => {
    const pick = many(PICK_BATCH_ABOVE + 1).map((f) => ({ file: f }));
    expect((await splitPick(pick)).together[0]).toEqual({ file: pick[0]!.file, path: 'f0.txt' });
  });
});
