import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { Pacer } from './pacer';

/** Sends `sizes` through a pacer on a simulated clock; returns when each message left (ms). */
function schedule(rate: number, sizes: number[], gaps: number[] = []): number[] {
  let clock = 0;
  const pacer = new Pacer(rate, () => clock);
  return sizes.map((size, i) => {
    clock += gaps[i] ?? 0;
    clock += pacer.delay(size);
    return clock;
  });
}

describe('Pacer', () => {
  it('never waits without a limit', () => {
    const pacer = new Pacer(0, () => 0);
    expect(pacer.delay(1e9)).toBe(0);
  });

  it('sends 1 MB at 1 MB/s in about a second, in 16 KiB messages', () => {
    const sizes = Array.from({ length: 62 }, () => 16_000);
    const times = schedule(1_000_000, sizes);
    // A tenth of a second's worth goes at once; the rest follows at the rate.
    expect(times[times.length - 1]).toBeCloseTo(892, 0);
  });

  it('a message larger than the burst waits for what it lacks', () => {
    expect(schedule(1_000_000, [300_000])).toEqual([200]);
  });

  it('saves no more than the burst during a pause', () => {
    // After ten idle seconds, only 100 kB go at once.
    const times = schedule(1_000_000, [100_000, 100_000, 100_000], [0, 10_000, 0]);
    expect(times[1]! - times[0]!).toBe(10_000);
    expect(times[2]! - times[1]!).toBe(100);
  });

  it('property: over any run, bytes sent never pass the rate times the time, plus the burst', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1_000, max: 100_000_000 }),
        fc.array(fc.tuple(fc.integer({ min: 1, max: 262_144 }), fc.nat(2_000)), {
          minLength: 1,
          maxLength: 200,
        }),
        (rate, run) => {
          const times = schedule(
            rate,
            run.map(([size]) => size),
            run.map(([, gap]) => gap),
          );
          let sent = 0;
          run.forEach(([size], i) => {
            sent += size;
            // A message leaves once the budget covers it.
            expect(sent).toBeLessThanOrEqual((times[i]! * rate) / 1000 + rate / 10 + 1e-6);
          });
        },
      ),
    );
  });
});
