import { createHash } from 'node:crypto';
import { copyFileSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
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
  treeOf,
} from './files';
import { sh } from './processes';
import { watchSentBytes } from './sent-bytes';
import { tempDir } from './temp';

const MiB = 1024 * 1024;

const sha = (path: string): string => createHash('sha256').update(readFileSync(path)).digest('hex');

async function startLoopback(page: Page) {
  await page.goto('/#/file');
  await page.getByRole('button', { name: 'Start', exact: true }).click();
  await expect(page.getByRole('status').first()).toHaveText('Connected: the data channel is open.');
}

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

/**
 * Counts, in the page itself (not its workers): binary bytes handed to data channels, and data
 * channels moved to a worker. While `noMoving` is set on the window, moving a channel fails as
 * it does in a browser that cannot transfer one (DataCloneError).
 */
async function watchPage(page: Page): Promise<void> {
  await page.addInitScript(() => {
    const w = window as unknown as { pageBytes: number; moved: number; noMoving: boolean };
    w.pageBytes = 0;
    w.moved = 0;
    w.noMoving = false;
    const send = RTCDataChannel.prototype.send;
    RTCDataChannel.prototype.send = function (this: RTCDataChannel, data: never) {
      if (typeof data !== 'string') w.pageBytes += (data as ArrayBuffer).byteLength;
      return send.call(this, data);
    } as typeof send;
    const post = Worker.prototype.postMessage;
    Worker.prototype.postMessage = function (this: Worker, message: unknown, options?: unknown) {
      const list = Array.isArray(options)
        ? options
        : ((options as StructuredSerializeOptions | undefined)?.transfer ?? []);
      const channels = list.filter((t) => t instanceof RTCDataChannel).length;
      if (channels && w.noMoving)
        throw new DOMException('RTCDataChannel is not transferable here', 'DataCloneError');
      w.moved += channels;
      return post.call(this, message, options as StructuredSerializeOptions);
    } as typeof post;
  });
}

/** Sends a file over loopback with counts from zero; channels move to workers unless `noMoving`. */
async function sendCounted(page: Page, name: string, size: number, noMoving: boolean) {
  await page.evaluate((noMoving) => {
    const w = window as unknown as { pageBytes: number; moved: number; noMoving: boolean };
    Object.assign(w, { pageBytes: 0, moved: 0, noMoving });
  }, noMoving);
  const file = makeFile(name, size);
  await pickFiles(page, [file]);
  await expectDone(page, name);
  await expect(incoming(page, name)).toContainText('Verified: SHA-256');
  expect(await download(page, name)).toEqual({ name, sha256: file.sha256 });
  return page.evaluate(() => {
    const w = window as unknown as { pageBytes: number; moved: number; noMoving: boolean };
    w.noMoving = false;
    return { pageBytes: w.pageBytes, moved: w.moved };
  });
}

