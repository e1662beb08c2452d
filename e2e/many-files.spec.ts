import { chromium, type Browser, type Page } from '@playwright/test';
import { randomBytes } from 'node:crypto';
import { copyFileSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
// @ts-expect-error plain ESM module shared with the benchmarks
import { chromiumArgs, chromiumPath } from '../scripts/chromium.mjs';
import { expect, test as base } from './fixtures';
import { reachPercent, treeOf } from './files';
import { sh } from './processes';
import { connectRoom, device, saveSettings } from './rooms';
import { tempDir } from './temp';

// A folder goes as one transfer (a batch): its files packed several to a message on one channel,
// stored one after another, recorded in groups. Only Chromium can be given a folder here
// (Playwright's WebDriver BiDi driver cannot set a folder on a file input), so Chromium sends
// and the project's browser receives.
const test = base.extend<object, { chromiumBrowser: Browser }>({
  chromiumBrowser: [
    async ({ browserName, browser }, use) => {
      if (browserName === 'chromium') return use(browser);
      const other = await chromium.launch({ executablePath: chromiumPath, args: chromiumArgs });
      await use(other);
      await other.close();
    },
    { scope: 'worker' },
  ],
});

/** `count` files of `size` bytes in folders of 100, and one empty folder, under `name`. */
function makeFolder(count: number, size: number): { root: string; name: string; bytes: number } {
  const name = `tree ${Date.now() % 100000}`;
  const root = join(tempDir('many'), name);
  for (let i = 0; i < count; i++) {
    const sub = join(root, `d${Math.floor(i / 100)}`);
    if (i % 100 === 0) mkdirSync(sub, { recursive: true });
    writeFileSync(join(sub, `f${i}.bin`), randomBytes(size));
  }
  mkdirSync(join(root, 'empty'));
  return { root, name, bytes: count * size };
}

const rows = (page: Page, list: string) =>
  page.getByRole('list', { name: list }).getByRole('listitem');

test('a folder of 1,000 files crosses a room as one transfer; its zip unpacks to the same tree', async ({
  browser,
  chromiumBrowser,
  servers,
}) => {
  const alice = await device(chromiumBrowser, servers.app);
  const bob = await device(browser, servers.app);
  await connectRoom(alice, bob);
  await bob.getByLabel('Ask before accepting incoming files').uncheck();
  // More files than the list shows at once.
  const { root, name } = makeFolder(1000, 1024);

  await alice.getByLabel('Choose a folder').setInputFiles(root);
  const row = rows(bob, 'Incoming files');
  await expect(row).toHaveCount(1);
  await expect(row).toHaveAttribute('data-state', 'done', { timeout: 60_000 });
  await expect(row).toContainText(`${name}/`);
  await expect(row).toContainText('All 1,000 files received and verified (SHA-256).');
  await expect(rows(alice, 'Outgoing files')).toContainText(
    'All 1,000 files delivered and verified (SHA-256).',
  );
  // The list shows a page of rows at a time.
  await expect(bob.getByText('200 of 1,000 files shown.')).toBeVisible();

  const [zip] = await Promise.all([
    bob.waitForEvent('download'),
    bob.getByRole('button', { name: `Download the folder ${name} as zip` }).click(),
  ]);
  const dir = tempDir('many-zip');
  copyFileSync(await zip.path(), join(dir, 'folder.zip'));
  const unzip = await sh('unzip -q folder.zip -d out', dir).done;
  expect(unzip.stderr).toBe('');
  expect(unzip.code).toBe(0);
  // A folder input lists files only: the empty folder does not come this way.
  const expected = treeOf(join(root, '..'));
  delete expected[`${name}/empty/`];
  expect(treeOf(join(dir, 'out'))).toEqual(expected);
});

test('a folder cut at half way resumes after the files already received', async ({
  browserName,
  page,
}) => {
  test.skip(
    browserName === 'firefox',
    "Playwright's WebDriver BiDi driver cannot set a folder on a file input, and loopback needs the sender in the same page.",
  );
  // 1 MB/s: the 400 files (6.5 MB) take about 6.5 s, so the cut lands mid-folder.
  await saveSettings(page, { speedLimitMB: 1 });
  await page.goto('/#/file');
  await page.getByRole('button', { name: 'Start', exact: true }).click();
  await expect(page.getByRole('status').first()).toHaveText('Connected: the data channel is open.');
  const { root, name } = makeFolder(400, 16 * 1024);
  await page.getByLabel('Choose a folder').setInputFiles(root);
  await reachPercent(page, `Receiving ${name}/`, 50);
  // The files verified so far are listed while the folder still arrives; their links wait for
  // the end (the pack they are written to cannot be read before).
  const received = page.getByRole('list', { name: 'Received files' });
  const waiting = received.getByText('Verified; its link comes when the transfer ends.');
  await expect(waiting.first()).toBeVisible();
  await expect(rows(page, 'Incoming files')).toHaveAttribute('data-state', 'receiving');
  expect(await received.getByRole('link').count()).toBe(0);
  await page.getByRole('button', { name: 'Stop' }).click();
  await expect(rows(page, 'Outgoing files')).toHaveAttribute('data-state', 'interrupted');
  await expect(rows(page, 'Incoming files')).toContainText(
    'Interrupted: the connection closed. The files received are kept',
  );
  // Cut: the pack is closed, and the files it holds can be downloaded.
  await expect(waiting).toHaveCount(0);
  await expect(received.getByRole('link', { name: /^Download f\d+\.bin$/ }).first()).toBeVisible();

  // Connected again, the folder goes on by itself from the first file missing.
  await page.getByRole('button', { name: 'Start', exact: true }).click();
  const row = rows(page, 'Incoming files');
  await expect(row).toHaveAttribute('data-state', 'done', { timeout: 30_000 });
  await expect(row).toContainText('All 400 files received and verified (SHA-256).');
  // The receiver asked for the files from the first one it lacked: those before it never went
  // again (the sender begins at that file, as its unit tests prove).
  const resumed = (await row.textContent())!.match(
    /Resumed: (\d+) files (and [\d.]+ [kM]?B of the next )?were already here/,
  );
  expect(Number(resumed?.[1])).toBeGreaterThanOrEqual(150);
  await expect(rows(page, 'Outgoing files')).toContainText(
    'All 400 files delivered and verified (SHA-256).',
  );
  await expect(page.getByText('200 of 400 files shown.')).toBeVisible();
});
