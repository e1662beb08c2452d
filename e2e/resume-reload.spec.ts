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
  type TestFile,
} from './files';
import { connectRoom, device, pickerStatus, saveSettings } from './rooms';
import { watchSentBytes } from './sent-bytes';

const MiB = 1024 * 1024;

/**
 * Makes `page` a slow device from its next load on: it computes verification codes 1.5 s late,
 * so it wires its tools after the other side has already sent its first messages. Returns what
 * makes the loaded page quick again.
 */
async function slowDevice(page: Page): Promise<{ quick: () => Promise<void> }> {
  await page.addInitScript(() => {
    const slow = window as unknown as { digestDelayMs: number };
    slow.digestDelayMs = 1500;
    const digest = crypto.subtle.digest.bind(crypto.subtle);
    crypto.subtle.digest = async (...args: Parameters<SubtleCrypto['digest']>) => {
      await new Promise((resolve) => setTimeout(resolve, slow.digestDelayMs));
      return digest(...args);
    };
  });
  return {
    quick: () =>
      page.evaluate(() => {
        (window as unknown as { digestDelayMs: number }).digestDelayMs = 0;
      }),
  };
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

/**
 * Bytes sent twice after a break at about half the file: none below zero, and less than half
 * the file. What is lost is at most what was in flight (the sender's buffer, up to its 4 MiB
 * high mark) and what the receiver had not checkpointed yet (about a MiB); a send from the start
 * would repeat the whole half.
 */
function expectOnlyTheRest(again: number, size: number) {
  expect(again).toBeGreaterThanOrEqual(0);
  expect(again).toBeLessThan(size / 2);
}

function logResent(what: string, again: number, size: number, handshakeMs: number) {
  const share = ((again / size) * 100).toFixed(2);
  console.log(`resume (${what}): re-sent ${again} bytes (${share}%), to resumed ${handshakeMs} ms`);
}

/**
 * The sender `bob` reloads at `atPercent` of `file` going to `alice`; returns the input where it
 * chooses the file again, once enabled.
 */
async function reloadSender(alice: Page, bob: Page, file: TestFile, atPercent: number) {
  await pickFiles(bob, [file]);
  await reachPercent(bob, `Sending ${file.name}`, atPercent);
  // The sender's page reloads: its File objects are gone, the room link in its address is not.
  await bob.reload();
  await expect(incoming(alice, file.name)).toHaveAttribute('data-state', 'interrupted');
  const choose = bob.getByLabel(`Choose ${file.name} again`);
  await expect(choose).toBeEnabled({ timeout: 30_000 });
  // The sender is back: the receiver still shows what was interrupted until it goes on.
  await expect(incoming(alice, file.name)).toHaveAttribute('data-state', 'interrupted');
  return choose;
}

test('a room resumes a cut file: the sender reloaded and chose it again (only the rest; a changed file from the start), the receiver went away or reloaded and came back (only the rest)', async ({
  browser,
  servers,
}) => {
  // Four cuts and resumes in one room, each a few seconds of transfer under the speed limit.
  test.setTimeout(240_000);
  // Alice creates the room, Bob joins. Each counts what it sends from its next page load on (the
  // Settings page's), and has a speed limit so that a cut lands mid-file.
  const [alice, bob] = await Promise.all([
    (async () => {
      const page = await device(browser, servers.app);
      // A slow receiver: it computes verification codes late, so a sender that came back must
      // still be told which device it is and be offered the part held.
      const { quick } = await slowDevice(page);
      const sentBytes = (await watchSentBytes(page)).total;
      await saveSettings(page, { speedLimitMB: 2 });
      return { page, sentBytes, quick };
    })(),
    (async () => {
      const page = await device(browser, servers.app);
      const sentBytes = (await watchSentBytes(page)).total;
      await saveSettings(page, { speedLimitMB: 1 });
      return { page, sentBytes };
    })(),
  ]);
  const link = await connectRoom(alice.page, bob.page);
  await alice.page.getByLabel('Ask before accepting incoming files').uncheck();
  await bob.page.getByLabel('Ask before accepting incoming files').uncheck();

  await test.step('a sender whose page reloaded chooses the file again, and only the rest is sent', async () => {
    // 6 MiB at 1 MB/s: about 6 s, so the reload at half way lands mid-file.
    const file = makeFile('again.bin', 6 * MiB);
    const before = await bob.sentBytes();
    const choose = await reloadSender(alice.page, bob.page, file, 50);
    const back = Date.now();
    await choose.setInputFiles(file.path);
    await expect(outgoing(bob.page, 'again.bin')).toContainText('Resumed at', {
      timeout: 30_000,
    });
    const handshake = Date.now() - back;
    await expectDone(alice.page, 'again.bin', 60_000);
    expect(await download(alice.page, 'again.bin')).toEqual({
      name: 'again.bin',
      sha256: file.sha256,
    });
    const again = (await bob.sentBytes()) - before - file.size;
    logResent('sender reloaded', again, file.size, handshake);
    expectOnlyTheRest(again, file.size);
    await alice.quick();
  });

  await test.step('a file that changed since the transfer began is detected and sent from the start', async () => {
    const first = makeFile('same.bin', 4 * MiB);
    // Same name, same size, other bytes.
    const changed = makeFile('same.bin', 4 * MiB);
    const choose = await reloadSender(alice.page, bob.page, first, 30);
    await choose.setInputFiles(changed.path);
    await expectDone(alice.page, 'same.bin', 60_000);
    await expect(incoming(alice.page, 'same.bin')).toContainText(
      'file changed since the transfer began',
    );
    await expect(outgoing(bob.page, 'same.bin')).toContainText('sent again from the start');
    expect(await download(alice.page, 'same.bin')).toEqual({
      name: 'same.bin',
      sha256: changed.sha256,
    });
  });

  let receiver = bob.page;
  await test.step('a receiver that went away comes back, waits for the part a closed page still holds, and only the rest is sent', async () => {
    // 16 MiB at 2 MB/s: the bytes sent twice (up to the sender's 4 MiB buffer, filled until it
    // sees the receiver gone, and a MiB not checkpointed) stay well under the half received.
    const file = makeFile('big.bin', 16 * MiB);
    const before = await alice.sentBytes();
    await pickFiles(alice.page, [file]);
    await reachPercent(receiver, 'Receiving big.bin', 50);
    // The receiver's page closes mid-transfer; its device (the browser context) and storage stay.
    const bobDevice = receiver.context();
    await receiver.close();
    // The sender's note and its progress bar give the same figure.
    const sent = outgoing(alice.page, 'big.bin');
    await expect(sent).toHaveAttribute('data-state', 'interrupted');
    const noted = /Interrupted at (\d+)%/.exec((await sent.textContent()) ?? '')?.[1];
    expect(noted).toBeDefined();
    await expect(sent.getByRole('progressbar')).toHaveAttribute('aria-valuenow', noted!);
    await expect(pickerStatus(alice.page)).toHaveText(/Waiting for a device to join or come back/);

    // Bob comes back on a new page of the same device.
    receiver = await bobDevice.newPage();
    await receiver.goto('/#/file');
    const interrupted = receiver.getByRole('list', { name: 'Interrupted transfers' });
    await expect(interrupted.getByText('big.bin')).toBeVisible();
    // Another page of the device still holds the part's file, as a page just closed does.
    const holderPage = await bobDevice.newPage();
    const holder = await holdStoredParts(holderPage);
    const back = Date.now();
    await receiver.goto(link);
    await expect(incoming(receiver, 'big.bin')).toContainText(
      'Waiting for a page that was closed to let go of the stored part…',
    );
    await holder.release();
    await holderPage.close();
    await expect(sent).toContainText('Resumed at', { timeout: 30_000 });
    const handshake = Date.now() - back;
    await expectDone(receiver, 'big.bin', 60_000);
    await expect(incoming(receiver, 'big.bin')).toContainText('Resumed at');
    expect(await download(receiver, 'big.bin')).toEqual({ name: 'big.bin', sha256: file.sha256 });
    const again = (await alice.sentBytes()) - before - file.size;
    logResent('receiver back', again, file.size, handshake);
    expectOnlyTheRest(again, file.size);
    await expect(interrupted).toHaveCount(0);
  });

  await test.step('a slow receiver whose page reloads mid-file comes back and resumes', async () => {
    // 8 MiB at 2 MB/s: about 4 s, so the reload lands mid-file, after a checkpoint.
    const file = makeFile('reloaded.bin', 8 * MiB);
    await pickFiles(alice.page, [file]);
    await reachPercent(receiver, 'Receiving reloaded.bin', 25);
    // A slow device: the reloaded page takes a second longer to compute the verification code,
    // so the sender's first messages (its device id) reach it before its File tool listens.
    await slowDevice(receiver);
    // The reloaded page opens the room link again at once, while the old page's worker may
    // still hold the part's file.
    await receiver.reload();
    await expect(outgoing(alice.page, 'reloaded.bin')).toContainText('Resumed at');
    await expectDone(receiver, 'reloaded.bin', 60_000);
    await expect(incoming(receiver, 'reloaded.bin')).toContainText('Resumed at');
    expect(await download(receiver, 'reloaded.bin')).toEqual({
      name: 'reloaded.bin',
      sha256: file.sha256,
    });
  });
});
