import { chromium, firefox, type Browser, type Page } from '@playwright/test';
// @ts-expect-error plain ESM module shared with the benchmarks
import { chromiumArgs, chromiumPath } from '../scripts/chromium.mjs';
// @ts-expect-error plain ESM module shared with the benchmarks
import { firefoxUse } from '../scripts/firefox.mjs';
import { expect, test as base } from './fixtures';
import { download, expectDone, makeFile, pickFiles } from './files';
import { expectRelayOffered, relayOnlyWithoutTurn, sendThroughRelay } from './relay-fallback';
import { createRoom, fromDevice, device, saveSettings, verificationCodeOf } from './rooms';

// Rooms between the two browser kinds: the project's browser creates the room and the other
// kind joins, so the chromium project proves Chromium→Firefox and the firefox project the reverse.
const test = base.extend<object, { otherBrowser: Browser }>({
  otherBrowser: [
    async ({ browserName }, use) => {
      const other =
        browserName === 'firefox'
          ? await chromium.launch({ executablePath: chromiumPath, args: chromiumArgs })
          : await firefox.launch({ ...firefoxUse.launchOptions, channel: firefoxUse.channel });
      await use(other);
      await other.close();
    },
    { scope: 'worker' },
  ],
});

test.describe.configure({ timeout: 300_000 });

const kindOf = (name: string) => (name === 'firefox' ? 'Firefox' : 'Chromium');

async function pair(browser: Browser, otherBrowser: Browser, app: string) {
  return { creator: await device(browser, app), joiner: await device(otherBrowser, app) };
}

/** Creates a room on `tool` and joins it; returns both sides' verification codes. */
async function join(creator: Page, joiner: Page, tool: string) {
  await creator.goto(`/#/${tool}`);
  const link = await createRoom(creator);
  await joiner.goto(link);
  return [await verificationCodeOf(creator), await verificationCodeOf(joiner)];
}

async function say(from: Page, to: Page, text: string, expected: (string | RegExp)[]) {
  await from.getByRole('textbox', { name: 'Message' }).fill(text);
  await from.getByRole('textbox', { name: 'Message' }).press('Enter');
  await expect(to.getByRole('log', { name: 'Chat' }).getByRole('listitem')).toHaveText(expected);
}

test('cross-browser room: files both ways, a bulk run, a chat through the coturn, and the relay when there is no TURN', async ({
  browser,
  browserName,
  otherBrowser,
  servers,
}) => {
  test.info().annotations.push({
    type: 'pairing',
    description: `${kindOf(browserName)} creates, ${kindOf(otherBrowser.browserType().name())} joins`,
  });
  const { creator, joiner } = await pair(browser, otherBrowser, servers.app);

  await test.step('the same verification code; a file each way, both at once, arrives byte-identical', async () => {
    const [a, b] = await join(creator, joiner, 'file');
    expect(a).toBe(b);
    for (const page of [creator, joiner]) {
      await page.getByLabel('Ask before accepting incoming files').uncheck();
    }
    const there = makeFile('there.bin', 1024 * 1024);
    const back = makeFile('back.bin', 1024 * 1024 + 7);
    // Both at once: each side sends while it receives.
    await pickFiles(creator, [there]);
    await pickFiles(joiner, [back]);
    await expectDone(joiner, 'there.bin', 60_000);
    expect(await download(joiner, 'there.bin')).toEqual({
      name: 'there.bin',
      sha256: there.sha256,
    });
    await expectDone(creator, 'back.bin', 60_000);
    expect(await download(creator, 'back.bin')).toEqual({ name: 'back.bin', sha256: back.sha256 });
  });

  await test.step('a bulk run completes with exact counts', async () => {
    await join(creator, joiner, 'bulk');
    await creator.getByLabel('Size (MiB)').clear();
    await creator.getByLabel('Size (MiB)').fill('1');
    await creator.getByRole('button', { name: 'Start sending' }).click();
    const bytes = (1024 * 1024).toLocaleString('en');
    await expect(
      creator.getByText(`Done: sent ${bytes} bytes; the receiver counted ${bytes}.`),
    ).toBeVisible({ timeout: 60_000 });
    await expect(joiner.getByText(`Done: ${bytes} bytes received.`)).toBeVisible();
  });

  await test.step('relay-only policy connects through the coturn: the same code and a chat both ways', async () => {
    for (const page of [creator, joiner]) await saveSettings(page, { policy: 'relay' });
    const [a, b] = await join(creator, joiner, 'text');
    expect(a).toBe(b);
    for (const page of [creator, joiner]) {
      await page.getByText('Connection details').click();
      const details = page.getByRole('region', { name: 'Connection details' });
      await expect(details.locator('dd').first()).toHaveText(/relay 127\.0\.0\.1:\d+ udp/);
    }
    await say(creator, joiner, 'hello from the creator', [fromDevice('hello from the creator')]);
    await say(joiner, creator, 'and back 你好', [
      'Youhello from the creator',
      fromDevice('and back 你好'),
    ]);
  });

  await test.step('relay-only with no TURN fails fast on both sides, and the relay carries a file', async () => {
    for (const page of [creator, joiner]) await relayOnlyWithoutTurn(page, servers.turn.turnUrl);
    await creator.goto('/#/file');
    const link = await createRoom(creator);
    await joiner.goto(link);
    // Well inside the 120 s signaling time-out: the sides tell each other they have no path.
    for (const page of [creator, joiner]) await expectRelayOffered(page, 'ICE failed', 15_000);
    await sendThroughRelay(creator, joiner, makeFile('cross-relay.bin', 1024 * 1024 + 3));
  });
});
