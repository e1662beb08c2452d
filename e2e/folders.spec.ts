import { randomBytes } from 'node:crypto';
import { copyFileSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { dropFolder, treeOf } from './files';
import { expect, test } from './fixtures';
import { sh } from './processes';
import { tempDir } from './temp';

/** A folder named `name` with nested subfolders, an empty folder, UTF-8 names and a 0-byte file. */
function makeTree(name: string): string {
  const root = join(tempDir('folder'), name);
  mkdirSync(join(root, '2026/夏天'), { recursive: true });
  mkdirSync(join(root, 'notes'), { recursive: true });
  mkdirSync(join(root, '空的資料夾'), { recursive: true });
  writeFileSync(join(root, '2026/夏天/海灘 🏖.bin'), randomBytes(300_000));
  writeFileSync(join(root, '2026/a.bin'), randomBytes(40_000));
  writeFileSync(join(root, 'notes/empty.txt'), '');
  writeFileSync(join(root, 'readme.md'), '# album\n');
  return root;
}

test('a folder crosses with its tree, dropped or chosen with the folder input', async ({
  page,
  browserName,
}) => {
  test.skip(
    browserName === 'firefox',
    "Playwright's WebDriver BiDi driver cannot drop files from disk (Chromium's DevTools protocol Input.dispatchDragEvent does it), and cannot set a folder on a file input.",
  );
  await page.goto('/#/file');
  await page.getByRole('button', { name: 'Start', exact: true }).click();
  await expect(page.getByRole('status').first()).toHaveText('Connected: the data channel is open.');
  const incoming = page.getByRole('list', { name: 'Incoming files' }).getByRole('listitem');
  const received = page.getByRole('list', { name: 'Received files' });

  await test.step('a dropped folder crosses with its tree; its zip unpacks to the same files', async () => {
    const name = '相簿 dropped';
    const root = makeTree(name);
    const expected = treeOf(join(root, '..'));
    await dropFolder(page, page.getByRole('region', { name: 'Send' }), root);

    // The folder goes as one transfer: four files (the 0-byte one included) and the empty folder.
    await expect(incoming).toHaveCount(1);
    await expect(incoming).toHaveAttribute('data-state', 'done');
    await expect(incoming).toContainText(`${name}/`);
    await expect(incoming).toContainText('All 4 files received and verified (SHA-256).');
    const outgoing = page.getByRole('list', { name: 'Outgoing files' }).getByRole('listitem');
    await expect(outgoing).toContainText('All 4 files delivered and verified (SHA-256).');
    await expect(received.getByText(`${name}/2026/夏天/海灘 🏖.bin`)).toBeVisible();
    await expect(received.getByText(`${name}/空的資料夾/`)).toBeVisible();

    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: `Download the folder ${name} as zip` }).click(),
    ]);
    const dir = tempDir('folder-zip');
    copyFileSync(await download.path(), join(dir, 'folder.zip'));
    const unzip = await sh('unzip -q folder.zip -d out', dir).done;
    expect(unzip.stderr).toBe('');
    expect(unzip.code).toBe(0);
    expect(treeOf(join(dir, 'out'))).toEqual(expected);
  });

  await test.step('a folder chosen with the folder input crosses with its paths', async () => {
    const name = '相簿 chosen';
    const root = makeTree(name);
    await page.getByLabel('Choose a folder').setInputFiles(root);
    const chosen = incoming.filter({ hasText: `${name}/` });
    // A folder input lists files only: the empty folder cannot come this way.
    await expect(chosen).toHaveAttribute('data-state', 'done');
    await expect(chosen).toContainText('All 4 files received and verified (SHA-256).');
    for (const path of ['2026/夏天/海灘 🏖.bin', '2026/a.bin', 'notes/empty.txt', 'readme.md'])
      await expect(received.getByText(`${name}/${path}`)).toBeVisible();
    await expect(received.getByText(`${name}/空的資料夾/`)).toHaveCount(0);
  });
});
