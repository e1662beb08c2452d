import type { Page } from '@playwright/test';
import { rmSync } from 'node:fs';
import { expect, test } from './fixtures';
import {
  download,
  expectDone,
  incoming,
  makeFile,
  outgoing,
  pickFiles,
  reachPercent,
  storedFiles,
} from './files';
import { connectRoom, device, persistentDevice, pickerStatus, saveSettings } from './rooms';
import { tempDir } from './temp';
import { watchSentBytes } from './sent-bytes';

const MiB = 1024 * 1024;
/**
 * The resumed files: 16 MiB, checkpointed every MiB (a sixteenth), sent under the Settings speed
 * limit of 2 MB/s so that a reload or a close lands mid-file (about 8 s a file).
 */
const SIZE = 16 * MiB;
const SLOW = 2;

test('a receiver that went away comes back, and only the rest of the file is sent', async ({
  browser,
  servers,
}) => {
  const profile = tempDir('resume');
  try {
    const alice = await device(browser, servers.app);
    // Counted from the next page load on: the Settings page's.
    const sentBytes = (await watchSentBytes(alice)).total;
    // Slower still: until the sender sees the receiver is gone, it goes on filling the channel's
    // buffer (to its high mark), and those bytes are sent again.
    await saveSettings(alice, { speedLimitMB: 1 });
    let bob = await persistentDevice(browser.browserType(), servers.app, profile);
    const link = await connectRoom(alice, bob.page);
    await bob.page.getByLabel('Ask before accepting incoming files').uncheck();
    const file = makeFile('big.bin', SIZE);
    await pickFiles(alice, [file]);
    await reachPercent(bob.page, 'Receiving big.bin', 50);
    // The receiving device goes away mid-transfer, storage and all kept.
    await bob.context.close();
    await expect(outgoing(alice, 'big.bin')).toHaveAttribute('data-state', 'interrupted');
    await expect(pickerStatus(alice)).toHaveText(/Waiting for a device to join or come back/);

    bob = await persistentDevice(browser.browserType(), servers.app, profile);
    await bob.page.goto('/#/file');
    await expect(
      bob.page.getByRole('list', { name: 'Interrupted transfers' }).getByText('big.bin'),
    ).toBeVisible();
    const back = Date.now();
    await bob.page.goto(link);
    await expect(outgoing(alice, 'big.bin')).toContainText('Resumed at', { timeout: 30_000 });
    const handshake = Date.now() - back;
    await expectDone(bob.page, 'big.bin', 60_000);
    await expect(incoming(bob.page, 'big.bin')).toContainText('Resumed at');
    expect(await download(bob.page, 'big.bin')).toEqual({ name: 'big.bin', sha256: file.sha256 });
    const again = (await sentBytes()) - file.size;
    console.log(
      `resume (receiver back): re-sent ${again} bytes (${((again / file.size) * 100).toFixed(2)}%), rejoin to resumed ${handshake} ms`,
    );
    expectOnlyTheRest(again, file.size);
    await expect(bob.page.getByRole('list', { name: 'Interrupted transfers' })).toHaveCount(0);
    await bob.context.close();
  } finally {
    rmSync(profile, { recursive: true, force: true });
  }
});

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

/** The joiner sends `first` to the creator, reloads at `atPercent`, and chooses `second` again. */
async function reloadAndChooseAgain(
  alice: Page,
  bob: Page,
  first: ReturnType<typeof makeFile>,
  second: ReturnType<typeof makeFile>,
  atPercent: number,
) {
  const sentBytes = (await watchSentBytes(bob)).total;
  await saveSettings(bob, { speedLimitMB: SLOW });
  await connectRoom(alice, bob);
  await alice.getByLabel('Ask before accepting incoming files').uncheck();
  await pickFiles(bob, [first]);
  await reachPercent(bob, `Sending ${first.name}`, atPercent);
  // The sender's page reloads: its File objects are gone, the room link in its address is not.
  await bob.reload();
  await expect(incoming(alice, first.name)).toHaveAttribute('data-state', 'interrupted');
  const choose = bob.getByLabel(`Choose ${first.name} again`);
  await expect(choose).toBeEnabled({ timeout: 30_000 });
  // The sender is back: the receiver still shows what was interrupted until it goes on.
  await expect(incoming(alice, first.name)).toHaveAttribute('data-state', 'interrupted');
  const back = Date.now();
  await choose.setInputFiles(second.path);
  return { back, sentBytes };
}

