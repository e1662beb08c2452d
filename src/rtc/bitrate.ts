import { selectedPair } from './stats';

export interface BitrateFigures {
  /** bits per second over the last interval */
  current: number;
  /** bits per second since the first sample */
  average: number;
  /** highest interval rate seen */
  peak: number;
  /** the samples' rates, oldest first (for a chart) */
  history: number[];
}

/** Bitrate from cumulative byte counts sampled over time. */
export class BitrateTracker {
  private first: { t: number; bytes: number } | null = null;
  private last: { t: number; bytes: number } | null = null;
  private figures: BitrateFigures = { current: 0, average: 0, peak: 0, history: [] };

  constructor(private readonly keep = 120) {}

  /** Adds a sample: `bytes` counted so far at time `t` (ms). */
  add(t: number, bytes: number): BitrateFigures {
    if (!this.first || !this.last) {
      this.first = this.last = { t, bytes };
      return this.figures;
    }
    const dt = (t - this.last.t) / 1000;
    if (dt <= 0) return this.figures;
    const current = (Math.max(0, bytes - this.last.bytes) * 8) / dt;
    const average = (Math.max(0, bytes - this.first.bytes) * 8) / ((t - this.first.t) / 1000);
    const history = [...this.figures.history, current].slice(-this.keep);
    this.figures = { current, average, peak: Math.max(this.figures.peak, current), history };
    this.last = { t, bytes };
    return this.figures;
  }

  get value(): BitrateFigures {
    return this.figures;
  }
}

/**
 * Samples a connection's selected candidate pair every `intervalMs` (bytesSent on a sender,
 * bytesReceived on a receiver) and reports the bitrate.
 */
export class BitrateMeter {
  private readonly tracker = new BitrateTracker();
  private timer: ReturnType<typeof setInterval> | undefined;

  constructor(
    private readonly pc: RTCPeerConnection,
    private readonly direction: 'sent' | 'received',
    private readonly onSample: (figures: BitrateFigures) => void,
    intervalMs = 500,
  ) {
    void this.sample();
    this.timer = setInterval(() => void this.sample(), intervalMs);
  }

  get figures(): BitrateFigures {
    return this.tracker.value;
  }

  stop(): void {
    clearInterval(this.timer);
    this.timer = undefined;
  }

  private async sample(): Promise<void> {
    if (this.pc.connectionState === 'closed') return this.stop();
    const pair = selectedPair(await this.pc.getStats());
    if (!pair || this.timer === undefined) return;
    const bytes = this.direction === 'sent' ? pair.bytesSent : pair.bytesReceived;
    this.onSample(this.tracker.add(performance.now(), bytes));
  }
}
