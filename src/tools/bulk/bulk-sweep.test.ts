import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { BulkSummary } from './bulk-endpoint';
import { bestOf, runSweep, sweepCells, sweepCsv, type SweepCell } from './bulk-sweep';

const KiB = 1024;

const summary = (cell: SweepCell, MBps: number): BulkSummary => ({
  bytes: 1_000_000,
  seconds: 1 / MBps,
  MBps,
  sendCalls: 1,
  avgSendMs: 0,
  maxSendMs: 0,
  chunkSize: cell.chunk,
  highWatermark: cell.high,
  lowWatermark: cell.low,
  ordered: true,
  channels: cell.channels,
});

describe('sweepCells', () => {
  it('tries 16, 64 and 256 KiB messages against 256 KiB to 4 MiB high watermarks, on 1, 2 and 4 channels', () => {
    expect(sweepCells(256 * KiB)).toHaveLength(12);
    const cells = sweepCells(256 * KiB, 4);
    expect(cells).toHaveLength(36);
    expect(cells[0]).toEqual({ chunk: 16 * KiB, high: 256 * KiB, low: 64 * KiB, channels: 1 });
    expect(cells.at(-1)).toEqual({
      chunk: 256 * KiB,
      high: 4096 * KiB,
      low: 1024 * KiB,
      channels: 4,
    });
    expect(sweepCells(256 * KiB, 3).map((c) => c.channels)).not.toContain(4);
  });

  it('never goes above the connection’s message size, and keeps each mark valid', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 2 ** 30 }),
        fc.integer({ min: 1, max: 8 }),
        (max, n) => {
          for (const c of sweepCells(max, n)) {
            expect(c.channels).toBeLessThanOrEqual(n);
            expect(c.chunk).toBeLessThanOrEqual(Math.max(max, 16 * KiB));
            expect(c.high).toBeGreaterThanOrEqual(c.chunk);
            expect(c.low).toBeLessThan(c.high);
            expect(c.high).toBeLessThan(8 * 1024 * KiB);
          }
        },
      ),
    );
    expect(sweepCells(64 * KiB).map((c) => c.chunk)).not.toContain(256 * KiB);
  });
});

describe('runSweep', () => {
  it('reports each cell as it ends, stops at a run that did not complete, and finds the best', async () => {
    const cells = sweepCells(256 * KiB).slice(0, 4);
    const rates = [10, 30, 20];
    const seen: number[] = [];
    const results = await runSweep(
      cells,
      async (cell) => {
        const rate = rates[cells.indexOf(cell)];
        return rate === undefined ? null : summary(cell, rate);
      },
      (_result, i) => seen.push(i),
    );
    expect(seen).toEqual([0, 1, 2]);
    expect(results.map((r) => r.MBps)).toEqual([10, 30, 20]);
    expect(bestOf(results)).toMatchObject({ chunk: cells[1]!.chunk, high: cells[1]!.high });
    expect(bestOf([])).toBeNull();
  });
});

describe('sweepCsv', () => {
  it('has a header and one row per cell, in KiB and MB/s', () => {
    const cell = { chunk: 64 * KiB, high: 1024 * KiB, low: 256 * KiB, channels: 2 };
    expect(sweepCsv([{ ...cell, bytes: 16_777_216, seconds: 0.5, MBps: 33.554 }])).toBe(
      'channels,message_KiB,high_watermark_KiB,low_watermark_KiB,bytes,seconds,MBps\n' +
        '2,64,1024,256,16777216,0.500,33.55\n',
    );
  });
});
