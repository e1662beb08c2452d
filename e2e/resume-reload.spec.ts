import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';
import {
  download,
  expectDone,
  incoming,
  makeFile,
  outgoing,
  pickFiles,
  reachPercent,
} from './files';
import { createRoom, device, verificationCodeOf } from './rooms';

const MiB = 1024 * 1024;

/**
 * Opens a synchronous access handle on every stored part, from a worker of another page of the
 * same origin (as a page that was just closed still does for a while), until `release()`.
 */
async function holdStoredParts(page: Page): Promise<{ release: () => Promise<void> }> {
  await page.goto('/icon.svg');
  const held = await page.evaluate(async () => {
    const source = `onmessage = async ({ data }) => {
      const dir = await (await navigator.storage.getDirectory()).getDirectoryHandle('received');
      if (data === 'hold') {
        self.handles = [];
        for await (const [, entry] of dir.entries()) {
          if (entry.kind !== 'file') continue;
          // The closed page may still hold it for a moment: take it as soon as it is free.
          for (let tries = 0; ; tries++) {
            try {
              self.handles.push(await entry.createSyncAccessHandle());
              break;
            } catch (error) {
              if (tries > 400) throw error;
              await new Promise((r) => setTimeout(r, 50));
            }
          }
        }
        postMessage(self.handles.length);
      } else {
        for (const h of self.handles) h.close();
        postMessage(0);
      }
    };`;
    const worker = new Worker(URL.createObjectURL(new Blob([source])));
    (window as unknown as { holder: Worker }).holder = worker;
    return new Promise<number>((resolve) => {
      worker.onmessage = ({ data }) => resolve(data as number);
      worker.postMessage('hold');
    });
  });
  expect(held).toBe(1);
  return {
    release: () =>
      page.evaluate(
        () =>
          new Promise<void>((resolve) => {
            const worker = (window as unknown as { holder: Worker }).holder;
            worker.onmessage = () => resolve();
            worker.postMessage('release');
          }),
      ),
  };
}

test('a kept part still held by a closed page is waited for, not discarded, and resumes', async ({
  browser,
  servers,
}) => {
  const alice = await device(browser, servers.app);
  const bob = await device(browser, servers.app);
  await alice.goto('/#/file');
  const link = await createRoom(alice);
  await bob.goto(link);
  await verificationCodeOf(bob);
  await verificationCodeOf(alice);
  await bob.getByLabel('Ask before accepting incoming files').uncheck();
  const file = makeFile('held.bin', 24 * MiB);
  await pickFiles(alice, [file]);
  await reachPercent(bob, 'Receiving held.bin', 30);
  // Bob's page goes (its part stays), and another page of his still holds the part's file.
  await bob.goto('/icon.svg');
  const holder = await holdStoredParts(await bob.context().newPage());
  await bob.goto(link);
  await expect(incoming(bob, 'held.bin')).toContainText(
    'Waiting for a page that was closed to let go of the stored part…',
  );
  await holder.release();
  await expectDone(bob, 'held.bin', 60_000);
  await expect(incoming(bob, 'held.bin')).toContainText('Resumed at');
  expect(await download(bob, 'held.bin')).toEqual({ name: 'held.bin', sha256: file.sha256 });
});

test('a slow receiver whose page reloads mid-transfer comes back and only the rest is sent', async ({
  browser,
  servers,
}) => {
  const alice = await device(browser, servers.app);
  const bob = await device(browser, servers.app);
  await alice.goto('/#/file');
  const link = await createRoom(alice);
  await bob.goto(link);
  await verificationCodeOf(bob);
  await verificationCodeOf(alice);
  await bob.getByLabel('Ask before accepting incoming files').uncheck();
  const file = makeFile('reloaded.bin', 24 * MiB);
  await pickFiles(alice, [file]);
  await reachPercent(bob, 'Receiving reloaded.bin', 30);
  // A slow device: the reloaded page takes a second longer to compute the verification code,
  // so the sender's first messages (its device id) reach it before its File tool listens.
  await bob.addInitScript(() => {
    const digest = crypto.subtle.digest.bind(crypto.subtle);
    crypto.subtle.digest = async (...args: Parameters<SubtleCrypto['digest']>) => {
      await new Promise((resolve) => setTimeout(resolve, 1500));
      return digest(...args);
    };
  });
  // The reloaded page opens the room link again at once, while the old page's worker may still
  // hold the part's file.
  await bob.reload();
  await expect(outgoing(alice, 'reloaded.bin')).toContainText('Resumed at');
  await expectDone(bob, 'reloaded.bin', 60_000);
  await expect(incoming(bob, 'reloaded.bin')).toContainText('Resumed at');
  expect(await download(bob, 'reloaded.bin')).toEqual({
    name: 'reloaded.bin',
    sha256: file.sha256,
  });
});
