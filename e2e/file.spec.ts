import { createHash } from 'node:crypto';
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';
import {
  download,
  expectDone,
  incoming,
  makeFile,
  outgoing,
  pickFiles,
  storedFiles,
} from './files';
import { watchSentBytes } from './sent-bytes';
import { saveSettings } from './rooms';

async function startLoopback(page: Page) {
  await page.goto('/#/file');
  await page.getByRole('button', { name: 'Start' }).click();
  await expect(page.getByRole('status').first()).toHaveText('Connected: the data channel is open.');
}

test('a queue of files of edge sizes arrives byte-identical over loopback', async ({ page }) => {
  await startLoopback(page);
  const files = [
    makeFile('empty.bin', 0),
    makeFile('one.bin', 1),
    makeFile('chunk.bin', 16 * 1024),
    makeFile('chunk-plus-one.bin', 16 * 1024 + 1),
    makeFile('big.bin', 12 * 1024 * 1024 + 123),
  ];
  await pickFiles(page, files);
  await expect(outgoing(page, 'empty.bin')).toContainText(
    '"empty.bin" is empty (0 bytes): there is nothing to send.',
  );
  for (const f of files.slice(1)) await expectDone(page, f.name);
  // Speeds are rounded, even below 1000 B/s (a 1-byte file).
  for (const f of files.slice(1)) {
    await expect(incoming(page, f.name)).toContainText(/ (\d+ B|\d+\.\d [kMG]B)\/s average\./);
  }
  await expect(outgoing(page, 'big.bin')).toHaveAttribute('data-state', 'done');
  await expect(outgoing(page, 'big.bin')).toContainText('Delivered and verified (SHA-256).');
  await expect(incoming(page, 'empty.bin')).toHaveCount(0);
  for (const f of files.slice(1)) {
    const got = await download(page, f.name);
    expect(got).toEqual({ name: f.name, sha256: f.sha256 });
  }
  const bar = page.getByRole('progressbar', { name: 'Receiving big.bin' });
  await expect(bar).toHaveAttribute('aria-valuenow', '100');
  await expect(
    page.getByText(
      /Receiving:\s+[\d.]+ Mbit\/s now · average\s+[\d.]+ Mbit\/s · peak\s+[\d.]+ Mbit\/s/,
    ),
  ).toBeVisible();
});

test('with 256 KiB messages and 1 MB/s chosen in Settings, a file goes in messages of that size, no faster', async ({
  page,
}) => {
  await page.goto('/#/settings');
  const size = page.getByLabel('File message size');
  await expect(size).toHaveValue('16');
  await size.selectOption('256');
  const limit = page.getByLabel('File speed limit');
  await expect(limit).toHaveValue('0');
  await limit.selectOption('1');
  await page.getByRole('button', { name: 'Save' }).click();
  await expect(page.getByText('Saved.')).toBeVisible();
  // Counts what the page and its workers send from the next load on.
  const sent = await watchSentBytes(page);
  await page.reload();
  await expect(page.getByLabel('File message size')).toHaveValue('256');
  await expect(page.getByLabel('File speed limit')).toHaveValue('1');
  await startLoopback(page);
  const file = makeFile('large-messages.bin', 3 * 1024 * 1024 + 5);
  const began = Date.now();
  await pickFiles(page, [file]);
  await expectDone(page, file.name);
  // 3.1 MB at 1 MB/s, a tenth of a second's worth at once: three seconds at the least (a lower
  // bound only: a busy machine makes it longer, never shorter).
  expect(Date.now() - began).toBeGreaterThanOrEqual(2900);
  expect(await download(page, file.name)).toEqual({ name: file.name, sha256: file.sha256 });
  expect(await sent.largest()).toBe(256 * 1024);
  expect(await sent.total()).toBe(file.size);
});

