import type { Page } from '@playwright/test';
import { randomBytes } from 'node:crypto';
import { copyFileSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { dropFolder, treeOf } from './files';
import { expect, test } from './fixtures';
import { sh } from './processes';
import { connectRoom, device } from './rooms';
import { tempDir } from './temp';

/** A folder with nested subfolders, an empty folder, UTF-8 names and a 0-byte file. */
function makeTree(): { parent: string; root: string; name: string } {
  const parent = tempDir('folder');
  const name = `相簿 ${Date.now() % 100000}`;
  const root = join(parent, name);
  mkdirSync(join(root, '2026/夏天'), { recursive: true });
  mkdirSync(join(root, 'notes'), { recursive: true });
  mkdirSync(join(root, '空的資料夾'), { recursive: true });
  writeFileSync(join(root, '2026/夏天/海灘 🏖.bin'), randomBytes(300_000));
  writeFileSync(join(root, '2026/a.bin'), randomBytes(40_000));
  writeFileSync(join(root, 'notes/empty.txt'), '');
  writeFileSync(join(root, 'readme.md'), '# album\n');
  return { parent, root, name };
}

test('a dropped folder crosses a room with its tree; its zip unpacks to the same files', async ({
  browser,
  browserName,
  servers,
}) => {
  test.skip(
    browserName === 'firefox',
    "Playwright's WebDriver BiDi driver cannot drop files from disk (Chromium's DevTools protocol Input.dispatchDragEvent does it), and cannot set a folder on a file input.",
  );
  const alice = await device(browser, servers.app);
  const bob = await device(browser, servers.app);
  await connectRoom(alice, bob);
  await bob.getByLabel('Ask before accepting incoming files').uncheck();

  const { root, name } = makeTree();
  const expected = treeOf(join(root, '..'));
  for (const key of Object.keys(expected)) if (!key.startsWith(`${name}/`)) delete expected[key];
  await dropFolder(alice, alice.getByRole('region', { name: 'Send' }), root);

  // The folder goes as one transfer: four files (the 0-byte one included) and the empty folder.
  const incoming = bob.getByRole('list', { name: 'Incoming files' }).getByRole('listitem');
  await expect(incoming).toHaveCount(1);
  await expect(incoming).toHaveAttribute('data-state', 'done');
  await expect(incoming).toContainText(`${name}/`);
  await expect(incoming).toContainText('All 4 files received and verified (SHA-256).');
  const outgoing = alice.getByRole('list', { name: 'Outgoing files' }).getByRole('listitem');
  await expect(outgoing).toContainText('All 4 files delivered and verified (SHA-256).');
  const received = bob.getByRole('list', { name: 'Received files' });
  await expect(received.getByText(`${name}/2026/夏天/海灘 🏖.bin`)).toBeVisible();
  await expect(received.getByText(`${name}/空的資料夾/`)).toBeVisible();

  const [download] = await Promise.all([
    bob.waitForEvent('download'),
    bob.getByRole('button', { name: `Download the folder ${name} as zip` }).click(),
  ]);
  const dir = tempDir('folder-zip');
  copyFileSync(await download.path(), join(dir, 'folder.zip'));
  const unzip = await sh('unzip -q folder.zip -d out', dir).done;
  expect(unzip.stderr).toBe('');
  expect(unzip.code).toBe(0);
  expect(treeOf(join(dir, 'out'))).toEqual(expected);
});

test('a folder chosen with the folder input crosses with its paths', async ({
  page,
  browserName,
}) => {
  test.skip(
    browserName === 'firefox',
    "Playwright's WebDriver BiDi driver cannot set a folder on a file input (setInputFiles with a directory).",
  );
  await page.goto('/#/file');
  await page.getByRole('button', { name: 'Start', exact: true }).click();
  await expect(page.getByRole('status').first()).toHaveText('Connected: the data channel is open.');
  const { root, name } = makeTree();
  await page.getByLabel('Choose a folder').setInputFiles(root);
  const incoming = page.getByRole('list', { name: 'Incoming files' }).getByRole('listitem');
  // A folder input lists files only: the empty folder cannot come this way.
  await expect(incoming).toHaveAttribute('data-state', 'done');
  await expect(incoming).toContainText('All 4 files received and verified (SHA-256).');
  const received = page.getByRole('list', { name: 'Received files' });
  for (const path of ['2026/夏天/海灘 🏖.bin', '2026/a.bin', 'notes/empty.txt', 'readme.md'])
    await expect(received.getByText(`${name}/${path}`)).toBeVisible();
  await expect(received.getByText(`${name}/空的資料夾/`)).toHaveCount(0);
});

/** Records the data channels the page creates, so a test can speak on one as a peer would. */
async function recordChannels(page: Page): Promise<void> {
  await page.addInitScript(() => {
    const channels: RTCDataChannel[] = [];
    (window as unknown as { __channels: RTCDataChannel[] }).__channels = channels;
    const create = RTCPeerConnection.prototype.createDataChannel;
    RTCPeerConnection.prototype.createDataChannel = function (label, init) {
      const channel = create.call(this, label, init);
      channels.push(channel);
      return channel;
    };
  });
}

test('paths that climb out of their folder, or are absolute, are refused with a message', async ({
  page,
}) => {
  await recordChannels(page);
  await page.goto('/#/file');
  await page.getByRole('button', { name: 'Start', exact: true }).click();
  await expect(page.getByRole('status').first()).toHaveText('Connected: the data channel is open.');
  // A peer that tampers with the protocol: a header and an empty folder with unsafe paths.
  await page.evaluate(() => {
    const [channel] = (window as unknown as { __channels: RTCDataChannel[] }).__channels;
    const base = { size: 3, type: '', lastModified: 0 };
    channel!.send(
      JSON.stringify({ t: 'header', id: 'tampered1', name: 'x', path: '../x', ...base }),
    );
    channel!.send(JSON.stringify({ t: 'folder', id: 'tampered2', path: '/etc/cron.d' }));
    channel!.send(
      JSON.stringify({ t: 'header', id: 'tampered3', name: 'y', path: 'a/\0/y', ...base }),
    );
  });
  const incoming = page.getByRole('list', { name: 'Incoming files' }).getByRole('listitem');
  await expect(incoming).toHaveCount(3);
  await expect(incoming.nth(0)).toContainText(
    'Refused: the path "../x" is not safe (it climbs out of its folder with "..").',
  );
  await expect(incoming.nth(1)).toContainText(
    'Refused: the path "/etc/cron.d" is not safe (it is an absolute path).',
  );
  await expect(incoming.nth(2)).toContainText('is not safe (it contains a NUL character).');
  for (const item of await incoming.all())
    await expect(item).toHaveAttribute('data-state', 'declined');
  await expect(page.getByRole('list', { name: 'Received files' })).toHaveCount(0);
});
