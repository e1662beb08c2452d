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
import { connectRoom, device } from './rooms';

const MiB = 1024 * 1024;

/**
 * Makes `page` a slow device from its next load on: it computes verification codes 1.5 s late,
 * so it wires its tools after the other side has already sent its first messages.
 */
async function slowDevice(page: Page): Promise<void> {
  await page.addInitScript(() => {
    const digest = crypto.subtle.digest.bind(crypto.subtle);
    crypto.subtle.digest = async (...args: Parameters<SubtleCrypto['digest']>) => {
      await new Promise((resolve) => setTimeout(resolve, 1500));
      return digest(...args);
    };
  });
}

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
  const link = await connectRoom(alice, bob);
  await bob.getByLabel('Ask before accepting incoming files').uncheck();
  const file = makeFile('held.bin', 24 * MiB);
  await pickFiles(alice, [file]);
  await reachPercent(bob, 'Receiving held.bin', 30);
  // Bob's page goes (its part stays), and another page of his still holds the part's file.
  await bob.goto('/icon.svg');
  // The sender's note and its progress bar give the same figure.
  const sent = outgoing(alice, 'held.bin');
  await expect(sent).toHaveAttribute('data-state', 'interrupted');
  const noted = /Interrupted at (\d+)%/.exec((await sent.textContent()) ?? '')?.[1];
  expect(noted).toBeDefined();
  await expect(sent.getByRole('progressbar')).toHaveAttribute('aria-valuenow', noted!);
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
  await connectRoom(alice, bob);
  await bob.getByLabel('Ask before accepting incoming files').uncheck();
  const file = makeFile('reloaded.bin', 24 * MiB);
  await pickFiles(alice, [file]);
  await reachPercent(bob, 'Receiving reloaded.bin', 30);
  // A slow device: the reloaded page takes a second longer to compute the verification code,
  // so the sender's first messages (its device id) reach it before its File tool listens.
  await slowDevice(bob);
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

test('a sender whose page reloaded chooses the file again, even facing a slow receiver', async ({
  browser,
  servers,
}) => {
  const alice = await device(browser, servers.app);
  const bob = await device(browser, servers.app);
  await slowDevice(alice);
  await connectRoom(alice, bob);
  await alice.getByLabel('Ask before accepting incoming files').uncheck();
  const file = makeFile('again.bin', 24 * MiB);
  await pickFiles(bob, [file]);
  await reachPercent(bob, 'Sending again.bin', 30);
  // The sender's page reloads: its File objects are gone, the room link in its address is not.
  await bob.reload();
  await expect(incoming(alice, 'again.bin')).toHaveAttribute('data-state', 'interrupted');
  // The receiver (slow to wire its File tool) must still learn which device came back, and
  // offer it the part it holds.
  await bob.getByLabel('Choose again.bin again').setInputFiles(file.path);
  await expect(outgoing(bob, 'again.bin')).toContainText('Resumed at');
  await expectDone(alice, 'again.bin', 60_000);
  expect(await download(alice, 'again.bin')).toEqual({ name: 'again.bin', sha256: file.sha256 });
});
