import type { Page } from '@playwright/test';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { makeFile, storedFiles } from './files';
import { expect, test, fillNumber } from './fixtures';
import { sh } from './processes';
import { tempDir } from './temp';

const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');
const work = () => tempDir('relay');

async function receiveCommand(page: Page) {
  return (await page.getByLabel('Command to receive').textContent())!;
}

function sendUrl(page: Page) {
  return page
    .getByLabel('Command to send', { exact: true })
    .textContent()
    .then((c) => c!.split(' ')[3]);
}

test('page -> curl: text, with the exact command the page shows', async ({ page, servers }) => {
  await page.goto('/#/relay');
  await page.getByLabel('Text to send').fill('hello from the page ✓\n');
  const command = await receiveCommand(page);
  expect(command).toMatch(new RegExp(`^curl ${servers.app}piping/[a-z0-9]{12}$`));
  await page.getByRole('button', { name: 'Send', exact: true }).click();
  await expect(page.getByRole('status')).toHaveText(/Waiting for the receiver|Connecting/);
  const curl = await sh(command, work()).done;
  expect(curl.code).toBe(0);
  expect(curl.stdout.toString()).toBe('hello from the page ✓\n');
  await expect(page.getByRole('status')).toHaveText('Sent: every receiver got it all.');
  await expect(page.getByRole('progressbar', { name: 'Uploading' })).toHaveAttribute(
    'aria-valuenow',
    '100',
  );
});

test('page -> curl: a binary file, hash compared', async ({ page }) => {
  await page.goto('/#/relay');
  const f = makeFile('photo.raw', 3 * 1024 * 1024 + 7);
  await page.getByLabel('File', { exact: true }).check();
  await page.getByLabel('File to send').setInputFiles(f.path);
  const command = await receiveCommand(page);
  expect(command).toMatch(/ > photo\.raw$/);
  await page.getByRole('button', { name: 'Send', exact: true }).click();
  const dir = work();
  const curl = await sh(command, dir).done;
  expect(curl.code).toBe(0);
  expect(sha(readFileSync(join(dir, 'photo.raw')))).toBe(f.sha256);
  await expect(page.getByRole('status')).toHaveText('Sent: every receiver got it all.');
});

test('curl -> page: text shows as text', async ({ page }) => {
  await page.goto('/#/relay');
  await page.getByLabel('Path to receive from').fill('greeting-' + Date.now());
  const url = await sendUrl(page);
  const curl = sh(`echo 'hi from curl <b>bold</b>' | curl -sS -T - ${url}`, work());
  await page.getByRole('button', { name: 'Receive', exact: true }).click();
  await expect(page.getByLabel('Received text')).toHaveText('hi from curl <b>bold</b>\n');
  await expect(page.locator('b')).toHaveCount(0);
  expect((await curl.done).code).toBe(0);
});

test('curl -> page: a binary file, streamed to storage, hash compared', async ({ page }) => {
  await page.goto('/#/relay');
  const f = makeFile('data.bin', 20 * 1024 * 1024 + 3);
  await page.getByLabel('Path to receive from').fill('bin-' + Date.now());
  const url = await sendUrl(page);
  const curl = sh(`curl -sS -T '${f.path}' ${url}`, work());
  await page.getByRole('button', { name: 'Receive', exact: true }).click();
  await expect(page.getByRole('link', { name: 'Download received file' })).toBeVisible({
    timeout: 30_000,
  });
  await expect(page.getByLabel('Received text')).toHaveCount(0);
  await page.getByLabel('Save as').fill('data.bin');
  const [dl] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('link', { name: 'Download received file' }).click(),
  ]);
  expect(dl.suggestedFilename()).toBe('data.bin');
  expect(sha(readFileSync(await dl.path()))).toBe(f.sha256);
  expect((await curl.done).code).toBe(0);
  // It is also listed with the other received files.
  await expect(
    page.getByRole('list', { name: 'Received files' }).getByRole('listitem'),
  ).toHaveCount(1);
});

test('?n=2 reaches two curl receivers', async ({ page }) => {
  await page.goto('/#/relay');
  await page.getByLabel('Text to send').fill('for both of you');
  await fillNumber(page.getByLabel('Receivers').first(), '2');
  const command = await receiveCommand(page);
  expect(command).toMatch(/\?n=2$/);
  await page.getByRole('button', { name: 'Send', exact: true }).click();
  await expect(page.getByRole('status')).toHaveText(
    /Waiting until all 2 receivers have connected|Waiting for the receiver/,
  );
  const [a, b] = await Promise.all([sh(command, work()).done, sh(command, work()).done]);
  expect(a.stdout.toString()).toBe('for both of you');
  expect(b.stdout.toString()).toBe('for both of you');
  await expect(page.getByRole('status')).toHaveText('Sent: every receiver got it all.');
});

test('an n mismatch and a busy path get their messages', async ({ page }) => {
  await page.goto('/#/relay');
  const path = 'busy-' + Date.now();
  await page.getByLabel('Path to receive from').fill(path);
  const url = await sendUrl(page);
  const sender = sh(`echo two | curl -sS -T - '${url}?n=2'`, work());
  await expect.poll(async () => (await fetch(url.replace(/\/[^/]+$/, '/version'))).ok).toBe(true);
  // The page receives with n=1 while the sender said n=2.
  await page.waitForTimeout(300); // let curl's PUT reach the server first
  await page.getByRole('button', { name: 'Receive', exact: true }).click();
  await expect(page.getByRole('alert').filter({ hasText: 'refused' })).toHaveText(/HTTP 400/);
  // The page sends on the same path: the server says it is busy.
  await page.getByLabel('Path', { exact: true }).fill(path);
  await page.getByLabel('Text to send').fill('me too');
  await page.getByRole('button', { name: 'Send', exact: true }).click();
  await expect(page.getByRole('alert').filter({ hasText: 'refused the transfer' })).toHaveText(
    /HTTP 400/,
  );
  sender.stop();
});

test('Cancel mid-transfer stops receiving and removes the partial file', async ({ page }) => {
  // A long transfer at a bounded rate: the proxy it crosses also serves the other tests.
  await page.goto('/#/relay');
  await page.getByLabel('Path to receive from').fill('long-' + Date.now());
  const url = await sendUrl(page);
  const curl = sh(`head -c 500000000 /dev/zero | curl -sS --limit-rate 10M -T - ${url}`, work());
  await page.getByRole('button', { name: 'Receive', exact: true }).click();
  await expect(page.getByText(/bytes so far/)).toBeVisible();
  await expect
    .poll(async () =>
      Number((await page.getByText(/bytes so far/).textContent())!.replace(/\D/g, '')),
    )
    .toBeGreaterThan(1_000_000);
  await page.getByRole('button', { name: 'Cancel receiving' }).click();
  await expect(page.getByRole('alert')).toHaveText('Cancelled: the partial download was removed.');
  await expect.poll(() => storedFiles(page)).toEqual([]);
  curl.stop();
});