test('a sender whose page reloaded chooses the file again, and only the rest is sent', async ({
  browser,
  servers,
}) => {
  const alice = await device(browser, servers.app);
  const bob = await device(browser, servers.app);
  const file = makeFile('again.bin', SIZE);
  const { back, sentBytes } = await reloadAndChooseAgain(alice, bob, file, file, 50);
  await expect(outgoing(bob, 'again.bin')).toContainText('Resumed at', { timeout: 30_000 });
  const handshake = Date.now() - back;
  await expectDone(alice, 'again.bin', 60_000);
  expect(await download(alice, 'again.bin')).toEqual({ name: 'again.bin', sha256: file.sha256 });
  const again = (await sentBytes()) - file.size;
  console.log(
    `resume (sender reloaded): re-sent ${again} bytes (${((again / file.size) * 100).toFixed(2)}%), file chosen to resumed ${handshake} ms`,
  );
  expectOnlyTheRest(again, file.size);
});

test('a file that changed since the transfer began is detected and sent from the start', async ({
  browser,
  servers,
}) => {
  const alice = await device(browser, servers.app);
  const bob = await device(browser, servers.app);
  const first = makeFile('same.bin', SIZE);
  // Same name, same size, other bytes.
  const changed = makeFile('same.bin', SIZE);
  await reloadAndChooseAgain(alice, bob, first, changed, 20);
  await expectDone(alice, 'same.bin', 60_000);
  await expect(incoming(alice, 'same.bin')).toContainText('file changed since the transfer began');
  await expect(outgoing(bob, 'same.bin')).toContainText('sent again from the start');
  expect(await download(alice, 'same.bin')).toEqual({ name: 'same.bin', sha256: changed.sha256 });
});

test('loopback: Stop mid-transfer and Start resumes; a partial can be discarded on both sides', async ({
  page,
}) => {
  await saveSettings(page, { speedLimitMB: SLOW });
  await page.goto('/#/file');
  const start = async () => {
    await page.getByRole('button', { name: 'Start' }).click();
    await expect(pickerStatus(page)).toHaveText('Connected: the data channel is open.');
  };
  await start();
  const file = makeFile('loop.bin', SIZE);
  await pickFiles(page, [file]);
  await reachPercent(page, 'Receiving loop.bin', 25);
  await page.getByRole('button', { name: 'Stop' }).click();
  await expect(outgoing(page, 'loop.bin')).toHaveAttribute('data-state', 'interrupted');
  const kept = page.getByRole('list', { name: 'Interrupted transfers' }).getByRole('listitem');
  await expect(kept).toContainText('loop.bin');
  await expect(page.getByRole('button', { name: 'Resume loop.bin' }).first()).toBeDisabled();

  await start();
  await expectDone(page, 'loop.bin', 60_000);
  await expect(incoming(page, 'loop.bin')).toContainText('Resumed at');
  expect(await download(page, 'loop.bin')).toEqual({ name: 'loop.bin', sha256: file.sha256 });
  await expect(kept).toHaveCount(0);

  // Discarded on both sides: the list entries go, and so do the stored bytes.
  const other = makeFile('other.bin', SIZE);
  await pickFiles(page, [other]);
  await reachPercent(page, 'Receiving other.bin', 10);
  await page.getByRole('button', { name: 'Stop' }).click();
  await expect(kept).toContainText('other.bin');
  await page.getByRole('button', { name: 'Discard other.bin' }).first().click();
  await page.getByRole('button', { name: 'Discard other.bin' }).first().click();
  await expect(kept).toHaveCount(0);
  await expect(outgoing(page, 'other.bin')).toHaveCount(0);
  // Only loop.bin's content is left in storage.
  await expect.poll(() => storedFiles(page)).toHaveLength(1);
});

test('a partial nobody came back for is deleted after the age set in Settings', async ({
  page,
}) => {
  await saveSettings(page, { speedLimitMB: SLOW });
  await page.goto('/#/file');
  await page.getByRole('button', { name: 'Start' }).click();
  await expect(pickerStatus(page)).toHaveText('Connected: the data channel is open.');
  await pickFiles(page, [makeFile('stale.bin', SIZE)]);
  await reachPercent(page, 'Receiving stale.bin', 10);
  await page.getByRole('button', { name: 'Stop' }).click();
  const kept = page.getByRole('list', { name: 'Interrupted transfers' }).getByRole('listitem');
  await expect(kept).toContainText('stale.bin');
  // Six days on it is still kept (the default is seven), and its bytes with it.
  const day = 24 * 3600 * 1000;
  await page.clock.install({ time: Date.now() + 6 * day });
  await page.reload();
  await expect(kept).toContainText('stale.bin');
  await expect.poll(() => storedFiles(page)).toHaveLength(1);
  await page.clock.setSystemTime(Date.now() + 8 * day);
  await page.reload();
  await expect(page.getByRole('heading', { name: 'Receive', exact: true })).toBeVisible();
  await expect(kept).toHaveCount(0);
  await expect.poll(() => storedFiles(page)).toEqual([]);
});
