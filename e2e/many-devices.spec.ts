import type { Browser, Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { download, makeFile, pickFiles } from './files';
import { createRoom, device, saveSettings, verificationCodeOf } from './rooms';

/** A device that calls itself `name`; `prepare` runs before its first page load. */
async function named(
  browser: Browser,
  app: string,
  name: string,
  prepare?: (page: Page) => Promise<void>,
  speedLimitMB?: number,
): Promise<Page> {
  const page = await device(browser, app);
  await prepare?.(page);
  await saveSettings(page, { name, ...(speedLimitMB !== undefined ? { speedLimitMB } : {}) });
  return page;
}

/** Records the data channels a joiner's page receives, so a test can speak on one. */
async function recordChannels(page: Page): Promise<void> {
  await page.addInitScript(() => {
    const channels: RTCDataChannel[] = [];
    (window as unknown as { __channels: RTCDataChannel[] }).__channels = channels;
    const Native = window.RTCPeerConnection;
    window.RTCPeerConnection = class extends Native {
      constructor(config?: RTCConfiguration) {
        super(config);
        this.addEventListener('datachannel', ({ channel }) => channels.push(channel));
      }
    };
  });
}

/** Alice creates a room on `tool`; Bob and Carol join it at the same moment. */
async function roomOfThree(alice: Page, bob: Page, carol: Page, tool: string): Promise<void> {
  await alice.goto(`/#/${tool}`);
  const link = await createRoom(alice);
  // Both open the link at the same moment: one knocks while the other's knock is read.
  await Promise.all([bob.goto(link), carol.goto(link)]);
  await verificationCodeOf(bob);
  await verificationCodeOf(carol);
  await expect(alice.getByRole('status').first()).toHaveText(/Connected to 2 devices\./);
}

function peerRow(page: Page, name: string) {
  return page
    .getByRole('list', { name: 'Devices in this room' })
    .getByRole('listitem')
    .filter({ has: page.getByText(name, { exact: true }) });
}

async function chat(page: Page, text: string) {
  await page.getByRole('textbox', { name: 'Message' }).fill(text);
  await page.getByRole('textbox', { name: 'Message' }).press('Enter');
}

function chatLog(page: Page) {
  return page.getByRole('log', { name: 'Chat' }).getByRole('listitem');
}

test('three devices: per-peer codes and a group chat, one leaving; a bulk room is full at two; a file to both joiners, one closing mid-transfer', async ({
  browser,
  servers,
}) => {
  test.setTimeout(300_000);
  // Alice sends files at 1 MB/s to each: Carol's browser closes while her file is still coming.
  const [alice, bob, carol] = await Promise.all([
    named(browser, servers.app, 'Alice', undefined, 1),
    named(browser, servers.app, 'Bob', recordChannels),
    named(browser, servers.app, 'Carol'),
  ]);
  const carolContext = carol.context();
  await test.step('two joiners knock at the same moment: both get into the text room', () =>
    roomOfThree(alice, bob, carol, 'text'));

  await test.step('per-peer codes: each joiner sees the one the creator shows for it', async () => {
    // Each joiner's code is the one the creator shows for it, and the two connections differ.
    const bobCode = await verificationCodeOf(bob);
    const carolCode = await verificationCodeOf(carol);
    await expect(peerRow(alice, 'Bob')).toContainText(`Verification code: ${bobCode}`);
    await expect(peerRow(alice, 'Carol')).toContainText(`Verification code: ${carolCode}`);
    expect(bobCode).not.toBe(carolCode);
    await expect(bob.getByRole('list', { name: "The room's creator" })).toContainText('Alice');
  });

  await test.step('a group chat with names reaches everyone', async () => {
    await chat(bob, 'hi from bob');
    await expect(chatLog(alice)).toHaveText(['Bobhi from bob']);
    await expect(chatLog(carol)).toHaveText(['Bobhi from bob']);
    await chat(alice, 'hello both');
    await chat(carol, 'carol here 你好');
    const everyone = ['Bobhi from bob', 'Alicehello both', 'Carolcarol here 你好'];
    await expect(chatLog(bob)).toHaveText(everyone.map((l) => l.replace(/^Bob/, 'You')));
    await expect(chatLog(alice)).toHaveText(everyone.map((l) => l.replace(/^Alice/, 'You')));
    await expect(chatLog(carol)).toHaveText(everyone.map((l) => l.replace(/^Carol/, 'You')));
  });

  await test.step("a relayed frame forged in another joiner's name is dropped", async () => {
    // Bob's page forges a relayed frame in Carol's name: only the creator relays, so Alice
    // drops it.
    await bob.evaluate(() => {
      const [channel] = (window as unknown as { __channels: RTCDataChannel[] }).__channels;
      const name = new TextEncoder().encode('Carol');
      const text = new TextEncoder().encode('forged');
      channel!.send(new Uint8Array([name.length, ...name, ...text]));
    });
    await chat(bob, 'after the forgery');
    await expect(chatLog(alice).last()).toHaveText('Bobafter the forgery');
    await expect(chatLog(alice)).toHaveCount(4);
    await expect(chatLog(carol).last()).toHaveText('Bobafter the forgery');
  });

  await test.step('one leaving: Alice sees Carol go, and Alice and Bob go on', async () => {
    // Carol closes her tab.
    await carol.close();
    await expect(peerRow(alice, 'Carol')).toHaveAttribute('data-state', 'left');
    await expect(alice.getByRole('status').first()).toHaveText(/^Connected to the peer\./);
    await chat(alice, 'still here?');
    await expect(chatLog(bob).last()).toHaveText('Alicestill here?');
    await chat(bob, 'yes');
    await expect(chatLog(alice).last()).toHaveText('Bobyes');
  });

  // Carol comes back in a new tab of her browser.
  const carolAgain = await carolContext.newPage();

  await test.step('a bulk room takes one joiner: a second one is told the room is full', async () => {
    await alice.goto('/#/bulk');
    const link = await createRoom(alice);
    await bob.goto(link);
    const code = await verificationCodeOf(bob);
    await carolAgain.goto(link);
    await expect(carolAgain.getByRole('alert').filter({ hasText: 'The room is full' })).toHaveText(
      'The room is full: this tool connects its creator with one other device only.',
    );
    await expect(alice.getByRole('alert').filter({ hasText: 'turned away' })).toHaveText(
      'A device was turned away: this tool connects two devices only.',
    );
    expect(await verificationCodeOf(alice)).toBe(code);
  });

  await test.step('two joiners knock at the same moment: both get into the file room', async () => {
    await roomOfThree(alice, bob, carolAgain, 'file');
    for (const page of [bob, carolAgain]) {
      await page.getByLabel('Ask before accepting incoming files').uncheck();
    }
  });

  await test.step('a file to both joiners arrives byte-identical', async () => {
    const both = makeFile('both.bin', 1024 * 1024);
    await pickFiles(alice, [both]);
    for (const page of [bob, carolAgain]) {
      const item = page.getByRole('list', { name: 'Incoming files' }).getByRole('listitem');
      await expect(item).toHaveAttribute('data-state', 'done', { timeout: 60_000 });
      expect(await download(page, 'both.bin')).toEqual({ name: 'both.bin', sha256: both.sha256 });
    }
    await expect(
      alice.getByRole('list', { name: 'Outgoing files to Bob' }).getByRole('listitem'),
    ).toHaveAttribute('data-state', 'done');
  });

  await test.step("one joiner's browser closing mid-transfer stops no one else", async () => {
    // At 1 MB/s, 3 MiB takes three seconds to each joiner.
    const second = makeFile('second.bin', 3 * 1024 * 1024);
    await pickFiles(alice, [second]);
    const carolBar = carolAgain.getByRole('progressbar', { name: 'Receiving second.bin' });
    await expect
      .poll(async () => Number(await carolBar.getAttribute('aria-valuenow')))
      .toBeGreaterThan(0);
    // Her tab closes first, as when a person closes a browser. Closing a Firefox context at once
    // also clears its storage while the page still runs: the receiver's writes then fail and it
    // rightly tells the sender its storage failed, which is not what this test is about.
    await carolAgain.close();
    await carolContext.close();
    const toCarol = alice
      .getByRole('list', { name: 'Outgoing files to Carol' })
      .getByRole('listitem')
      .filter({ hasText: 'second.bin' });
    // Kept, with its file, for Carol to come back to.
    await expect(toCarol).toHaveAttribute('data-state', 'interrupted');
    await expect(toCarol).toContainText('It resumes when the receiver connects again.');
    // A browser closed mid-transfer may say goodbye (left) or just vanish (failed, once ICE
    // gives up).
    await expect(peerRow(alice, 'Carol')).toHaveAttribute('data-state', /^(left|failed)$/);
    const toBob = bob
      .getByRole('list', { name: 'Incoming files' })
      .getByRole('listitem')
      .filter({ hasText: 'second.bin' });
    await expect(toBob).toHaveAttribute('data-state', 'done', { timeout: 90_000 });
    expect(await download(bob, 'second.bin')).toEqual({
      name: 'second.bin',
      sha256: second.sha256,
    });
  });

  await test.step('joiners send to the creator', async () => {
    const reply = makeFile('reply.txt', 7000);
    await alice.getByLabel('Ask before accepting incoming files').uncheck();
    await pickFiles(bob, [reply]);
    const fromBob = alice
      .getByRole('list', { name: 'Incoming files from Bob' })
      .getByRole('listitem');
    await expect(fromBob).toHaveAttribute('data-state', 'done');
    expect(await download(alice, 'reply.txt')).toEqual({
      name: 'reply.txt',
      sha256: reply.sha256,
    });
  });
});
