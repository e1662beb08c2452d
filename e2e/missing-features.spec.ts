import { firefox } from '@playwright/test';
// @ts-expect-error plain ESM module shared with the benchmarks
import { firefoxUse, firefoxUserPrefs } from '../scripts/firefox.mjs';
import { expect, test } from './fixtures';
import { incoming, makeFile, outgoing, pickFiles } from './files';
import { sh } from './processes';
import { tempDir } from './temp';

// Firefox with file storage (OPFS) and service workers turned off, as some companies set it (its
// private windows lack service workers too): each place that needs one says so before anything
// is tried, a file offered is declined with that cause on both sides, and what needs neither
// (sending, the Relay tool's sending) still works.
test('without file storage or service workers, the page says so where it matters, and still sends', async ({
  browserName,
  servers,
}) => {
  test.skip(
    browserName !== 'firefox',
    'Chromium has no setting that turns off OPFS or service workers (Firefox has dom.fs.enabled and dom.serviceWorkers.enabled)',
  );
  const browser = await firefox.launch({
    ...firefoxUse.launchOptions,
    channel: firefoxUse.channel,
    firefoxUserPrefs: {
      ...firefoxUserPrefs,
      'dom.fs.enabled': false,
      'dom.serviceWorkers.enabled': false,
    },
  });
  try {
    const page = await (await browser.newContext({ baseURL: servers.app })).newPage();
    const noStorage =
      'This browser gives this page no file storage (the Origin Private File System is missing or turned off), so files cannot be received here; sending still works.';
    await page.goto('/#/file');
    expect(await page.evaluate(() => typeof navigator.storage.getDirectory)).toBe('undefined');
    const receivePane = page.getByRole('region', { name: 'Receive' });
    await expect(receivePane.getByRole('note')).toHaveText(noStorage);

    await test.step('a file offered is declined at once, with the cause on both sides', async () => {
      await page.getByRole('button', { name: 'Start', exact: true }).click();
      await expect(page.getByRole('status').first()).toHaveText(
        'Connected: the data channel is open.',
      );
      await pickFiles(page, [makeFile('kept-out.bin', 1000)]);
      for (const row of [incoming(page, 'kept-out.bin'), outgoing(page, 'kept-out.bin')]) {
        await expect(row).toHaveAttribute('data-state', 'declined');
        await expect(row).toContainText(`The file could not be stored: ${noStorage}`);
      }
    });

    await test.step('files sent together fail with the cause named on the receiving side', async () => {
      await pickFiles(
        page,
        Array.from({ length: 21 }, (_, i) => makeFile(`together-${i}.bin`, 100)),
      );
      await expect(incoming(page, '21 files')).toContainText(
        `0 of 21 files. Storing the files failed: ${noStorage}`,
      );
      await expect(outgoing(page, '21 files')).toContainText(
        'The receiver could not store the files, so it stopped.',
      );
    });

    await test.step('the Relay tool says so where it receives, and still sends', async () => {
      await page.goto('/#/relay');
      await expect(page.getByRole('region', { name: 'Receive' }).getByRole('note')).toHaveText(
        noStorage,
      );
      await page.getByLabel('Text to send').fill('sent without storage\n');
      const command = (await page.getByLabel('Command to receive').textContent())!;
      await page.getByRole('button', { name: 'Send', exact: true }).click();
      const curl = await sh(command, tempDir('no-storage')).done;
      expect(curl.stdout.toString()).toBe('sent without storage\n');
    });

    await test.step('Settings says the page cannot work offline here', async () => {
      await page.goto('/#/settings');
      expect(await page.evaluate(() => 'serviceWorker' in navigator)).toBe(false);
      await expect(page.getByRole('note')).toHaveText(
        'This browser runs no service workers for this page (a private window, or turned off), so dckit cannot be installed, work offline or take files shared from other apps here; everything else works.',
      );
    });
  } finally {
    await browser.close();
  }
});