test('on one device: files over loopback arrive byte-identical through workers or the page, stay until deleted, download whole or as a zip, follow Settings; a tar through the relay downloads as a zip', async ({
  page,
}) => {
  // A dozen steps, most of them transfers: more than one test's usual time.
  test.slow();
  await recordChannels(page);
  await watchPage(page);
  await startLoopback(page);

  await test.step('paths that climb out of their folder, or are absolute, are refused with a message', async () => {
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
    const items = page.getByRole('list', { name: 'Incoming files' }).getByRole('listitem');
    await expect(items).toHaveCount(3);
    await expect(items.nth(0)).toContainText(
      'Refused: the path "../x" is not safe (it climbs out of its folder with "..").',
    );
    await expect(items.nth(1)).toContainText(
      'Refused: the path "/etc/cron.d" is not safe (it is an absolute path).',
    );
    await expect(items.nth(2)).toContainText('is not safe (it contains a NUL character).');
    for (const item of await items.all())
      await expect(item).toHaveAttribute('data-state', 'declined');
    await expect(page.getByRole('list', { name: 'Received files' })).toHaveCount(0);
  });

  await test.step('a received file is still listed and downloadable after a reload, until deleted', async () => {
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

  await startLoopback(page);

  await test.step('received files download as one zip that unzip unpacks, every file identical', async () => {
    // Two files of the same name, a UTF-8 name, and one larger than a few chunks.
    const files = [
      makeFile('a.bin', 100_000),
      makeFile('照片 2026.jpg', 50_000),
      makeFile('a.bin', MiB + 5),
    ];
    await pickFiles(page, files);
    const items = page.getByRole('list', { name: 'Incoming files' }).getByRole('listitem');
    await expect(items).toHaveCount(3);
    for (const item of await items.all())
      await expect(item).toHaveAttribute('data-state', 'done', { timeout: 30_000 });
    await expectDone(page, '照片 2026.jpg');

    const [zip] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Download all as zip' }).click(),
    ]);
    expect(zip.suggestedFilename()).toBe('dckit-files.zip');
    const link = page.getByRole('link', { name: /^Download the zip \(\d+\.\d MB\)$/ });
    await expect(link).toBeVisible();

    const dir = tempDir('zip');
    copyFileSync(await zip.path(), join(dir, 'all.zip'));
    const unzip = await sh('unzip -q all.zip -d out', dir).done;
    expect(unzip.stderr).toBe('');
    expect(unzip.code).toBe(0);
    const out = join(dir, 'out');
    expect(readdirSync(out).sort()).toEqual(['a (2).bin', 'a.bin', '照片 2026.jpg'].sort());
    // The list is newest first; whichever "a.bin" came first keeps the plain name.
    const byHash = new Set(readdirSync(out).map((name) => sha(join(out, name))));
    expect(byHash).toEqual(new Set(files.map((f) => f.sha256)));
  });

  await test.step('a queue of files of edge sizes arrives byte-identical, with its speed shown', async () => {
    const files = [
      makeFile('empty.bin', 0),
      makeFile('one.bin', 1),
      makeFile('chunk.bin', 16 * 1024),
      makeFile('chunk-plus-one.bin', 16 * 1024 + 1),
      makeFile('big.bin', 3 * MiB + 123),
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

  await test.step('a hostile file name shows as text and downloads under a safe name', async () => {
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

  await test.step('each received file keeps its own row, and a name with a slash downloads whole', async () => {
    const first = makeFile('first.bin', 3000);
    await pickFiles(page, [first]);
    await expectDone(page, 'first.bin');
    const received = page.getByRole('list', { name: 'Received files' }).getByRole('listitem');
    const firstRow = await received.filter({ hasText: 'first.bin' }).elementHandle();
    const rows = await received.count();
    // A name no file on disk can have: picked through the page, as a remote peer could send it.
    await page.getByLabel('Choose files').evaluate((input: HTMLInputElement) => {
      const files = new DataTransfer();
      files.items.add(new File(['slash'], 'a</b>.bin'));
      input.files = files.files;
      input.dispatchEvent(new Event('change', { bubbles: true }));
    });
    await expectDone(page, 'a</b>.bin');
    await expect(received).toHaveCount(rows + 1);
    // The new file is listed first; the row that showed first.bin still shows it.
    expect(await firstRow!.evaluate((li) => li.querySelector('.name')?.textContent)).toBe(
      'first.bin',
    );
    const got = await download(page, 'a__b_.bin');
    expect(got.name).toBe('a__b_.bin');
    expect(got.sha256).toBe(createHash('sha256').update('slash').digest('hex'));
  });

  await test.step('a file’s bytes never pass through the page: workers send, hash and store them', async () => {
    // Both ends of the file's own channel moved to workers (the sender's and the receiver's),
    // and the page handed no byte of it to a channel.
    expect(await sendCounted(page, 'via-workers.bin', MiB + 5, false)).toEqual({
      pageBytes: 0,
      moved: 2,
    });
  });

  await test.step('where a data channel cannot move to a worker, the page sends and forwards the bytes', async () => {
    expect(await sendCounted(page, 'via-page.bin', MiB + 5, true)).toEqual({
      pageBytes: MiB + 5,
      moved: 0,
    });
  });

  await test.step('with 256 KiB messages and 1 MB/s chosen in Settings, a file goes in messages of that size, no faster', async () => {
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
    const file = makeFile('large-messages.bin', MiB + 5);
    const began = Date.now();
    await pickFiles(page, [file]);
    await expectDone(page, file.name);
    // 1.05 MB at 1 MB/s, a tenth of a second's worth at once: 0.95 s at the least (a lower
    // bound only: a busy machine makes it longer, never shorter).
    expect(Date.now() - began).toBeGreaterThanOrEqual(900);
    expect(await download(page, file.name)).toEqual({ name: file.name, sha256: file.sha256 });
    expect(await sent.largest()).toBe(256 * 1024);
    expect(await sent.total()).toBe(file.size);
  });

  // Under the 1 MB/s limit, 4 MiB is still going when the abort comes.
  await test.step('the sender aborts mid-transfer: both sides say so and the partial file is removed', async () => {
    const kept = (await storedFiles(page)).sort();
    const name = 'sender-aborts.bin';
    await pickFiles(page, [makeFile(name, 4 * MiB)]);
    await expect(incoming(page, name)).toHaveAttribute('data-state', 'receiving');
    await expect
      .poll(async () =>
        Number(
          await page
            .getByRole('progressbar', { name: `Receiving ${name}` })
            .getAttribute('aria-valuenow'),
        ),
      )
      .toBeGreaterThan(0);
    await page
      .getByRole('button', { name: `Abort ${name}` })
      .first()
      .click();
    await expect(outgoing(page, name)).toContainText('You aborted the transfer.');
    await expect(incoming(page, name)).toContainText('The sender aborted the transfer.');
    await expect.poll(async () => (await storedFiles(page)).sort()).toEqual(kept);
    // The channel still works: the next file goes through.
    const next = makeFile('after.bin', 1000);
    await pickFiles(page, [next]);
    await expectDone(page, 'after.bin');
    expect(await download(page, 'after.bin')).toEqual({ name: 'after.bin', sha256: next.sha256 });
  });

  await test.step('the receiver aborts mid-transfer: both sides say so', async () => {
    const kept = (await storedFiles(page)).sort();
    const name = 'receiver-aborts.bin';
    await pickFiles(page, [makeFile(name, 4 * MiB)]);
    await expect(incoming(page, name)).toHaveAttribute('data-state', 'receiving');
    await incoming(page, name)
      .getByRole('button', { name: `Abort ${name}` })
      .click();
    await expect(incoming(page, name)).toContainText('You aborted the transfer.');
    await expect(outgoing(page, name)).toContainText('The receiver aborted the transfer.');
    await expect.poll(async () => (await storedFiles(page)).sort()).toEqual(kept);
  });

  await test.step('a tar received through the relay downloads as a zip with the same tree', async () => {
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

    // The archive's own zip is named apart from "Download all as zip" of the files received before.
    const [archive] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Download the archive as zip' }).click(),
    ]);
    expect(archive.suggestedFilename()).toMatch(/\.zip$/);
    const dir = tempDir('zip');
    copyFileSync(await archive.path(), join(dir, 'album.zip'));
    const unzip = await sh('unzip -q album.zip -d out', dir).done;
    expect(unzip.stderr).toBe('');
    expect(unzip.code).toBe(0);
    expect(treeOf(join(dir, 'out'))).toEqual(expected);
  });
});
