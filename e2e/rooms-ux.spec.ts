import jsQR from 'jsqr';
import { PNG } from 'pngjs';
import { expect, test } from './fixtures';
import {
  connectedStatus,
  fromDevice,
  createRoom,
  device,
  saveSettings,
  verificationCodeOf,
} from './rooms';
import { freePort, startPipingServer } from './servers';

const roomIdOf = (link: string) => new URL(link).hash.match(/room=([^&]+)/)![1];

test('the room picker: QR code, copy, cancel, the joiner first, recent rooms, and a message for each signaling failure', async ({
  browser,
  servers,
}) => {
  test.setTimeout(300_000);
  const alice = await device(browser, servers.app);
  await alice.goto('/#/text');
  const link = await createRoom(alice);
  const roomId = roomIdOf(link);

  await test.step('the QR code encodes the room link', async () => {
    const qr = alice.getByRole('img', { name: 'QR code of the room link' });
    const png = PNG.sync.read(await qr.screenshot());
    const decoded = jsQR(new Uint8ClampedArray(png.data), png.width, png.height);
    expect(decoded?.data).toBe(link);
  });

  await test.step('the link can be copied', async () => {
    await alice.getByRole('button', { name: 'Copy link' }).click();
    await expect(alice.getByText('Copied.')).toBeVisible();
    expect(await alice.evaluate(() => navigator.clipboard.readText())).toBe(link);
  });

  await test.step('Cancel while waiting leaves no pending request on the server', async () => {
    await alice.getByRole('button', { name: 'Cancel' }).click();
    await expect(alice.getByRole('status').first()).toHaveText('Left the room.');
    // The creator was reading the lobby: were its GET still there, a second GET would get 400
    // at once ("the number of receivers has reached limits"). A freed path makes the probe wait
    // for a sender instead. The abort needs a moment to travel through the proxy.
    const probes: AbortController[] = [];
    await expect
      .poll(
        async () => {
          const abort = new AbortController();
          probes.push(abort);
          const answer = fetch(`${servers.piping}/${roomId}/lobby`, {
            signal: abort.signal,
          }).then(
            async (response) => (await response.text(), response.status),
            () => 'waiting',
          );
          const waited = new Promise((resolve) => setTimeout(() => resolve('waiting'), 200));
          return Promise.race([answer, waited]);
        },
        { timeout: 1000, intervals: [50] },
      )
      .toBe('waiting');
    for (const probe of probes) probe.abort();
  });

  await test.step('the joiner may come first: the creator rejoins from recent rooms', async () => {
    const bob = await device(browser, servers.app);
    await bob.goto(link);
    await expect(bob.getByRole('status').first()).toHaveText(/Waiting for the room's creator/);

    await alice.getByRole('button', { name: `Rejoin room ${roomId.slice(0, 6)}` }).click();
    const code = await verificationCodeOf(alice);
    expect(await verificationCodeOf(bob)).toBe(code);
    await bob.getByRole('textbox', { name: 'Message' }).fill('I was here first');
    await bob.getByRole('textbox', { name: 'Message' }).press('Enter');
    await expect(alice.getByRole('log', { name: 'Chat' }).getByRole('listitem')).toHaveText([
      fromDevice('I was here first'),
    ]);
    await alice.getByRole('button', { name: 'Leave' }).click();
    await expect(alice.getByRole('button', { name: 'Create room' })).toBeEnabled();
    await bob.context().close();
  });

  await test.step('recent rooms keep secrets only when asked to', async () => {
    // The first room was made while secrets were not kept.
    const firstId = roomId.slice(0, 6);
    await alice.getByLabel('Remember room secrets on this device').check();
    const second = await createRoom(alice);
    const secondId = roomIdOf(second).slice(0, 6);
    await alice.getByRole('button', { name: 'Cancel' }).click();

    await alice.reload();
    await alice.getByLabel('Room (other devices)').check();
    await expect(alice.getByRole('button', { name: `Rejoin room ${secondId}` })).toBeVisible();
    await expect(alice.getByRole('button', { name: `Rejoin room ${firstId}` })).toHaveCount(0);
    await expect(alice.getByRole('listitem').filter({ hasText: firstId })).toContainText(
      'secret not kept',
    );
    await alice.getByRole('button', { name: `Forget room ${firstId}` }).click();
    await expect(alice.getByRole('listitem').filter({ hasText: firstId })).toHaveCount(0);
  });

  await test.step('a piping-server stopped mid-handshake gets its own message', async () => {
    const own = await startPipingServer({ lifetimeSeconds: 120 });
    try {
      await saveSettings(alice, { pipingUrl: own.url });
      await alice.goto('/#/text');
      await createRoom(alice);
      await expect(alice.getByRole('status').first()).toHaveText(/Waiting for the peer/);
      await own.stop();
      await expect(alice.getByRole('alert').filter({ hasText: 'Lost contact' })).toHaveText(
        `Lost contact with the piping-server at ${own.url} (it stopped answering mid-handshake).`,
      );
      await expect(alice.getByRole('button', { name: 'Create room' })).toBeEnabled();
    } finally {
      await own.stop();
    }
  });

  await test.step('an unreachable piping-server gets its own message', async () => {
    const closed = await freePort();
    // The shortest time-out Settings takes, for the last step.
    await saveSettings(alice, { pipingUrl: `http://127.0.0.1:${closed}`, timeout: 5 });
    await alice.goto('/#/text');
    await alice.getByLabel('Room (other devices)').check();
    await alice.getByRole('button', { name: 'Create room' }).click();
    await expect(
      alice.getByRole('alert').filter({ hasText: 'Cannot reach the piping-server' }),
    ).toHaveText(
      `Cannot reach the piping-server at http://127.0.0.1:${closed}: check the URL in Settings and your network.`,
    );
  });

  await test.step('a server that is not a piping-server is named as such', async () => {
    // The app's own static server answers /version with the app's HTML.
    await saveSettings(alice, { pipingUrl: servers.app });
    await alice.goto('/#/text');
    await alice.getByLabel('Room (other devices)').check();
    await alice.getByRole('button', { name: 'Create room' }).click();
    await expect(alice.getByRole('alert').filter({ hasText: 'not a piping-server' })).toBeVisible();
    await expect(alice.getByRole('button', { name: 'Create room' })).toBeEnabled();
  });

  await test.step('the picker works after: a server set in Settings is named in the link', async () => {
    await saveSettings(alice, { pipingUrl: servers.piping });
    await alice.goto('/#/text');
    const named = await createRoom(alice);
    expect(named).toContain(`s=${encodeURIComponent(servers.piping)}`);
  });

  await test.step('nobody joining gives the time-out message with the configured time', async () => {
    await expect(alice.getByRole('status').first()).toHaveText(
      /Waiting for the peer to open the link… 0:0\d/,
    );
    await expect(alice.getByRole('alert').filter({ hasText: 'No one joined' })).toHaveText(
      'No one joined the room within 5 s. Share the link, then create a room again.',
    );
    await expect(alice.getByRole('button', { name: 'Create room' })).toBeEnabled();
  });
});

test('LAN mode: HTTPS on its own port, a room connects through it', async ({ browser }) => {
  test.setTimeout(90_000);
  const port = await freePort();
  const { spawn } = await import('node:child_process');
  const child = spawn('node', ['scripts/start.mjs', '--lan', '--host', '127.0.0.1'], {
    env: { ...process.env, PORT: String(port), CI: '' },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  try {
    const url = `https://127.0.0.1:${port}/`;
    await new Promise<void>((resolve, reject) => {
      let out = '';
      child.stdout!.on('data', (d) => {
        out += d;
        if (out.includes('dckit is running')) resolve();
      });
      child.once('exit', () => reject(new Error(`start --lan exited: ${out}`)));
    });
    const contexts = await Promise.all([
      browser.newContext({ baseURL: url, ignoreHTTPSErrors: true }),
      browser.newContext({ baseURL: url, ignoreHTTPSErrors: true }),
    ]);
    const [alice, bob] = await Promise.all(contexts.map((c) => c.newPage()));
    await alice.goto('/#/text');
    expect(await alice.evaluate(() => window.isSecureContext)).toBe(true);
    const link = await createRoom(alice);
    expect(link.startsWith(url)).toBe(true);
    await bob.goto(link);
    await expect(bob.getByRole('status').first()).toHaveText(connectedStatus, { timeout: 30_000 });
    await expect(alice.getByRole('status').first()).toHaveText(connectedStatus);
  } finally {
    child.kill('SIGTERM');
  }
});