test('the sender aborts mid-transfer: both sides say so and the partial file is removed', async ({
  page,
}) => {
  // Under the 1 MB/s limit, 8 MiB is still going when the abort comes.
  await saveSettings(page, { speedLimitMB: 1 });
  await startLoopback(page);
  const big = makeFile('big.bin', 8 * 1024 * 1024);
  await pickFiles(page, [big]);
  await expect(incoming(page, 'big.bin')).toHaveAttribute('data-state', 'receiving');
  await expect
    .poll(async () =>
      Number(
        await page
          .getByRole('progressbar', { name: 'Receiving big.bin' })
          .getAttribute('aria-valuenow'),
      ),
    )
    .toBeGreaterThan(0);
  await page.getByRole('button', { name: 'Abort big.bin' }).first().click();
  await expect(outgoing(page, 'big.bin')).toContainText('You aborted the transfer.');
  await expect(incoming(page, 'big.bin')).toContainText('The sender aborted the transfer.');
  await expect.poll(() => storedFiles(page)).toEqual([]);
  // The channel still works: the next file goes through.
  const next = makeFile('after.bin', 1000);
  await pickFiles(page, [next]);
  await expectDone(page, 'after.bin');
  expect(await download(page, 'after.bin')).toEqual({ name: 'after.bin', sha256: next.sha256 });
});

test('the receiver aborts mid-transfer: both sides say so', async ({ page }) => {
  await saveSettings(page, { speedLimitMB: 1 });
  await startLoopback(page);
  const big = makeFile('big2.bin', 8 * 1024 * 1024);
  await pickFiles(page, [big]);
  await expect(incoming(page, 'big2.bin')).toHaveAttribute('data-state', 'receiving');
  await incoming(page, 'big2.bin').getByRole('button', { name: 'Abort big2.bin' }).click();
  await expect(incoming(page, 'big2.bin')).toContainText('You aborted the transfer.');
  await expect(outgoing(page, 'big2.bin')).toContainText('The receiver aborted the transfer.');
  await expect.poll(() => storedFiles(page)).toEqual([]);
});

test('a hostile file name shows as text and downloads under a safe name', async ({ page }) => {
  await startLoopback(page);
  const name = '<img src=x onerror="window.pwned=1">.html';
  const f = makeFile(name, 2048);
  await pickFiles(page, [f]);
  await expectDone(page, name);
  await expect(incoming(page, name).locator('.name')).toHaveText(name);
  expect(await page.evaluate(() => (window as { pwned?: number }).pwned)).toBeUndefined();
  await expect(page.locator('img')).toHaveCount(0);
  const safe = '_img src=x onerror=_window.pwned=1__.html';
  const got = await download(page, safe);
  expect(got).toEqual({ name: safe, sha256: f.sha256 });
});

test('a received file is still listed and downloadable after a reload, until deleted', async ({
  page,
}) => {
  await startLoopback(page);
  const f = makeFile('keep.bin', 100_000);
  await pickFiles(page, [f]);
  await expectDone(page, 'keep.bin');
  await page.reload();
  const list = page.getByRole('list', { name: 'Received files' });
  await expect(list.getByRole('listitem').filter({ hasText: 'keep.bin' })).toBeVisible();
  expect(await download(page, 'keep.bin')).toEqual({ name: 'keep.bin', sha256: f.sha256 });
  await page.getByRole('button', { name: 'Delete keep.bin' }).click();
  await expect(page.getByText('Nothing received yet.')).toBeVisible();
  expect(await storedFiles(page)).toEqual([]);
});

test('each received file keeps its own row, and a name with a slash downloads whole', async ({
  page,
}) => {
  await startLoopback(page);
  const first = makeFile('first.bin', 3000);
  await pickFiles(page, [first]);
  await expectDone(page, 'first.bin');
  const received = page.getByRole('list', { name: 'Received files' }).getByRole('listitem');
  const firstRow = await received.filter({ hasText: 'first.bin' }).elementHandle();
  // A name no file on disk can have: picked through the page, as a remote peer could send it.
  await page.getByLabel('Choose files').evaluate((input: HTMLInputElement) => {
    const files = new DataTransfer();
    files.items.add(new File(['slash'], 'a</b>.bin'));
    input.files = files.files;
    input.dispatchEvent(new Event('change', { bubbles: true }));
  });
  await expectDone(page, 'a</b>.bin');
  await expect(received).toHaveCount(2);
  // The new file is listed first; the row that showed first.bin still shows it.
  expect(await firstRow!.evaluate((li) => li.querySelector('.name')?.textContent)).toBe(
    'first.bin',
  );
  const got = await download(page, 'a__b_.bin');
  expect(got.name).toBe('a__b_.bin');
  expect(got.sha256).toBe(createHash('sha256').update('slash').digest('hex'));
});
