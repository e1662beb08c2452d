import { chromium, firefox, type Browser } from '@playwright/test';
// @ts-expect-error plain ESM module shared with the benchmarks
import { chromiumArgs, chromiumPath } from '../scripts/chromium.mjs';
// @ts-expect-error plain ESM module shared with the benchmarks
import { firefoxUse, firefoxUserPrefs } from '../scripts/firefox.mjs';
import { expect, test } from './fixtures';
import { pickerStatus } from './rooms';
import { removeCopy, serveCopy } from './static-app';

// The app opened over plain http from an address other than localhost (a LAN address, say): the
// browser withholds WebCrypto, so rooms cannot be sealed. The name below resolves to 127.0.0.1
// inside the test browser only, so it stays on this machine while the page is not "localhost".
const HOST = 'dckit.test';

function browserMapping(browserName: string): Promise<Browser> {
  if (browserName === 'firefox')
    return firefox.launch({
      ...firefoxUse.launchOptions,
      channel: firefoxUse.channel,
      firefoxUserPrefs: { ...firefoxUserPrefs, 'network.dns.localDomains': HOST },
    });
  return chromium.launch({
    executablePath: chromiumPath as string,
    args: [...(chromiumArgs as string[]), `--host-resolver-rules=MAP ${HOST} 127.0.0.1`],
  });
}

test('outside a secure context, rooms say they cannot be sealed before and at Create; loopback still connects', async ({
  browserName,
  servers,
}) => {
  const [app, browser] = await Promise.all([
    serveCopy(servers.appDir),
    browserMapping(browserName),
  ]);
  try {
    const page = await (await browser.newContext()).newPage();
    const url = new URL('/#/text', app.url);
    url.hostname = HOST;
    await page.goto(url.href);
    expect(await page.evaluate(() => window.isSecureContext)).toBe(false);
    await expect(page.getByRole('alert').first()).toContainText(
      'This page is not a secure context',
    );

    const why =
      'This page has no WebCrypto (it was opened over plain http from another address), so rooms cannot be sealed; open it over https. Loopback and the Relay tool still work.';
    const picker = page.locator('connection-picker');
    await page.getByRole('button', { name: 'Start', exact: true }).click();
    await expect(pickerStatus(page)).toHaveText('Connected: the data channel is open.');
    await page.getByRole('button', { name: 'Stop' }).click();
    await expect(picker.getByRole('note')).toHaveCount(0);

    await page.getByLabel('Room (other devices)').check();
    await expect(picker.getByRole('note')).toHaveText(why);
    await page.getByRole('button', { name: 'Create room' }).click();
    await expect(pickerStatus(page)).toHaveText('Not connected.');
    await expect(picker.getByRole('alert').filter({ hasText: 'WebCrypto' })).toHaveText(why);
  } finally {
    await Promise.allSettled([browser.close(), app.stop()]);
    removeCopy(app);
  }
});
