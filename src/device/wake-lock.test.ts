import { describe, expect, it } from 'vitest';
import { Activity } from './activity';
import { ScreenWakeLock, type WakeLockHost } from './wake-lock';

/** A sentinel the fake browser hands out; the browser may release it (page hidden). */
class FakeSentinel extends EventTarget {
  released = false;
  readonly type = 'screen' as const;
  onrelease = null;
  async release(): Promise<void> {
    if (this.released) return;
    this.released = true;
    this.dispatchEvent(new Event('release'));
  }
}

function fakeHost(grant = true) {
  const sentinels: FakeSentinel[] = [];
  let visible = true;
  let onVisibility = () => {};
  const host: WakeLockHost = {
    request: async () => {
      if (!grant) throw new DOMException('denied', 'NotAllowedError');
      const s = new FakeSentinel();
      sentinels.push(s);
      return s as unknown as WakeLockSentinel;
    },
    visible: () => visible,
    onVisibility: (cb) => ((onVisibility = cb), () => {}),
  };
  const setVisible = (v: boolean) => {
    visible = v;
    // The browser drops the lock of a hidden page by itself.
    if (!v) for (const s of sentinels) void s.release();
    onVisibility();
  };
  return { host, sentinels, setVisible };
}

const running = { id: 'a', kind: 'file' as const, name: 'a', way: 'out' as const, total: 9 };
const settle = () => new Promise((r) => setTimeout(r, 0));

describe('ScreenWakeLock', () => {
  it('holds the lock while a transfer runs and releases it after', async () => {
    const activity = new Activity();
    const { host, sentinels } = fakeHost();
    const lock = new ScreenWakeLock(activity, host);
    expect(lock.state).toBe('off');
    activity.report('file', [{ ...running, done: 1, state: 'active' }]);
    activity.report('file', [{ ...running, done: 2, state: 'active' }]);
    await settle();
    expect(lock.state).toBe('held');
    expect(sentinels).toHaveLength(1);
    activity.report('file', [{ ...running, done: 9, state: 'done' }]);
    await settle();
    expect(lock.state).toBe('off');
    expect(sentinels[0]!.released).toBe(true);
  });

  it('asks again when the page is visible again, while the transfer still runs', async () => {
    const activity = new Activity();
    const { host, sentinels, setVisible } = fakeHost();
    const lock = new ScreenWakeLock(activity, host);
    activity.report('file', [{ ...running, done: 1, state: 'active' }]);
    await settle();
    setVisible(false);
    await settle();
    expect(lock.state).toBe('off');
    expect(sentinels).toHaveLength(1);
    setVisible(true);
    await settle();
    expect(lock.state).toBe('held');
    expect(sentinels).toHaveLength(2);
  });

  it('says so when the browser refuses, and makes no claim without the API', async () => {
    const activity = new Activity();
    const refused = new ScreenWakeLock(activity, fakeHost(false).host);
    const absent = new ScreenWakeLock(activity, { ...fakeHost().host, request: undefined });
    activity.report('file', [{ ...running, done: 1, state: 'active' }]);
    await settle();
    expect(refused.state).toBe('refused');
    expect(absent.state).toBe('off');
    activity.report('file', []);
    await settle();
    expect(refused.state).toBe('off');
  });
});
