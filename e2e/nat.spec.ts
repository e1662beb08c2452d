import type { Page } from '@playwright/test';
import { connectTimes, recordConnectTimes } from './nat/connect-timing';
import { expect, test, type NatLab } from './nat-lab';
import { createRoom, device, verificationCodeOf } from './rooms';

/**
 * Alice in lan-a creates a room on the Text tool, Bob in lan-b joins it, and they chat. Returns
 * both pages with their connection details open; notes how long connecting took.
 */
async function chat(lab: NatLab) {
  const [alice, bob] = await Promise.all(
    (['a', 'b'] as const).map(async (side) => {
      const page = await device(await lab.launch(side), lab.appUrl);
      await recordConnectTimes(page);
      return page;
    }),
  );
  await alice.goto('/#/text');
  expect(await alice.evaluate(() => window.isSecureContext)).toBe(true);
  const link = await createRoom(alice);

  const joining = performance.now();
  await bob.goto(link);
  const code = await verificationCodeOf(bob);
  expect(await verificationCodeOf(alice)).toBe(code);
  const linkToConnected = performance.now() - joining;

  await alice.getByRole('textbox', { name: 'Message' }).fill('hello through the NAT');
  await alice.getByRole('textbox', { name: 'Message' }).press('Enter');
  await expect(bob.getByRole('log', { name: 'Chat' }).getByRole('listitem')).toHaveText([
    'Peerhello through the NAT',
  ]);

  for (const page of [alice, bob]) await page.getByText('Connection details').click();
  const { total, ice } = await connectTimes(bob);
  test.info().annotations.push({
    type: 'connect',
    description:
      `link opened → both connected ${Math.round(linkToConnected)} ms; ` +
      `joiner's connection: created → connected ${Math.round(total)} ms, ` +
      `first ICE check → connected ${Math.round(ice)} ms`,
  });
  return { alice, bob };
}

/** The selected pair's local and remote candidate, as the connection details show them. */
function pairOf(page: Page) {
  const values = page.getByRole('region', { name: 'Connection details' }).locator('dd');
  return { local: values.nth(0), remote: values.nth(1) };
}

/** Notes the selected pair of both sides, once the assertions have let it settle. */
async function notePairs(pages: Record<string, Page>) {
  for (const [name, page] of Object.entries(pages)) {
    const { local, remote } = pairOf(page);
    test.info().annotations.push({
      type: 'pair',
      description: `${name}: ${await local.textContent()} → ${await remote.textContent()}`,
    });
  }
}

test.describe('NAT lab', () => {
  // Two browsers start per test, inside namespaces: slow on a busy machine, Firefox above all.
  test.describe.configure({ timeout: 180_000 });

  test.describe('cone', () => {
    test.use({ nat: 'cone' });

    test('NAT: behind two cone NATs a room connects directly, srflx to srflx', async ({
      natLab,
    }) => {
      const { alice, bob } = await chat(natLab);
      // The pair chosen at open can still change ~1.5 s later; the details refresh each second.
      const pairs = { alice: pairOf(alice), bob: pairOf(bob) };
      await expect(pairs.alice.local).toHaveText(/^srflx 203\.0\.113\.1:\d+ udp$/);
      await expect(pairs.alice.remote).toHaveText(/^(srflx|prflx) 203\.0\.113\.2:\d+ udp$/);
      await expect(pairs.bob.local).toHaveText(/^srflx 203\.0\.113\.2:\d+ udp$/);
      await expect(pairs.bob.remote).toHaveText(/^(srflx|prflx) 203\.0\.113\.1:\d+ udp$/);
      await notePairs({ alice, bob });
    });
  });

  test.describe('symmetric', () => {
    test.use({ nat: 'symmetric' });

    test('NAT: behind two symmetric NATs a room connects through the TURN relay', async ({
      natLab,
    }) => {
      expect(natLab.iceServers.map((s) => s.urls)).toContain(natLab.turnUrls.udp);
      const { alice, bob } = await chat(natLab);
      // Each side's pair has the relay at one end: its own allocation, or the peer's.
      const relayed = /^relay 203\.0\.113\.10:\d+ udp/;
      for (const page of [alice, bob]) {
        const { local, remote } = pairOf(page);
        await expect(local.or(remote).filter({ hasText: relayed }).first()).toBeVisible();
      }
      await notePairs({ alice, bob });
    });
  });
});
