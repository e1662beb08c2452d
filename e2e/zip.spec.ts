import type { Page } from '@playwright/test';
import { createHash } from 'node:crypto';
import { copyFileSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expectDone, makeFile, pickFiles, treeOf } from './files';
import { expect, test } from './fixtures';
import { sh } from './processes';
import { tempDir } from './temp';

const sha = (path: string): string => createHash('sha256').update(readFileSync(path)).digest('hex');

async function startLoopback(page: Page) {
  await page.goto('/#/file');
  await page.getByRole('button', { name: 'Start', exact: true }).click();
  await expect(page.getByRole('status').first()).toHaveText('Connected: the data channel is open.');
}

test('received files download as one zip that unzip unpacks, every file identical', async ({
  page,
}) => {
  await startLoopback(page);
  // Two files of the same name, a UTF-8 name, and one larger than a few chunks.
  const files = [
    makeFile('a.bin', 100_000),
    makeFile('照片 2026.jpg', 50_000),
    makeFile('a.bin', 3 * 1024 * 1024 + 5),
  ];
  await pickFiles(page, files);
  await expect(
    page.getByRole('list', { name: 'Incoming files' }).getByRole('listitem'),
  ).toHaveCount(3);
  for (const item of await page
    .getByRole('list', { name: 'Incoming files' })
    .getByRole('listitem')
    .all()) {
    await expect(item).toHaveAttribute('data-state', 'done', { timeout: 30_000 });
  }
  await expectDone(page, '照片 2026.jpg');

  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'Download all as zip' }).click(),
  ]);
  expect(download.suggestedFilename()).toBe('dckit-files.zip');
  const link = page.getByRole('link', { name: /^Download the zip \(\d+\.\d MB\)$/ });
  await expect(link).toBeVisible();

  const dir = tempDir('zip');
  copyFileSync(await download.path(), join(dir, 'all.zip'));
  const unzip = await sh('unzip -q all.zip -d out', dir).done;
  expect(unzip.stderr).toBe('');
  expect(unzip.code).toBe(0);
  const out = join(dir, 'out');
  expect(readdirSync(out).sort()).toEqual(['a (2).bin', 'a.bin', '照片 2026.jpg'].sort());
  // The list is newest first; whichever "a.bin" came first keeps the plain name.
  const byHash = new Set(readdirSync(out).map((name) => sha(join(out, name))));
  expect(byHash).toEqual(new Set(files.map((f) => f.sha256)));
});

test('a tar received through the relay downloads as a zip with the same tree', async ({ page }) => {
  const src = tempDir('zip-src');
  mkdirSync(join(src, 'album/2026/空的'), { recursive: true });
  mkdirSync(join(src, 'album/notes'), { recursive: true });
  writeFileSync(join(src, 'album/2026/照片.jpg'), Buffer.alloc(70_000, 7));
  writeFileSync(join(src, 'album/notes/empty.txt'), '');
  writeFileSync(join(src, 'album/readme.md'), '# album\n');
  const expected = treeOf(src);

  await page.goto('/#/relay');
  await page.getByLabel('Path to receive from').fill('zip-' + Date.now());
  const url = (await page.getByLabel('Command to send', { exact: true }).textContent())!
    .split(' ')
    .at(-1)!;
  const sender = sh(`tar cf - album | curl -sS -T - ${url}`, src);
  await page.getByRole('button', { name: 'Receive', exact: true }).click();
  await expect(
    page.getByRole('list', { name: 'Archive entries' }).getByRole('listitem'),
  ).toHaveCount(Object.keys(expected).length);
  expect((await sender.done).code).toBe(0);

  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'Download all as zip' }).click(),
  ]);
  expect(download.suggestedFilename()).toMatch(/\.zip$/);
  const dir = tempDir('zip');
  copyFileSync(await download.path(), join(dir, 'album.zip'));
  const unzip = await sh('unzip -q album.zip -d out', dir).done;
  expect(unzip.stderr).toBe('');
  expect(unzip.code).toBe(0);
  expect(treeOf(join(dir, 'out'))).toEqual(expected);
});
