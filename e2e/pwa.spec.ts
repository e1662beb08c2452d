import { appendFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { expect, fillNumber, test } from './fixtures';
import { controlled, message, startLoopback } from './pwa';
import { removeCopy, serveCopy, type StaticApp } from './static-app';
import { tempDir } from './temp';

test.describe('with a copy of the app on a server of its own', () => {
  let app: StaticApp;
  test.beforeEach(async ({ servers }) => {
    app = await serveCopy(servers.appDir);
  });
  test.afterEach(async () => {
    await app.stop();
    removeCopy(app);
  });

  test('a new version waits for transfers to end, and the app works offline', async ({
    page,
    context,
    browserName,
  }) => {
    await page.goto(`${app.url}#/bulk`);
    await controlled(page);

    await test.step('a new version is offered once it waits, and not applied while a transfer runs', async () => {
      const prompt = page.getByRole('button', { name: 'Reload to update' });
      await expect(prompt).toHaveCount(0);

      const waitingWorker = () =>
        page.evaluate(async () => {
          const registration = await navigator.serviceWorker.getRegistration();
          return registration?.waiting?.state ?? null;
        });

      // A new build: one byte more in the service worker.
      appendFileSync(join(app.dir, 'sw.js'), '\n');
      await page.evaluate(async () => (await navigator.serviceWorker.getRegistration())!.update());
      await expect(page.getByText('A new version of dckit is ready.')).toBeVisible();
      await expect(prompt).toBeEnabled();

      // A transfer starts: the update waits for its end.
      await startLoopback(page);
      await fillNumber(page.getByLabel('Size (MiB)'), '1024');
      await page.getByRole('button', { name: 'Start sending' }).click();
      await expect(page.getByRole('button', { name: 'Stop sending' })).toBeEnabled();
      await expect(page.getByText('It will be offered when the transfer ends')).toBeVisible();
      await expect(prompt).toBeDisabled();
      expect(await waitingWorker()).toBe('installed');

      await page.getByRole('button', { name: 'Stop sending' }).click();
      await expect(prompt).toBeEnabled();
      await expect(page.getByText('It will be offered when the transfer ends')).toHaveCount(0);
      // Still waiting: only the button applies it.
      expect(await waitingWorker()).toBe('installed');

      await page.evaluate(() => ((window as { before?: boolean }).before = true));
      await prompt.click();
      await page.waitForFunction(() => !(window as { before?: boolean }).before);
      await controlled(page);
      expect(await waitingWorker()).toBeNull();
      await expect(page.getByRole('heading', { name: 'Bulk data' })).toBeAttached();
      await expect(prompt).toHaveCount(0);
    });

    await test.step('once its service worker controls the page, the app loads and works offline', async () => {
      await page.getByRole('link', { name: 'Text', exact: true }).click();
      await expect(page).toHaveURL(/#\/text$/);
      // Offline, and the server gone too: Firefox lets a service worker's own fetches through
      // the offline emulation, so only a missing server proves the shell came from the cache.
      await context.setOffline(true);
      await app.stop();
      await page.reload();
      await expect(page.getByRole('heading', { name: 'Text' })).toBeAttached();
      expect(await page.evaluate(() => navigator.serviceWorker.controller !== null)).toBe(true);
      if (browserName === 'chromium') {
        // Chromium's offline emulation cuts WebRTC too, even between two peers in one page (a
        // loopback pair's channel never opens), which no real loss of network does. HTTP stays
        // cut: every request the page or its service worker sends now fails.
        await context.route('**/*', (route) => route.abort('internetdisconnected'));
        await context.setOffline(false);
      }
      await startLoopback(page);
      await message(page).fill('offline hello');
      await page.getByRole('button', { name: 'Send' }).click();
      await expect(
        page.getByRole('log', { name: 'Received messages' }).getByRole('listitem'),
      ).toHaveText(['offline hello']);
      await context.setOffline(false);
    });
  });
});

test('Chromium finds the app installable', async ({ browserName, playwright, servers }) => {
  test.skip(
    browserName !== 'chromium',
    'Firefox has no installability report: Page.getInstallabilityErrors is a Chrome DevTools Protocol command, and Playwright drives Firefox over WebDriver BiDi',
  );
  // Chromium calls every off-the-record profile (each Playwright context is one) not
  // installable: the check runs in a profile on disk.
  const profile = tempDir('profile');
  const context = await playwright.chromium.launchPersistentContext(profile, {
    ...test.info().project.use.launchOptions,
  });
  try {
    const installed = context.pages()[0] ?? (await context.newPage());
    await installed.goto(servers.app);
    await controlled(installed);
    const cdp = await context.newCDPSession(installed);
    const { installabilityErrors } = await cdp.send('Page.getInstallabilityErrors');
    expect(installabilityErrors).toEqual([]);
    const { url, errors } = await cdp.send('Page.getAppManifest');
    expect([new URL(url).pathname, errors]).toEqual(['/manifest.webmanifest', []]);
  } finally {
    await context.close();
    rmSync(profile, { recursive: true, force: true });
  }
});
