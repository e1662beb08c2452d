import { expect, fillNumber, test } from './fixtures';
import { expectDone, makeFile, pickFiles } from './files';
import { controlled, startLoopback } from './pwa';
import { chromiumOnlyStep } from './relay-pwa-ice';

test('during transfers the screen stays on and the title shows progress; one that ends out of sight is notified, if allowed', async ({
  page,
  context,
  browserName,
}) => {
  // Every title the page shows, every wake lock the browser grants and takes back, and every
  // notification permission the page asks for.
  await page.addInitScript(() => {
    const seen: string[] = [];
    const locks: string[] = [];
    const asked: string[] = [];
    Object.assign(window, { titles: seen, locks, asked });
    const title = Object.getOwnPropertyDescriptor(Document.prototype, 'title')!;
    Object.defineProperty(Document.prototype, 'title', {
      ...title,
      set(value: string) {
        seen.push(value);
        title.set!.call(this, value);
      },
    });
    const ask = Notification.requestPermission.bind(Notification);
    Notification.requestPermission = () => {
      asked.push('notifications');
      return ask();
    };
    const request = navigator.wakeLock?.request.bind(navigator.wakeLock);
    if (!request) return;
    navigator.wakeLock.request = async (type) => {
      const sentinel = await request(type);
      locks.push('held');
      sentinel.addEventListener('release', () => locks.push('released'));
      return sentinel;
    };
  });
  const seen = (what: 'titles' | 'locks' | 'asked') =>
    page.evaluate((w) => (window as unknown as Record<typeof w, string[]>)[w], what);
  await page.goto('/#/bulk');
  const toggle = page.getByLabel('Notify me when a transfer ends while this tab is hidden');

  await test.step('the screen stays on and the title shows progress during transfers, not after', async () => {
    await startLoopback(page);
    const note = page.getByText('The screen stays on during the transfer.');
    await expect(note).toHaveCount(0);
    await fillNumber(page.getByLabel('Size (MiB)'), '1024');
    await page.getByRole('button', { name: 'Start sending' }).click();
    await expect(note).toBeVisible();
    await expect(page).toHaveTitle(/^\d+% · Bulk data — dckit$/);
    await page.getByRole('button', { name: 'Stop sending' }).click();
    await expect(note).toHaveCount(0);
    await expect(page).toHaveTitle('dckit');
    expect(await seen('locks')).toEqual(['held', 'released']);

    await page.getByRole('link', { name: 'File' }).click();
    await startLoopback(page);
    // Large enough to take a few progress reports, small enough for a busy machine.
    const big = makeFile('big.bin', 2 * 1024 * 1024);
    await page.getByLabel('Choose files').setInputFiles(big.path);
    await expectDone(page, 'big.bin');
    await expect(page).toHaveTitle('dckit');
    await expect(note).toHaveCount(0);
    expect((await seen('titles')).some((t) => /^\d+% · big\.bin — dckit$/.test(t))).toBe(true);
    expect(await seen('locks')).toEqual(['held', 'released', 'held', 'released']);
  });

  // Last: granting a permission in Chromium refuses every other one, the screen wake lock's too.
  await chromiumOnlyStep(
    browserName,
    'the notification permission is asked for only when the setting is turned on',
    'Firefox under Playwright leaves a notification permission request unanswered (its prompt stays open: still pending after 5 s) instead of refusing it',
    async () => {
      await page.getByRole('link', { name: 'Settings' }).click();
      await expect(toggle).not.toBeChecked();
      expect(await seen('asked')).toEqual([]);
      // Playwright's Chromium turns a permission request down unless the test granted it.
      await toggle.click();
      await expect(page.getByText('The browser refused')).toBeVisible();
      await expect(toggle).not.toBeChecked();
      expect(await seen('asked')).toEqual(['notifications']);
      await context.grantPermissions(['notifications']);
      await toggle.click();
      await expect(page.getByText('Notifications are on.')).toBeVisible();
      await expect(toggle).toBeChecked();
      await page.reload();
      await expect(toggle).toBeChecked();
    },
  );

  await chromiumOnlyStep(
    browserName,
    'with the setting on, a transfer that ends while the tab is hidden is notified',
    'headless Firefox shows no notifications: ServiceWorkerRegistration.showNotification fails with NS_ERROR_FAILURE even with the permission granted',
    async () => {
      await page.getByRole('link', { name: 'File' }).click();
      await controlled(page);
      await startLoopback(page);
      const shown = () =>
        page.evaluate(async () => {
          const registration = await navigator.serviceWorker.getRegistration();
          return (await registration!.getNotifications()).map((n) => `${n.title}: ${n.body}`);
        });
      // In sight, nothing is notified.
      const inSight = makeFile('in-sight.bin', 4096);
      await pickFiles(page, [inSight]);
      await expectDone(page, 'in-sight.bin');
      // The tab goes out of sight (a headless page is always visible: the page is told otherwise).
      await page.evaluate(() => {
        Object.defineProperty(document, 'visibilityState', { get: () => 'hidden' });
        document.dispatchEvent(new Event('visibilitychange'));
      });
      const away = makeFile('while-away.bin', 4096);
      await pickFiles(page, [away]);
      await expectDone(page, 'while-away.bin');
      await expect.poll(shown).toEqual(['dckit: while-away.bin arrived.']);
    },
  );
});
