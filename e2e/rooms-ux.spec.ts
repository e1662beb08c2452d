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

test('the QR code encodes the room link', async ({ page }) => {
  await page.goto('/#/text');
  const link = await createRoom(page);
  const qr = page.getByRole('img', { name: 'QR code of the room link' });
  const png = PNG.sync.read(await qr.screenshot());
  const decoded = jsQR(new Uint8ClampedArray(png.data), png.width, png.height);
  expect(decoded?.data).toBe(link);
});

test('the link can be copied', async ({ browser, servers }) => {
  const page = await device(browser, servers.app);
  await page.goto('/#/text');
  const link = await createRoom(page);
  await page.getByRole('button', { name: 'Copy link' }).click();
  await expect(page.getByText('Copied.')).toBeVisible();
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(link);
});

test('an unreachable piping-server gets its own message, and the picker works after', async ({
  page,
  servers,
}) => {
  const closed = await freePort();
  await saveSettings(page, { pipingUrl: `http://127.0.0.1:${closed}`, timeout: 10 });
  await page.goto('/#/text');
  await page.getByLabel('Room (other devices)').check();
  await page.getByRole('button', { name: 'Create room' }).click();
  await expect(
    page.getByRole('alert').filter({ hasText: 'Cannot reach the piping-server' }),
  ).toHaveText(
    `Cannot reach the piping-server at http://127.0.0.1:${closed}: check the URL in Settings and your network.`,
  );
  // The picker is usable again: fix the URL and the room is created.
  await saveSettings(page, { pipingUrl: servers.piping });
  await page.goto('/#/text');
  const link = await createRoom(page);
  expect(link).toContain(`s=${encodeURIComponent(servers.piping)}`);
});

test('a server that is not a piping-server is named as such', async ({ page, servers }) => {
  // The app's own static server answers /version with the app's HTML.
  await saveSettings(page, { pipingUrl: servers.app, timeout: 10 });
  await page.goto('/#/text');
  await page.getByLabel('Room (other devices)').check();
  await page.getByRole('button', { name: 'Create room' }).click();
  await expect(page.getByRole('alert').filter({ hasText: 'not a piping-server' })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Create room' })).toBeEnabled();
});

test('a piping-server stopped mid-handshake gets its own message', async ({ page }) => {
  const own = await startPipingServer({ lifetimeSeconds: 120 });
  try {
    await saveSettings(page, { pipingUrl: own.url, timeout: 30 });
    await page.goto('/#/text');
    await createRoom(page);
    await expect(page.getByRole('status').first()).toHaveText(/Waiting for the peer/);
    await own.stop();
    await expect(page.getByRole('alert').filter({ hasText: 'Lost contact' })).toHaveText(
      `Lost contact with the piping-server at ${own.url} (it stopped answering mid-handshake).`,
    );
    await expect(page.getByRole('button', { name: 'Create room' })).toBeEnabled();
  } finally {
    await own.stop();
  }
});

test('nobody joining gives the time-out message with the configured time', async ({ page }) => {
  await saveSettings(page, { timeout: 5 });
  await page.goto('/#/text');
  await createRoom(page);
  await expect(page.getByRole('status').first()).toHaveText(
    /Waiting for the peer to open the link… 0:0\d/,
  );
  await expect(page.getByRole('alert').filter({ hasText: 'No one joined' })).toHaveText(
    'No one joined the room within 5 s. Share the link, then create a room again.',
  );
  await expect(page.getByRole('button', { name: 'Create room' })).toBeEnabled();
});

test('Cancel while waiting leaves no pending request on the server', async ({ page, servers }) => {
  await page.goto('/#/text');
  const link = await createRoom(page);
  const roomId = new URL(link).hash.match(/room=([^&]+)/)![1];
  await page.getByRole('button', { name: 'Cancel' }).click();
  await expect(page.getByRole('status').first()).toHaveText('Left the room.');
  // The creator was reading the lobby: were its GET still there, a second GET would get 400 at
  // once ("the number of receivers has reached limits"). A freed path makes the probe wait for a
  // sender instead. The abort needs a moment to travel through the proxy.
  const probes: AbortController[] = [];
  await expect
    .poll(
      async () => {
        const abort = new AbortController();
        probes.push(abort);
        const answer = fetch(`${servers.piping}/${roomId}/lobby`, { signal: abort.signal }).then(
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

test('the joiner may come first: the creator rejoins from recent rooms', async ({
  browser,
  servers,
}) => {
  const alice = await device(browser, servers.app);
  const bob = await device(browser, servers.app);
  await alice.goto('/#/text');
  const link = await createRoom(alice);
  const roomId = new URL(link).hash.match(/room=([^&]+)/)![1];
  await alice.getByRole('button', { name: 'Cancel' }).click();

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
});

test('recent rooms keep secrets only when asked to', async ({ page }) => {
  await page.goto('/#/text');
  const first = await createRoom(page);
  const firstId = new URL(first).hash.match(/room=([^&]+)/)![1].slice(0, 6);
  await page.getByRole('button', { name: 'Cancel' }).click();
  await page.getByLabel('Remember room secrets on this device').check();
  const second = await createRoom(page);
  const secondId = new URL(second).hash.match(/room=([^&]+)/)![1].slice(0, 6);
  await page.getByRole('button', { name: 'Cancel' }).click();

  await page.reload();
  await page.getByLabel('Room (other devices)').check();
  await expect(page.getByRole('button', { name: `Rejoin room ${secondId}` })).toBeVisible();
  await expect(page.getByRole('button', { name: `Rejoin room ${firstId}` })).toHaveCount(0);
  await expect(page.getByRole('listitem').filter({ hasText: firstId })).toContainText(
    'secret not kept',
  );
  await page.getByRole('button', { name: `Forget room ${firstId}` }).click();
  await expect(page.getByRole('listitem').filter({ hasText: firstId })).toHaveCount(0);
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
