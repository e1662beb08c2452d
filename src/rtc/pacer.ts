/**
 * Keeps a sender at or under `rate` bytes per second (0: no limit), as a token bucket: a tenth
 * of a second's worth may go at once, and a message larger than what is left waits for the
 * rest. Time comes from `now` (ms), so the schedule can be proven without waiting.
 */
export class Pacer {
  private readonly burst: number;
  private tokens: number;
  private last = Number.NaN;

  constructor(
    private readonly rate: number,
    private readonly now: () => number = () => performance.now(),
  ) {
    this.burst = rate / 10;
    this.tokens = this.burst;
  }

  /** Milliseconds to wait before sending `bytes` more (they are counted as sent). */
  delay(bytes: number): number {
    if (!(this.rate > 0)) return 0;
    const t = this.now();
    if (!Number.isNaN(this.last))
      this.tokens = Math.min(this.burst, this.tokens + ((t - this.last) * this.rate) / 1000);
    this.last = t;
    this.tokens -= bytes;
    return this.tokens >= 0 ? 0 : (-this.tokens / this.rate) * 1000;
  }

  /** Waits as long as `delay` says. */
  async take(bytes: number): Promise<void> {
    const ms = this.delay(bytes);
    if (ms > 0) await new Promise((resolve) => setTimeout(resolve, ms));
  }
}
