import type { Page } from '@playwright/test';
import { expect, test, fillNumber } from './fixtures';
import { createRoom, device, pickerStatus, verificationCodeOf } from './rooms';

async function startLoopback(page: Page) {
  await page.goto('/#/bulk');
  await page.getByRole('button', { name: 'Start', exact: true }).click();
  await expect(pickerStatus(page)).toHaveText('Connected: the data channel is open.');
}

async function run(page: Page, mib: number, ordered: boolean) {
  await fillNumber(page.getByLabel('Size (MiB)'), String(mib));
  await page.getByLabel(ordered ? 'Ordered' : 'Unordered', { exact: true }).check();
  await page.getByRole('button', { name: 'Start sending' }).click();
}

for (const ordered of [true, false]) {
  test(`loopback ${ordered ? 'ordered' : 'unordered'} 16 MiB completes with exact counts and a summary`, async ({
    page,
  }) => {
    await startLoopback(page);
    await run(page, 16, ordered);
    const bytes = (16 * 1024 * 1024).toLocaleString('en');
    await expect(
      page.getByText(`Done: sent ${bytes} bytes; the receiver counted ${bytes}.`),
    ).toBeVisible({
      timeout: 30_000,
    });
    await expect(page.getByRole('progressbar', { name: 'Received' })).toHaveAttribute(
      'aria-valuenow',
      '100',
    );
    const summary = page.getByRole('definition');
    await expect(summary.nth(0)).toHaveText(bytes);
    await expect(summary.nth(2)).toHaveText(/^\d+\.\d MB\/s$/);
    await expect(summary.nth(3)).toHaveText('64'); // 16 MiB / 256 KiB
    await expect(summary.nth(5)).toHaveText('256 KiB');
    await expect(summary.nth(6)).toHaveText('high 2048 KiB, low 256 KiB');
    await expect(summary.nth(7)).toHaveText(ordered ? 'ordered' : 'unordered');
    await expect(page.getByRole('img', { name: /^Bitrate chart: sending/ })).toBeVisible();
  });
}

test('invalid sizes are refused with specific messages', async ({ page }) => {
  await startLoopback(page);
  const start = page.getByRole('button', { name: 'Start sending' });
  await expect(start).toBeEnabled();
  for (const [input, message] of [
    ['0', '0 MiB is too small: the smallest run is 1 MiB.'],
    ['-1', '-1 MiB is too small: the smallest run is 1 MiB.'],
    ['1.5', '1.5 is not a whole number: sizes are whole MiB (1 to 1024).'],
    ['99999', '99999 MiB is too large: the largest run is 1024 MiB (1 GiB).'],
    ['', 'Enter a size in MiB (a whole number from 1 to 1024).'],
    ['abc', '"abc" is not a number: enter a whole number of MiB from 1 to 1024.'],
  ]) {
    await fillNumber(page.getByLabel('Size (MiB)'), input);
    await expect(page.locator('#size-problem')).toHaveText(message);
    await expect(start).toBeDisabled();
    await expect(page.getByLabel('Size (MiB)')).toHaveAttribute('aria-invalid', 'true');
  }
  await fillNumber(page.getByLabel('Size (MiB)'), '2');
  await expect(start).toBeEnabled();
  // Advanced watermarks are validated too.
  await page.getByText('Advanced').click();
  await fillNumber(page.getByLabel('High watermark (KiB)'), '8192');
  await expect(page.locator('#size-problem')).toHaveText(/must be below 8192 KiB/);
  await expect(start).toBeDisabled();
  await fillNumber(page.getByLabel('High watermark (KiB)'), '');
  await expect(start).toBeEnabled();
});

test('Stop mid-run stops both ends, and Start works again', async ({ page }) => {
  await startLoopback(page);
  await run(page, 1024, true);
  await expect
    .poll(async () =>
      Number(
        await page.getByRole('progressbar', { name: 'Received' }).getAttribute('aria-valuenow'),
      ),
    )
    .toBeGreaterThan(0);
  await page.getByRole('button', { name: 'Stop sending' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'You stopped the run.' })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Start sending' })).toBeEnabled();
  await run(page, 4, true);
  const bytes = (4 * 1024 * 1024).toLocaleString('en');
  await expect(
    page.getByText(`Done: sent ${bytes} bytes; the receiver counted ${bytes}.`),
  ).toBeVisible({
    timeout: 30_000,
  });
});

test('a two-browser room run completes', async ({ browser, servers }) => {
  const alice = await device(browser, servers.app);
  const bob = await device(browser, servers.app);
  await alice.goto('/#/bulk');
  const link = await createRoom(alice);
  await bob.goto(link);
  await verificationCodeOf(bob);
  await verificationCodeOf(alice);
  await run(alice, 8, false);
  const bytes = (8 * 1024 * 1024).toLocaleString('en');
  await expect(
    alice.getByText(`Done: sent ${bytes} bytes; the receiver counted ${bytes}.`),
  ).toBeVisible({
    timeout: 30_000,
  });
  await expect(bob.getByText(`Done: ${bytes} bytes received.`)).toBeVisible();
  await alice.getByRole('button', { name: 'Copy as JSON' }).click();
  const json = JSON.parse(await alice.evaluate(() => navigator.clipboard.readText()));
  expect(json).toMatchObject({ bytes: 8 * 1024 * 1024, ordered: false, chunkSize: 262144 });
});
