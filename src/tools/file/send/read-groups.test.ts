import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { readGroups, type ReadStep } from './read-groups';

const read = (length: number): ReadStep => ({ t: 'read', length });
const digest: ReadStep = { t: 'digest' };
const readBytes = (group: ReadStep[]) =>
  group.reduce((sum, s) => sum + (s.t === 'read' ? s.length : 0), 0);

describe('reads gathered into groups', () => {
  it('keeps small files, each a read and a digest, together up to the limit', () => {
    const steps = [read(4), digest, read(4), digest, read(4), digest];
    expect(readGroups(steps, 8)).toEqual([
      [read(4), digest, read(4), digest],
      [read(4), digest],
    ]);
  });

  it('lets a read larger than the limit stand alone, and gives nothing for nothing', () => {
    expect(readGroups([read(20), read(1)], 8)).toEqual([[read(20)], [read(1)]]);
    expect(readGroups([], 8)).toEqual([]);
  });

  it('never drops, reorders or overfills', () => {
    const step = fc.oneof(fc.nat(300).map(read), fc.constant(digest));
    fc.assert(
      fc.property(
        fc.array(step, { maxLength: 200 }),
        fc.integer({ min: 1, max: 1000 }),
        (steps, max) => {
          const groups = readGroups(steps, max);
          expect(groups.flat()).toEqual(steps);
          for (const g of groups) {
            expect(g.length).toBeGreaterThan(0);
            const reads = g.filter((s) => s.t === 'read');
            if (reads.length > 1) expect(readBytes(g)).toBeLessThanOrEqual(max);
          }
        },
      ),
      { numRuns: 300 },
    );
  });
});
