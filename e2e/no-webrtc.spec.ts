import { firefox } from '@playwright/test';
// @ts-expect-error plain ESM module shared with the benchmarks
import { firefoxUse, firefoxUserPrefs } from '../scripts/firefox.mjs';
import { expect, test } from './fixtures';
import { pickerStatus } from './rooms';
import { sh } from './processes';
import { tempDir } from './temp';

// Firefox with WebRTC turned off, as companies and privacy add-ons set it: RTCPeerConnection is
// gone. Each tool that needs it says why at once; the Relay tool, which does not, still works.
test('with WebRTC turned off, every tool says so at once and the Relay tool still sends', async ({
  browserName,
  servers,
}) => {
  test.skip(
    browserName !== 'firefox',
    'Chromium has no setting that turns WebRTC off (Firefox has media.peerconnection.enabled)',
  );
  const browser = await firefox.launch({
    ...firefoxUse.launchOptions,
    channel: firefoxUse.channel,
    firefoxUserPrefs: { ...firefoxUserPrefs, 'media.peerconnection.enabled': false },
  });
  try {
    const page = await (await browser.newContext({ baseURL: servers.app })).newPage();
    const why = /This browser has no WebRTC \(RTCPeerConnection is missing or turned off\)/;
    await page.goto('/#/text');
    expect(await page.evaluate(() => typeof globalThis.RTCPeerConnection)).toBe('undefined');
    for (const tool of ['text', 'file', 'bulk']) {
      await page.goto(`/#/${tool}`);
      await expect(page.locator('connection-picker').getByRole('note')).toHaveText(why);
      await page.getByRole('button', { name: 'Start', exact: true }).click();
      await expect(pickerStatus(page)).toHaveText('Not connected.');
      await expect(page.locator('connection-picker').getByRole('alert')).toHaveText(why);
    }
    await page.goto('/#/ice');
    await page.getByRole('button', { name: 'Gather candidates' }).click();
    await expect(page.getByRole('alert').filter({ hasText: why })).toHaveText(why);

    await page.goto('/#/relay');
    await page.getByLabel('Text to send').fill('no WebRTC needed\n');
    const command = (await page.getByLabel('Command to receive').textContent())!;
    await page.getByRole('button', { name: 'Send', exact: true }).click();
    const curl = await sh(command, tempDir('no-webrtc')).done;
    expect(curl.stdout.toString()).toBe('no WebRTC needed\n');
    await expect(page.getByRole('status')).toHaveText('Sent: every receiver got it all.');
  } finally {
    await browser.close();
  }
});
