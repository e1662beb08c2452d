/** How often each side says it is still there. */
export const HEARTBEAT_INTERVAL_MS = 1000;
/** Silence after which the other side counts as gone (a page closed without a goodbye). */
export const HEARTBEAT_SILENCE_MS = 5000;
/** Silence after which the connection's own traffic is asked for as a sign of life. */
const QUIET_MS = 2000;

/**
 * Tells a peer that went silent from one that is slow to be heard. A heartbeat can wait seconds
 * behind a file's bytes queued on the same connection, so once it is overdue the caller reports
 * the bytes the connection received (its stats): any that came are a sign of life too.
 * DOM-free: the caller feeds it times and byte counts.
 */
export class Heartbeat {
  private lastHeard: number;
  private lastTick: number;
  private lastBytes = -1;

  constructor(now: number) {
    this.lastHeard = this.lastTick = now;
  }

  /** A heartbeat (or anything else) arrived from the other side. */
  heard(now: number): void {
    this.lastHeard = now;
  }

  /** The connection has received `bytes` in all so far: more than before is a sign of life. */
  traffic(bytes: number, now: number): void {
    if (this.lastBytes >= 0 && bytes > this.lastBytes) this.heard(now);
    this.lastBytes = bytes;
  }

  /**
   * This side's timer fired: 'quiet' asks for `traffic`. A timer that fired late means this
   * page itself stalled (a long task, a throttled tab): the other side's messages may be queued
   * behind it, so silence is counted again from now instead of being taken for the peer's.
   */
  tick(now: number): 'alive' | 'quiet' | 'silent' {
    const late = now - this.lastTick > 2 * HEARTBEAT_INTERVAL_MS;
    this.lastTick = now;
    if (late) this.lastHeard = now;
    const silence = now - this.lastHeard;
    return silence >= HEARTBEAT_SILENCE_MS ? 'silent' : silence >= QUIET_MS ? 'quiet' : 'alive';
  }
}

/** Bytes received over all of a connection's candidate pairs (Chromium and Firefox report them). */
export function receivedBytes(report: Pick<RTCStatsReport, 'forEach'>): number {
  let bytes = 0;
  report.forEach((entry: Record<string, unknown>) => {
    if (entry.type === 'candidate-pair') bytes += Number(entry.bytesReceived ?? 0);
  });
  return bytes;
}
