import { appendFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { PNG } from 'pngjs';
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

  test('once its service worker controls the page, the app loads and works offline', async ({
    page,
    context,
    browserName,
  }) => {
    await page.goto(`${app.url}#/text`);
    await controlled(page);
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

  test('a new version is offered once it waits, and not applied while a transfer runs', async ({
    page,
  }) => {
    await page.goto(`${app.url}#/bulk`);
    await controlled(page);
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
});

test('the manifest names the app, its icons and its share target', async ({ page }) => {
  await page.goto('/');
  await controlled(page);
  const manifest = await page.evaluate(async () => {
    const link = document.querySelector<HTMLLinkElement>('link[rel=manifest]')!;
    return { url: link.href, ...(await (await fetch(link.href)).json()) };
  });
  expect(manifest).toMatchObject({
    short_name: 'dckit',
    start_url: './',
    scope: './',
    display: 'standalone',
    share_target: {
      action: './share-target',
      method: 'POST',
      enctype: 'multipart/form-data',
      params: { title: 'title', text: 'text', url: 'url', files: [{ name: 'files' }] },
    },
  });
  const icons = manifest.icons as { src: string; sizes: string; purpose: string }[];
  for (const [size, purpose] of [
    [192, 'any'],
    [512, 'any'],
    [512, 'maskable'],
  ] as const) {
    const icon = icons.find((i) => i.sizes === `${size}x${size}` && i.purpose === purpose)!;
    const response = await page.request.get(new URL(icon.src, manifest.url).href);
    const png = PNG.sync.read(await response.body());
    expect([png.width, png.height]).toEqual([size, size]);
  }
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

test('with the service worker in control, signaling through /piping works as before', async ({
  page,
}) => {
  await page.goto('/#/text');
  await controlled(page);
  expect(await pipingThroughProxy(page)).toBe('through the proxy');
});

test('the service worker answers for the shell and never for /piping', async ({
  page,
  browserName,
}) => {
  test.skip(
    browserName === 'firefox',
    "Playwright's WebDriver BiDi backend does not say whether a service worker answered a request: Response.fromServiceWorker() is false in Firefox even for the shell served from the precache",
  );
  await page.goto('/#/text');
  await controlled(page);
  const shell = await page.reload();
  expect(shell!.fromServiceWorker()).toBe(true);
  const piping = (method: string) =>
    page.waitForResponse((r) => r.url().includes('/piping/') && r.request().method() === method);
  const [get, put, text] = await Promise.all([
    piping('GET'),
    piping('PUT'),
    pipingThroughProxy(page),
  ]);
  expect(text).toBe('through the proxy');
  expect([get.fromServiceWorker(), put.fromServiceWorker()]).toEqual([false, false]);
});

/** One piping-server transfer through /piping: a receiver's GET waits for the sender's PUT. */
function pipingThroughProxy(page: Page): Promise<string> {
  return page.evaluate(async () => {
    const path = `/piping/pwa-${Math.random().toString(36).slice(2)}`;
    const got = fetch(path, { cache: 'no-store' }).then((r) => r.text());
    await fetch(path, { method: 'PUT', body: 'through the proxy', cache: 'no-store' });
    return got;
  });
}
