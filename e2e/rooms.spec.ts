import { spawnSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import { expect, test } from './fixtures';
import { incoming, makeFile, outgoing, pickFiles } from './files';
import { tempDir } from './temp';
import {
  connectedStatus,
  fromDevice,
  createRoom,
  device,
  persistentDevice,
  saveSettings,
  verificationCodeOf,
} from './rooms';

test('two devices chat through a room, both ways, creator first', async ({ browser, servers }) => {
  const alice = await device(browser, servers.app);
  const bob = await device(browser, servers.app);
  await alice.goto('/#/text');
  const link = await createRoom(alice);
  expect(link).not.toContain('&s='); // the embedded server is the default, so not in the link
  await expect(alice.getByRole('status').first()).toHaveText(
    /Waiting for the peer to open the link/,
  );

  await bob.goto(link);
  const code = await verificationCodeOf(bob);
  expect(await verificationCodeOf(alice)).toBe(code);

  await alice.getByRole('textbox', { name: 'Message' }).fill('hi bob 👋');
  await alice.getByRole('textbox', { name: 'Message' }).press('Enter');
  await expect(bob.getByRole('log', { name: 'Chat' }).getByRole('listitem')).toHaveText([
    fromDevice('hi bob 👋'),
  ]);
  await bob.getByRole('textbox', { name: 'Message' }).fill('hi alice');
  await bob.getByRole('button', { name: 'Send' }).click();
  await alice.getByRole('textbox', { name: 'Message' }).fill('how are you?');
  await alice.getByRole('button', { name: 'Send' }).click();
  await expect(alice.getByRole('log', { name: 'Chat' }).getByRole('listitem')).toHaveText([
    'Youhi bob 👋',
    fromDevice('hi alice'),
    'Youhow are you?',
  ]);
  await expect(bob.getByRole('log', { name: 'Chat' }).getByRole('listitem')).toHaveText([
    fromDevice('hi bob 👋'),
    'Youhi alice',
    fromDevice('how are you?'),
  ]);

  // Bob leaves: Alice is told, her room stays open, and she can create a new one that Bob joins.
  await bob.getByRole('button', { name: 'Leave' }).click();
  await expect(bob.getByRole('status').first()).toHaveText('Left the room.');
  await expect(bob).toHaveURL(/#\/text$/);
  await expect(alice.getByRole('status').first()).toHaveText(
    /^Waiting for a device to join or come back… /,
  );
  await expect(alice.locator('connection-picker').getByRole('alert')).toHaveText(
    /^Device \w{4} left\. The room stays open: it can come back with the same link\.$/,
  );
  await expect(alice.getByRole('log', { name: 'Chat' }).getByRole('listitem')).toHaveCount(3);
  await alice.getByRole('button', { name: 'Close room' }).click();

  const second = await createRoom(alice);
  expect(second).not.toBe(link);
  await bob.goto(second);
  await expect(bob.getByRole('status').first()).toHaveText(connectedStatus, { timeout: 20_000 });
  await alice.getByRole('textbox', { name: 'Message' }).fill('new room');
  await alice.getByRole('textbox', { name: 'Message' }).press('Enter');
  await expect(bob.getByRole('log', { name: 'Chat' }).getByRole('listitem')).toHaveText([
    fromDevice('new room'),
  ]);
});

test('a joiner with a wrong secret gets the verification error and no connection', async ({
  browser,
  servers,
}) => {
  const alice = await device(browser, servers.app);
  const mallory = await device(browser, servers.app);
  await alice.goto('/#/text');
  const link = await createRoom(alice);
  const wrong = link.replace(/k=[^&]+/, `k=${'A'.repeat(42)}E`);
  expect(wrong).not.toBe(link);
  await mallory.goto(wrong);
  await expect(
    mallory.getByRole('alert').filter({ hasText: /could not be verified/ }),
  ).toBeVisible();
  await expect(mallory.getByRole('status').first()).toHaveText('Not connected.');
  await expect(alice.getByRole('status').first()).not.toHaveText(connectedStatus);
  await expect(alice.getByRole('status').first()).toHaveText(/Waiting for the peer/);
});

test('a knock POSTed in the lobby by a third party is turned away; real joiners still get in', async ({
  browser,
  servers,
}) => {
  const alice = await device(browser, servers.app);
  const bob = await device(browser, servers.app);
  await alice.goto('/#/text');
  const link = await createRoom(alice);
  const roomId = new URL(link).hash.match(/room=([^&]+)/)![1];
  // Where joiners knock: a third party who learned the room id but not its secret.
  const forged = await fetch(`${servers.piping}/${roomId}/lobby`, {
    method: 'POST',
    body: `${'A'.repeat(16)}.${'B'.repeat(60)}`,
  });
  expect(forged.ok).toBe(true);
  await forged.text();
  await expect(
    alice.getByRole('alert').filter({ hasText: /could not be verified\), and was turned away/ }),
  ).toBeVisible();
  await expect(alice.getByRole('status').first()).toHaveText(/Waiting for the peer/);
  await bob.goto(link);
  const code = await verificationCodeOf(bob);
  expect(await verificationCodeOf(alice)).toBe(code);
});

test('rooms use the stored ICE list: relay-only policy connects through the coturn', async ({
  browser,
  servers,
}) => {
  const alice = await device(browser, servers.app);
  const bob = await device(browser, servers.app);
  for (const page of [alice, bob]) await saveSettings(page, { policy: 'relay' });
  await alice.goto('/#/text');
  const link = await createRoom(alice);
  await bob.goto(link);
  await verificationCodeOf(bob);
  await verificationCodeOf(alice);
  for (const page of [alice, bob]) {
    await page.getByText('Connection details').click();
    const details = page.getByRole('region', { name: 'Connection details' });
    await expect(details.locator('dd').first()).toHaveText(/relay 127\.0\.0\.1:\d+ udp/);
  }
  await alice.getByRole('textbox', { name: 'Message' }).fill('through TURN');
  await alice.getByRole('textbox', { name: 'Message' }).press('Enter');
  await expect(bob.getByRole('log', { name: 'Chat' }).getByRole('listitem')).toHaveText([
    fromDevice('through TURN'),
  ]);
});

test('a room after a loopback run on the same tool connects', async ({ browser, servers }) => {
  const alice = await device(browser, servers.app);
  const bob = await device(browser, servers.app);
  await alice.goto('/#/file');
  await alice.getByRole('button', { name: 'Start' }).click();
  await expect(alice.getByRole('status').first()).toHaveText(
    'Connected: the data channel is open.',
  );
  await alice.getByRole('button', { name: 'Stop' }).click();
  const link = await createRoom(alice);
  await bob.goto(link);
  const code = await verificationCodeOf(bob);
  expect(await verificationCodeOf(alice)).toBe(code);
});

test('a device whose browser is killed mid-transfer is noticed by the heartbeat', async ({
  browser,
  servers,
}) => {
  const profile = tempDir('killed');
  try {
    const alice = await device(browser, servers.app);
    const bob = await persistentDevice(browser.browserType(), servers.app, profile);
    // Under the 1 MB/s limit, 8 MiB is still going when Bob's browser dies.
    await saveSettings(alice, { speedLimitMB: 1 });
    await alice.goto('/#/file');
    const link = await createRoom(alice);
    await bob.page.goto(link);
    await verificationCodeOf(bob.page);
    await verificationCodeOf(alice);
    await bob.page.getByLabel('Ask before accepting incoming files').uncheck();
    await pickFiles(alice, [makeFile('cut.bin', 8 * 1024 * 1024)]);
    await expect(incoming(bob.page, 'cut.bin')).toHaveAttribute('data-state', 'receiving');
    // The whole browser dies at once: nothing says goodbye (no page-hide, no SCTP abort), and
    // ICE alone would take half a minute to give up on the path. Every process is frozen before
    // any is killed: a process that outlived another (Firefox's parent, seeing its content
    // process die) would otherwise close the connection gracefully.
    spawnSync('pkill', ['-STOP', '-f', profile]);
    spawnSync('pkill', ['-KILL', '-f', profile]);
    await expect(alice.locator('connection-picker').getByRole('alert')).toHaveText(
      /The other device stopped answering: its page was closed or its network dropped\./,
    );
    await expect(outgoing(alice, 'cut.bin')).toHaveAttribute('data-state', 'interrupted');
    await bob.context.close().catch(() => {});
  } finally {
    rmSync(profile, { recursive: true, force: true });
  }
});
