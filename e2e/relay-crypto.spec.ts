import type { Page } from '@playwright/test';
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { makeFile, storedFiles } from './files';
import { expect, test } from './fixtures';
import { sh } from './processes';
import { tempDir } from './temp';

const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');
const work = () => tempDir('relay2');

async function receiveCommand(page: Page) {
  return (await page.getByLabel('Command to receive').textContent())!;
}

async function sendUrl(page: Page) {
  return (await page.getByLabel('Command to send', { exact: true }).textContent())!
    .split(' ')
    .at(-1)!;
}

test('page -> openssl: what the page encrypts, openssl decrypts', async ({ page }) => {
  await page.goto('/#/relay');
  const f = makeFile('secret.bin', 1024 * 1024 + 13);
  await page.getByLabel('File', { exact: true }).check();
  await page.getByLabel('File to send').setInputFiles(f.path);
  await page.getByLabel('Encrypt with a passphrase (openssl-compatible)').check();
  await page.getByLabel('Passphrase', { exact: true }).fill('open sesame');
  const command = await receiveCommand(page);
  expect(command).toMatch(
    /^curl \S+ \| openssl aes-256-cbc -pbkdf2 -d -k 'open sesame' > secret\.bin$/,
  );
  await page.getByRole('button', { name: 'Send', exact: true }).click();
  const dir = work();
  const run = await sh(command, dir).done;
  expect(run.code).toBe(0);
  expect(sha(readFileSync(join(dir, 'secret.bin')))).toBe(f.sha256);
  await expect(page.getByRole('status')).toHaveText('Sent: every receiver got it all.');
});

test('openssl -> page: the page decrypts what openssl encrypted', async ({ page }) => {
  await page.goto('/#/relay');
  const f = makeFile('plain.bin', 3 * 1024 * 1024 + 1);
  await page.getByLabel('Path to receive from').fill('enc-' + Date.now());
  await page.getByLabel('Decrypt (openssl aes-256-cbc -pbkdf2)').check();
  await page.getByLabel('Passphrase for decryption').fill('pw 2');
  const url = await sendUrl(page);
  const sender = sh(
    `openssl aes-256-cbc -pbkdf2 -k 'pw 2' < '${f.path}' | curl -sS -T - ${url}`,
    work(),
  );
  await page.getByRole('button', { name: 'Receive', exact: true }).click();
  await expect(page.getByRole('link', { name: 'Download received file' })).toBeVisible({
    timeout: 30_000,
  });
  const [dl] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('link', { name: 'Download received file' }).click(),
  ]);
  expect(sha(readFileSync(await dl.path()))).toBe(f.sha256);
  expect((await sender.done).code).toBe(0);
});

test('a wrong passphrase fails with the message and keeps nothing', async ({ page }) => {
  await page.goto('/#/relay');
  const f = makeFile('x.bin', 200_000);
  await page.getByLabel('Path to receive from').fill('wrong-' + Date.now());
  await page.getByLabel('Decrypt (openssl aes-256-cbc -pbkdf2)').check();
  await page.getByLabel('Passphrase for decryption').fill('not it');
  const url = await sendUrl(page);
  const sender = sh(
    `openssl aes-256-cbc -pbkdf2 -k right < '${f.path}' | curl -sS -T - ${url}`,
    work(),
  );
  await page.getByRole('button', { name: 'Receive', exact: true }).click();
  await expect(page.getByRole('alert')).toHaveText(
    'Failed: wrong passphrase or corrupted data. Nothing was kept.',
  );
  await expect(page.getByRole('link', { name: 'Download received file' })).toHaveCount(0);
  await expect.poll(() => storedFiles(page)).toEqual([]);
  await sender.done;
});

test('a folder sent by the page unpacks with tar: nested, UTF-8 name, empty file, times kept', async ({
  page,
  browserName,
}) => {
  test.skip(
    browserName === 'firefox',
    "Playwright's WebDriver BiDi driver cannot set a folder on a file input (setInputFiles with a directory).",
  );
  const src = work();
  const root = join(src, 'album');
  mkdirSync(join(root, 'été 2026/deeper'), { recursive: true });
  writeFileSync(join(root, 'readme.txt'), 'top level\n');
  writeFileSync(join(root, 'été 2026/photo ☀.raw'), Buffer.alloc(70_000, 3));
  writeFileSync(join(root, 'été 2026/deeper/empty'), '');
  const t = 1_700_000_000;
  for (const f of ['readme.txt', 'été 2026/photo ☀.raw', 'été 2026/deeper/empty'])
    utimesSync(join(root, f), t, t);
  await page.goto('/#/relay');
  await page.getByLabel('Folder (as tar)').check();
  await page.getByLabel('Folder to send').setInputFiles(root);
  await expect(page.getByText('3 file(s)')).toBeVisible();
  const command = await receiveCommand(page);
  expect(command).toMatch(/^curl \S+ \| tar xf -$/);
  await page.getByRole('button', { name: 'Send', exact: true }).click();
  const out = work();
  const run = await sh(command, out).done;
  expect(run.code, run.stderr).toBe(0);
  expect(readFileSync(join(out, 'album/readme.txt'), 'utf8')).toBe('top level\n');
  expect(
    readFileSync(join(out, 'album/été 2026/photo ☀.raw')).equals(Buffer.alloc(70_000, 3)),
  ).toBe(true);
  expect(statSync(join(out, 'album/été 2026/deeper/empty')).size).toBe(0);
  expect(statSync(join(out, 'album/été 2026/photo ☀.raw')).mtimeMs / 1000).toBe(t);
});

test('a tar made by tar is received, its entries listed and downloadable', async ({ page }) => {
  const src = work();
  mkdirSync(join(src, 'docs/sub'), { recursive: true });
  writeFileSync(join(src, 'docs/a.txt'), 'alpha');
  writeFileSync(join(src, 'docs/sub/b.bin'), Buffer.alloc(5000, 9));
  await page.goto('/#/relay');
  await page.getByLabel('Path to receive from').fill('tar-' + Date.now());
  const url = await sendUrl(page);
  const sender = sh(`tar cf - docs | curl -sS -T - ${url}`, src);
  await page.getByRole('button', { name: 'Receive', exact: true }).click();
  const entries = page.getByRole('list', { name: 'Archive entries' });
  await expect(entries.getByRole('listitem').filter({ hasText: 'docs/sub/b.bin' })).toContainText(
    '5,000 bytes',
  );
  await expect(entries.getByRole('listitem').filter({ hasText: 'docs/a.txt' })).toContainText(
    '5 bytes',
  );
  const [dl] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('link', { name: 'Download docs/sub/b.bin' }).click(),
  ]);
  expect(dl.suggestedFilename()).toBe('b.bin');
  expect(readFileSync(await dl.path()).equals(Buffer.alloc(5000, 9))).toBe(true);
  await sender.done;
});
