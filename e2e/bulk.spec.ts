import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { createRoom, device, pickerStatus, verificationCodeOf } from './rooms';

// Runs past the default high watermark (2048 KiB), so the sender waits on the channel's buffer
// draining, with a few chunks of 256 KiB to count.
const bytesOf = (mib: number) => (mib * 1024 * 1024).toLocaleString('en');
const doneText = (mib: number) =>
  `Done: sent ${bytesOf(mib)} bytes; the receiver counted ${bytesOf(mib)}.`;

// Copy as JSON is read back from the clipboard.
test.use({ permissions: ['clipboard-read', 'clipboard-write'] });

async function run(page: Page, mib: number, ordered: boolean) {
  await page.getByLabel('Size (MiB)').fill(String(mib));
  await page.getByLabel(ordered ? 'Ordered' : 'Unordered', { exact: true }).check();
  await page.getByRole('button', { name: 'Start sending' }).click();
}

test('Bulk: loopback runs ordered and unordered with exact counts and a summary, invalid sizes refused, Stop mid-run, then a two-browser room run', async ({
  page,
  browser,
  servers,
}) => {
  await page.goto('/#/bulk');
  await page.getByRole('button', { name: 'Start', exact: true }).click();
  await expect(pickerStatus(page)).toHaveText('Connected: the data channel is open.');

  // Two sizes, so the second run's status is not the first one's.
  for (const { ordered, mib } of [
    { ordered: true, mib: 4 },
    { ordered: false, mib: 3 },
  ]) {
    await test.step(`loopback ${ordered ? 'ordered' : 'unordered'} ${mib} MiB completes with exact counts and a summary`, async () => {
      await run(page, mib, ordered);
      await expect(page.getByText(doneText(mib))).toBeVisible({ timeout: 30_000 });
      await expect(page.getByRole('progressbar', { name: 'Received' })).toHaveAttribute(
        'aria-valuenow',
        '100',
      );
      // Bytes, time, throughput, send() calls (chunks of 256 KiB), time in send(), chunk,
      // watermarks, delivery, channels.
      await expect(page.getByRole('definition')).toHaveText([
        bytesOf(mib),
        /\S/,
        /^\d+\.\d MB\/s$/,
        String((mib * 1024) / 256),
        /\S/,
        '256 KiB',
        'high 2048 KiB, low 256 KiB',
        ordered ? 'ordered' : 'unordered',
        '1',
      ]);
      await expect(page.getByRole('img', { name: /^Bitrate chart: sending/ })).toBeVisible();
    });
  }

  await test.step('invalid sizes are refused with specific messages', async () => {
    const start = page.getByRole('button', { name: 'Start sending' });
    await expect(start).toBeEnabled();
    // A number out of range, an empty field and text: each message's wording for every refusal is
    // pinned by src/tools/bulk/bulk-size-messages.test.ts.
    for (const [input, message] of [
      ['0', '0 MiB is too small: the smallest run is 1 MiB.'],
      ['', 'Enter a size in MiB (a whole number from 1 to 1024).'],
      ['abc', '"abc" is not a number: enter a whole number of MiB from 1 to 1024.'],
    ]) {
      await page.getByLabel('Size (MiB)').fill(input);
      await expect(page.locator('#size-problem')).toHaveText(message);
      await expect(start).toBeDisabled();
      await expect(page.getByLabel('Size (MiB)')).toHaveAttribute('aria-invalid', 'true');
    }
    await page.getByLabel('Size (MiB)').fill('2');
    await expect(start).toBeEnabled();
    // Advanced watermarks are validated too.
    await page.getByText('Advanced').click();
    await page.getByLabel('High watermark (KiB)').fill('8192');
    await expect(page.locator('#size-problem')).toHaveText(/must be below 8192 KiB/);
    await expect(start).toBeDisabled();
    await page.getByLabel('High watermark (KiB)').fill('');
    await expect(start).toBeEnabled();
  });

  await test.step('Stop mid-run stops both ends, and Start works again', async () => {
    await run(page, 1024, true);
    await expect
      .poll(async () =>
        Number(
          await page.getByRole('progressbar', { name: 'Received' }).getAttribute('aria-valuenow'),
        ),
      )
      .toBeGreaterThan(0);
    await page.getByRole('button', { name: 'Stop sending' }).click();
    await expect(
      page.getByRole('status').filter({ hasText: 'You stopped the run.' }),
    ).toBeVisible();
    await expect(page.getByRole('button', { name: 'Start sending' })).toBeEnabled();
    await run(page, 1, true);
    await expect(page.getByText(doneText(1))).toBeVisible({ timeout: 30_000 });
  });

  await test.step('a sweep runs every cell of message size x high watermark, marks the best, and exports one CSV row per cell', async () => {
    await page.getByLabel('Size (MiB)').fill('1');
    await page.getByLabel('Ordered', { exact: true }).check();
    await page.getByRole('button', { name: 'Sweep settings' }).click();
    const sweep = page.getByRole('region', { name: 'Sweep' });
    await expect(sweep.getByRole('status')).toHaveText(
      /^Sweep done\. Best: \d+ KiB messages, a [\d,]+ KiB high watermark and [124] channel\(s\): [\d.]+ MB\/s\.$/,
      { timeout: 60_000 },
    );
    // 3 sizes x 4 marks x 1, 2 and 4 channels (a loopback's maxMessageSize is at least 256 KiB).
    const rows = sweep.getByRole('table', { name: 'Sweep results' }).locator('tbody tr');
    await expect(rows).toHaveCount(36);
    await expect(sweep.getByRole('cell', { name: 'best', exact: true })).toHaveCount(1);
    await sweep.getByText('CSV', { exact: true }).click();
    const csv = (await sweep.getByLabel('Sweep results as CSV').textContent())!.trim().split('\n');
    expect(csv[0]).toBe(
      'channels,message_KiB,high_watermark_KiB,low_watermark_KiB,bytes,seconds,MBps',
    );
    expect(csv).toHaveLength(37);
    for (const line of csv.slice(1)) {
      const [channels, chunk, high, low, bytes, , rate] = line.split(',').map(Number);
      expect([1, 2, 4]).toContain(channels);
      expect([16, 64, 256]).toContain(chunk);
      expect(high).toBeGreaterThanOrEqual(chunk!);
      expect(low).toBeLessThan(high!);
      expect(bytes).toBe(1024 * 1024);
      expect(rate).toBeGreaterThan(0);
    }
  });

  await test.step('the same page leaves loopback for a room: a two-browser room run completes', async () => {
    await page.getByRole('button', { name: 'Stop', exact: true }).click();
    await expect(pickerStatus(page)).toHaveText('Stopped. Press Start to connect again.');
    const link = await createRoom(page);
    const bob = await device(browser, servers.app);
    await bob.goto(link);
    await verificationCodeOf(bob);
    await verificationCodeOf(page);
    await run(page, 4, false);
    await expect(page.getByText(doneText(4))).toBeVisible({ timeout: 30_000 });
    await expect(bob.getByText(`Done: ${bytesOf(4)} bytes received.`)).toBeVisible();
    await page.getByRole('button', { name: 'Copy as JSON' }).click();
    const json = JSON.parse(await page.evaluate(() => navigator.clipboard.readText()));
    expect(json).toMatchObject({ bytes: 4 * 1024 * 1024, ordered: false, chunkSize: 262144 });
  });
});
