import { describe, expect, it } from 'vitest';
import { Heartbeat, HEARTBEAT_INTERVAL_MS, HEARTBEAT_SILENCE_MS, receivedBytes } from './heartbeat';

type Verdict = ReturnType<Heartbeat['tick']>;

/** Ticks every interval from `from` to `to` (inclusive), returning the verdicts. */
function ticks(beat: Heartbeat, from: number, to: number, each?: (t: number) => void): Verdict[] {
  const verdicts: Verdict[] = [];
  for (let t = from; t <= to; t += HEARTBEAT_INTERVAL_MS) {
    each?.(t);
    verdicts.push(beat.tick(t));
  }
  return verdicts;
}

describe('Heartbeat', () => {
  it('stays alive while the other side is heard', () => {
    const beat = new Heartbeat(0);
    expect(ticks(beat, 1000, 20_000, (t) => beat.heard(t - 10))).not.toContain('quiet');
  });

  it('asks for traffic once overdue, and reports silence at the limit, not before', () => {
    const beat = new Heartbeat(0);
    const verdicts = ticks(beat, 1000, HEARTBEAT_SILENCE_MS);
    expect(verdicts.slice(0, -1)).not.toContain('silent');
    expect(verdicts).toContain('quiet');
    expect(verdicts.at(-1)).toBe('silent');
  });

  it('takes bytes the connection received as a sign of life', () => {
    const beat = new Heartbeat(0);
    let bytes = 0;
    // Heartbeats stuck behind a file's bytes: none heard for 20 s, while bytes keep coming.
    const verdicts = ticks(beat, 1000, 20_000, (t) => {
      bytes += 1_000_000;
      beat.traffic(bytes, t);
    });
    expect(verdicts).not.toContain('silent');
  });

  it('reports silence when the traffic stops too', () => {
    const beat = new Heartbeat(0);
    beat.traffic(500, 0);
    const verdicts = ticks(beat, 1000, HEARTBEAT_SILENCE_MS, (t) => beat.traffic(500, t));
    expect(verdicts.at(-1)).toBe('silent');
  });

  it('does not blame the peer for a stall of its own page', () => {
    const beat = new Heartbeat(0);
    beat.tick(1000);
    // The page froze for 8 s: the peer's messages are still queued behind the stall.
    expect(beat.tick(9000)).toBe('alive');
    expect(ticks(beat, 10_000, 9000 + HEARTBEAT_SILENCE_MS - 1000)).not.toContain('silent');
    expect(beat.tick(9000 + HEARTBEAT_SILENCE_MS)).toBe('silent');
  });
});

describe('receivedBytes', () => {
  it('adds up the candidate pairs, nothing else', () => {
    const entries = [
      { type: 'candidate-pair', bytesReceived: 100 },
      { type: 'candidate-pair', bytesReceived: 23 },
      { type: 'transport', bytesReceived: 9999 },
      { type: 'candidate-pair' },
    ];
    expect(
      receivedBytes({ forEach: (f: (e: never) => void) => entries.forEach(f as never) } as never),
    ).toBe(123);
  });
});
