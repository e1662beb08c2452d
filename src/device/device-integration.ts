import { loadSettings } from '../store/settings';
import { activity } from './activity';
import { titleFollows } from './page-title';
import { notifyWhenHidden } from './transfer-notices';
import { updates } from './updates';
import { ScreenWakeLock, browserWakeLockHost } from './wake-lock';

let wakeLock: ScreenWakeLock | null = null;

/**
 * Ties the page to the device once: the screen wake lock, the title and the notifications
 * follow the running transfers, and the service worker is registered for offline use and
 * updates. Returns the wake lock, whose state the page shows.
 */
export function startDeviceIntegration(): ScreenWakeLock {
  if (wakeLock) return wakeLock;
  wakeLock = new ScreenWakeLock(activity, browserWakeLockHost());
  titleFollows(activity);
  notifyWhenHidden(activity, async () => (await loadSettings()).notifyWhenHidden);
  updates.start();
  return wakeLock;
}
