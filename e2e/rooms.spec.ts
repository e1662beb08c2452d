import { rmSync } from 'node:fs';
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { incoming, makeFile, outgoing, pickFiles } from './files';
import { killTree } from './processes';
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

async function say(page: Page, text: string, send: 'Enter' | 'Send' = 'Enter') {
  await page.getByRole('textbox', { name: 'Message' }).fill(text);
  if (send === 'Enter') await page.getByRole('textbox', { name: 'Message' }).press('Enter');
  else await page.getByRole('button', { name: 'Send' }).click();
}

function chatLog(page: Page) {
  return page.getByRole('log', { name: 'Chat' }).getByRole('listitem');
}

// Bob's storage lives in a profile on disk, in a browser of its own: the last step kills that
// whole browser.
test('two devices in a room: intruders turned away, a chat both ways, relay-only through the coturn, a killed browser noticed', async ({
  browser,
  servers,
}) => {
  test.setTimeout(300_000);
  const profile = tempDir('killed');
  try {
    const alice = await device(browser, servers.app);
    const bob = await persistentDevice(browser.browserType(), servers.app, profile);
    const bobPage = bob.page;

    await alice.goto('/#/text');
    const link = await createRoom(alice);
    const roomId = new URL(link).hash.match(/room=([^&]+)/)![1];

    await test.step('the embedded server is not named in the link; the creator waits', async () => {
      expect(link).not.toContain('&s=');
      await expect(alice.getByRole('status').first()).toHaveText(
        /Waiting for the peer to open the link/,
      );
    });

    await test.step('a knock POSTed in the lobby by a third party is turned away', async () => {
      // Where joiners knock: a third party who learned the room id but not its secret.
      const forged = await fetch(`${servers.piping}/${roomId}/lobby`, {
        method: 'POST',
        body: `${'A'.repeat(16)}.${'B'.repeat(60)}`,
      });
      expect(forged.ok).toBe(true);
      await forged.text();
      await expect(
        alice
          .getByRole('alert')
          .filter({ hasText: /could not be verified\), and was turned away/ }),
      ).toBeVisible();
      await expect(alice.getByRole('status').first()).toHaveText(/Waiting for the peer/);
    });

    await test.step('a joiner with a wrong secret gets the verification error and no connection', async () => {
      const wrong = link.replace(/k=[^&]+/, `k=${'A'.repeat(42)}E`);
      expect(wrong).not.toBe(link);
      await bobPage.goto(wrong);
      await expect(
        bobPage.getByRole('alert').filter({ hasText: /could not be verified/ }),
      ).toBeVisible();
      await expect(bobPage.getByRole('status').first()).toHaveText('Not connected.');
      await expect(alice.getByRole('status').first()).not.toHaveText(connectedStatus);
      await expect(alice.getByRole('status').first()).toHaveText(/Waiting for the peer/);
    });

    await test.step('the real link gets in: the same code, a chat both ways', async () => {
      await bobPage.goto(link);
      const code = await verificationCodeOf(bobPage);
      expect(await verificationCodeOf(alice)).toBe(code);

      await say(alice, 'hi bob 👋');
      await expect(chatLog(bobPage)).toHaveText([fromDevice('hi bob 👋')]);
      await say(bobPage, 'hi alice', 'Send');
      await say(alice, 'how are you?', 'Send');
      await expect(chatLog(alice)).toHaveText([
        'Youhi bob 👋',
        fromDevice('hi alice'),
        'Youhow are you?',
      ]);
      await expect(chatLog(bobPage)).toHaveText([
        fromDevice('hi bob 👋'),
        'Youhi alice',
        fromDevice('how are you?'),
      ]);
    });

    await test.step('the joiner leaves: the creator is told and the room stays open', async () => {
      await bobPage.getByRole('button', { name: 'Leave' }).click();
      await expect(bobPage.getByRole('status').first()).toHaveText('Left the room.');
      await expect(bobPage).toHaveURL(/#\/text$/);
      await expect(alice.getByRole('status').first()).toHaveText(
        /^Waiting for a device to join or come back… /,
      );
      await expect(alice.locator('connection-picker').getByRole('alert')).toHaveText(
        /^Device \w{4} left\. The room stays open: it can come back with the same link\.$/,
      );
      await expect(chatLog(alice)).toHaveCount(3);
      await alice.getByRole('button', { name: 'Close room' }).click();
    });

    await test.step('a new room uses the stored ICE list: relay-only policy connects through the coturn', async () => {
      // Alice's File speed limit is for the last step.
      await saveSettings(alice, { policy: 'relay', speedLimitMB: 1 });
      await saveSettings(bobPage, { policy: 'relay' });
      await alice.goto('/#/text');
      const second = await createRoom(alice);
      expect(second).not.toBe(link);
      await bobPage.goto(second);
      await verificationCodeOf(bobPage);
      await verificationCodeOf(alice);
      for (const page of [alice, bobPage]) {
        await page.getByText('Connection details').click();
        const details = page.getByRole('region', { name: 'Connection details' });
        await expect(details.locator('dd').first()).toHaveText(/relay 127\.0\.0\.1:\d+ udp/);
      }
      await say(alice, 'through TURN');
      await expect(chatLog(bobPage)).toHaveText([fromDevice('through TURN')]);
    });

    await test.step('a room after a loopback run on the same tool connects', async () => {
      await alice.goto('/#/file');
      await alice.getByRole('button', { name: 'Start' }).click();
      await expect(alice.getByRole('status').first()).toHaveText(
        'Connected: the data channel is open.',
      );
      await alice.getByRole('button', { name: 'Stop' }).click();
      const third = await createRoom(alice);
      await bobPage.goto(third);
      const code = await verificationCodeOf(bobPage);
      expect(await verificationCodeOf(alice)).toBe(code);
    });

    await test.step('a device whose browser is killed mid-transfer is noticed by the heartbeat', async () => {
      await bobPage.getByLabel('Ask before accepting incoming files').uncheck();
      // Under the 1 MB/s limit, 8 MiB is still going when Bob's browser dies.
      await pickFiles(alice, [makeFile('cut.bin', 8 * 1024 * 1024)]);
      await expect(incoming(bobPage, 'cut.bin')).toHaveAttribute('data-state', 'receiving');
      // The whole browser dies at once: nothing says goodbye (no page-hide, no SCTP abort), and
      // ICE alone would take half a minute to give up on the path. Every process of it is
      // frozen before any is killed: one that outlived another (Firefox's content process,
      // seeing its parent die) would otherwise close the connection gracefully.
      expect(killTree(profile).length).toBeGreaterThan(1);
      await expect(alice.locator('connection-picker').getByRole('alert')).toHaveText(
        /The other device stopped answering: its page was closed or its network dropped\./,
      );
      await expect(outgoing(alice, 'cut.bin')).toHaveAttribute('data-state', 'interrupted');
      await bob.context.close().catch(() => {});
    });
  } finally {
    rmSync(profile, { recursive: true, force: true });
  }
});
