import type { Activity } from './activity';

/** What the page can say about the screen: kept on, not kept on although asked, or no claim. */
export type WakeLockState = 'off' | 'held' | 'refused';

/** The parts of the browser the wake lock needs, passed in so the rules can be unit-tested. */
export interface WakeLockHost {
  /** `navigator.wakeLock.request('screen')`; undefined when the browser has no Wake Lock API. */
  request: (() => Promise<WakeLockSentinel>) | undefined;
  visible(): boolean;
  /** Calls back on every visibility change; returns the unsubscribe. */
  onVisibility(callback: () => void): () => void;
}

export function browserWakeLockHost(): WakeLockHost {
  const lock = typeof navigator !== 'undefined' ? navigator.wakeLock : undefined;
  return {
    request: lock ? () => lock.request('screen') : undefined,
    visible: () => document.visibilityState === 'visible',
    onVisibility(callback) {
      document.addEventListener('visibilitychange', callback);
      return () => document.removeEventListener('visibilitychange', callback);
    },
  };
}

/**
 * Keeps the screen on while a transfer runs: asks for a screen wake lock when one starts, asks
 * again when the page becomes visible (the browser drops the lock when it is hidden), and
 * releases it when the last transfer ends. `state` says only what the browser granted.
 */
export class ScreenWakeLock extends EventTarget {
  state: WakeLockState = 'off';
  private sentinel: WakeLockSentinel | null = null;
  private asking = false;
  private readonly stops: (() => void)[] = [];

  constructor(
    private readonly activity: Activity,
    private readonly host: WakeLockHost,
  ) {
    super();
    this.stops.push(activity.subscribe(() => void this.sync()));
    this.stops.push(host.onVisibility(() => void this.sync()));
  }

  stop(): void {
    for (const s of this.stops.splice(0)) s();
    void this.release();
  }

  private async sync(): Promise<void> {
    if (!this.activity.busy) return this.release();
    if (this.sentinel || this.asking || !this.host.request || !this.host.visible()) return;
    this.asking = true;
    try {
      const sentinel = await this.host.request();
      this.asking = false;
      if (!this.activity.busy) {
        await sentinel.release();
        return;
      }
      this.sentinel = sentinel;
      // The browser releases it by itself when the page is hidden.
      sentinel.addEventListener('release', () => {
        if (this.sentinel !== sentinel) return;
        this.sentinel = null;
        this.set('off');
        void this.sync();
      });
      this.set('held');
    } catch {
      this.asking = false;
      this.set('refused');
    }
  }

  private async release(): Promise<void> {
    const sentinel = this.sentinel;
    this.sentinel = null;
    this.set('off');
    if (sentinel && !sentinel.released) await sentinel.release().catch(() => {});
  }

  private set(state: WakeLockState): void {
    if (this.state === state) return;
    this.state = state;
    this.dispatchEvent(new Event('change'));
  }
}
