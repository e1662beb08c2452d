import type { Page } from '@playwright/test';
import { leftoverEnglish } from './english-scan';
import { makeFile } from './files';
import { expect, fillNumber, test } from './fixtures';
import { sh } from './processes';
import { t, tPattern } from './translations';
import { tempDir } from './temp';

// The page is opened as a browser set to Traditional Chinese would open it.
test.use({ locale: 'zh-TW' });

const zh = (english: string) => t('zh-TW', english);
const zhPattern = (english: string) => tPattern('zh-TW', english);

async function expectNoEnglish(page: Page, where: string) {
  expect(await leftoverEnglish(page), `English left on ${where}`).toEqual([]);
}

async function startLoopback(page: Page, tool: string) {
  await page.goto(`/#/${tool}`);
  await expectNoEnglish(page, `${tool}, idle`);
  await page.getByRole('button', { name: zh('Start'), exact: true }).click();
  await expect(page.getByRole('status').first()).toHaveText(
    zh('Connected: the data channel is open.'),
  );
}

test('zh-TW: the language follows the browser and Settings, and every tool speaks Chinese through its main flow', async ({
  page,
}) => {
  await test.step('the language follows the browser, and a choice in Settings wins and persists', async () => {
    await page.goto('/');
    await expect(page.locator('html')).toHaveAttribute('lang', 'zh-TW');
    const nav = page.getByRole('navigation', { name: '工具' });
    for (const name of ['文字', '檔案', '大量資料', 'Trickle ICE', '中繼', '設定']) {
      await expect(nav.getByRole('link', { name, exact: true })).toBeVisible();
    }
    await nav.getByRole('link', { name: '設定' }).click();
    await expect(page.getByRole('heading', { name: '設定' })).toBeVisible();
    await expectNoEnglish(page, 'Settings');

    await page.getByLabel('語言').selectOption('en');
    await expect(page.locator('html')).toHaveAttribute('lang', 'en');
    await expect(page.getByRole('heading', { name: 'Settings' })).toBeVisible();
    await expect(page.getByRole('status').filter({ hasText: 'Language saved.' })).toBeVisible();
    await page.reload();
    await expect(page.getByRole('link', { name: 'Text', exact: true })).toBeVisible();
    await expect(page.getByLabel('Language')).toHaveValue('en');

    await page.getByLabel('Language').selectOption('');
    await expect(page.locator('html')).toHaveAttribute('lang', 'zh-TW');
    await expect(page.getByRole('heading', { name: '設定' })).toBeVisible();
  });

  await test.step('Text: a loopback chat, every string translated', async () => {
    await startLoopback(page, 'text');
    const box = page.getByRole('textbox', { name: zh('Message') });
    await box.fill('你好，對方');
    await page.getByRole('button', { name: zh('Send'), exact: true }).click();
    await expect(
      page.getByRole('log', { name: zh('Received messages') }).getByRole('listitem'),
    ).toHaveText(['你好，對方']);
    await expectNoEnglish(page, 'Text, connected');
    await page.getByRole('button', { name: zh('Stop'), exact: true }).click();
    await expect(page.getByRole('status').first()).toHaveText(
      zh('Stopped. Press Start to connect again.'),
    );
  });

  await test.step('a new room: its link, its QR code and the picker, translated', async () => {
    await page.getByLabel(zh('Room (other devices)')).check();
    await page.getByRole('button', { name: zh('Create room') }).click();
    await expect(page.getByLabel(zh('Room link: open it on the other device'))).toHaveValue(
      /#\/text\?room=/,
    );
    await expect(page.getByRole('img', { name: zh('QR code of the room link') })).toBeVisible();
    await expectNoEnglish(page, 'Text, a new room');
  });

  await test.step('File: a file crosses loopback, verified, with sizes and speeds in the locale', async () => {
    await startLoopback(page, 'file');
    const f = makeFile('報告.bin', 100_000);
    await page.getByLabel(zh('Choose files')).setInputFiles(f.path);
    const incoming = page
      .getByRole('list', { name: zh('Incoming files') })
      .getByRole('listitem')
      .filter({ hasText: f.name });
    await expect(incoming).toHaveAttribute('data-state', 'done', { timeout: 30_000 });
    await expect(page.getByRole('link', { name: zhPattern('Download {}') }).first()).toBeVisible();
    await expect(
      page.getByRole('progressbar', { name: zhPattern('Receiving {}') }),
    ).toHaveAttribute('aria-valuenow', '100');
    await expectNoEnglish(page, 'File, after a transfer');
  });

  await test.step('Bulk: a 1 MiB run completes with a translated summary', async () => {
    await startLoopback(page, 'bulk');
    await fillNumber(page.getByLabel(zh('Size (MiB)')), '1');
    await page.getByRole('button', { name: zh('Start sending') }).click();
    const bytes = (1024 * 1024).toLocaleString('zh-TW');
    await expect(page.getByRole('definition').first()).toHaveText(bytes, { timeout: 30_000 });
    await expect(page.getByRole('progressbar', { name: zh('Received') })).toHaveAttribute(
      'aria-valuenow',
      '100',
    );
    await expectNoEnglish(page, 'Bulk, after a run');
  });

  await test.step('Trickle ICE: verdicts from the local coturn, in Chinese', async () => {
    await page.goto('/#/ice');
    await expectNoEnglish(page, 'Trickle ICE, idle');
    await page.getByRole('button', { name: zh('Gather candidates') }).click();
    const verdicts = page.getByRole('list', { name: zh('Verdicts') });
    await expect(verdicts.getByRole('listitem')).toHaveCount(2, { timeout: 30_000 });
    await expectNoEnglish(page, 'Trickle ICE, after gathering');
  });

  await test.step('Relay: text to curl, the command untouched, the status translated', async () => {
    await page.goto('/#/relay');
    await expectNoEnglish(page, 'Relay, idle');
    await page.getByLabel(zh('Text to send')).fill('中繼的文字\n');
    const command = (await page.getByLabel(zh('Command to receive')).textContent())!;
    expect(command).toMatch(/^curl http:\/\/\S+\/piping\/[a-z0-9]{12}$/);
    await page.getByRole('button', { name: zh('Send'), exact: true }).click();
    const curl = await sh(command, tempDir('i18n')).done;
    expect(curl.stdout.toString()).toBe('中繼的文字\n');
    await expect(page.getByRole('status')).toHaveText(zh('Sent: every receiver got it all.'));
    await expectNoEnglish(page, 'Relay, after sending');
  });
});
