import { msg, str } from '@lit/localize';
import type { Activity, TransferEnd } from './activity';

/** The words of a notification about a transfer that ended. */
export function endNotice(end: TransferEnd): string {
  const name = end.name;
  if (end.kind === 'bulk')
    return end.ok ? msg('The bulk run finished.') : msg('The bulk run stopped.');
  if (!end.ok) return msg(str`The transfer of ${name} stopped before the end.`);
  return end.way === 'in' ? msg(str`${name} arrived.`) : msg(str`${name} was delivered.`);
}

/**
 * While the tab is hidden, says in a system notification that a transfer ended (a file arrived,
 * was delivered, or stopped), if the user turned this on in Settings and the browser allows it.
 */
export function notifyWhenHidden(activity: Activity, enabled: () => Promise<boolean>): () => void {
  return activity.onEnd((end) => {
    if (document.visibilityState !== 'hidden') return;
    if (typeof Notification === 'undefined' || Notification.permission !== 'granted') return;
    // A browser without a notification service (headless, some kiosks) refuses: no matter.
    void enabled()
      .then((on) => (on ? show(end) : undefined))
      .catch(() => {});
  });
}

async function show(end: TransferEnd): Promise<void> {
  const options: NotificationOptions = { body: endNotice(end), tag: `dckit-${end.id}` };
  // Through the service worker where there is one: mobile browsers refuse `new Notification`.
  const registration = await navigator.serviceWorker?.getRegistration().catch(() => undefined);
  if (registration) await registration.showNotification('dckit', options);
  else new Notification('dckit', options);
}
