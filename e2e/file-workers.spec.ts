import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { download, expectDone, incoming, makeFile, pickFiles } from './files';

const MiB = 1024 * 1024;

/**
 * Counts, in the page itself (not its workers): binary bytes handed to data channels, and data
 * channels moved to a worker. With `noMoving`, moving a channel fails as it does in a browser
 * that cannot transfer one (DataCloneError).
 */
async function watchPage(page: Page, noMoving = false): Promise<void> {
  await page.addInitScript((noMoving) => {
    const w = window as unknown as { pageBytes: number; moved: number };
    w.pageBytes = 0;
    w.moved = 0;
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
      if (channels && noMoving)
        throw new DOMException('RTCDataChannel is not transferable here', 'DataCloneError');
      w.moved += channels;
      return post.call(this, message, options as StructuredSerializeOptions);
    } as typeof post;
  }, noMoving);
}

const counts = (page: Page) =>
  page.evaluate(() => {
    const w = window as unknown as { pageBytes: number; moved: number };
    return { pageBytes: w.pageBytes, moved: w.moved };
  });

async function sendOverLoopback(page: Page, size: number) {
  await page.goto('/#/file');
  await page.getByRole('button', { name: 'Start' }).click();
  await expect(page.getByRole('status').first()).toHaveText('Connected: the data channel is open.');
  const file = makeFile('worker.bin', size);
  await pickFiles(page, [file]);
  await expectDone(page, 'worker.bin', 120_000);
  await expect(incoming(page, 'worker.bin')).toContainText('Verified: SHA-256');
  expect(await download(page, 'worker.bin')).toEqual({ name: 'worker.bin', sha256: file.sha256 });
}

test('a file’s bytes never pass through the page: workers send, hash and store them', async ({
  page,
}) => {
  await watchPage(page);
  await sendOverLoopback(page, 24 * MiB + 5);
  // Both ends of the file's own channel moved to workers (the sender's and the receiver's),
  // and the page handed no byte of it to a channel.
  expect(await counts(page)).toEqual({ pageBytes: 0, moved: 2 });
});

test('where a data channel cannot move to a worker, the page sends and forwards the bytes', async ({
  page,
}) => {
  await watchPage(page, true);
  await sendOverLoopback(page, 24 * MiB + 5);
  expect(await counts(page)).toEqual({ pageBytes: 24 * MiB + 5, moved: 0 });
});
