import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { peerConnectionStates, trackPeerConnections } from './peer-tracker';

test.beforeEach(async ({ page }) => {
  await trackPeerConnections(page);
  await page.goto('/#/text');
});

async function start(page: Page) {
  await page.getByRole('button', { name: 'Start' }).click();
  await expect(page.getByRole('status')).toHaveText('Connected: the data channel is open.');
}

test('sends text over loopback and shows it in the receive pane', async ({ page }) => {
  await start(page);
  const received = page.getByRole('log', { name: 'Received messages' });
  await expect(received).toHaveAttribute('aria-live', 'polite');
  await page.getByRole('textbox', { name: 'Message' }).fill('hello, peer');
  await page.getByRole('button', { name: 'Send' }).click();
  await expect(received.getByRole('listitem')).toHaveText(['hello, peer']);
  await expect(page.getByRole('textbox', { name: 'Message' })).toHaveValue('');

  // Enter sends; Shift+Enter adds a line.
  await page.getByRole('textbox', { name: 'Message' }).press('Shift+Enter');
  await page.getByRole('textbox', { name: 'Message' }).pressSequentially('second');
  await page.getByRole('textbox', { name: 'Message' }).press('Enter');
  await expect(received.getByRole('listitem')).toHaveText(['hello, peer', '\nsecond']);
});

test('Stop closes everything and Start connects again', async ({ page }) => {
  await start(page);
  await page.getByRole('textbox', { name: 'Message' }).fill('first run');
  await page.getByRole('textbox', { name: 'Message' }).press('Enter');
  const received = page.getByRole('log', { name: 'Received messages' });
  await expect(received.getByRole('listitem')).toHaveText(['first run']);

  await page.getByRole('button', { name: 'Stop' }).click();
  await expect(page.getByRole('status')).toHaveText('Stopped. Press Start to connect again.');
  await expect(received.getByRole('listitem')).toHaveCount(0);
  await expect(page.getByRole('textbox', { name: 'Message' })).toBeDisabled();
  expect(await peerConnectionStates(page)).toEqual(['closed', 'closed']);

  await start(page);
  await page.getByRole('textbox', { name: 'Message' }).fill('second run');
  await page.getByRole('button', { name: 'Send' }).click();
  await expect(received.getByRole('listitem')).toHaveText(['second run']);
});

test('emoji and CJK arrive unchanged', async ({ page }) => {
  await start(page);
  const text = '😀👍🏽 漢字かな한국어 — ünïcödé 𝄞';
  await page.getByRole('textbox', { name: 'Message' }).fill(text);
  await page.getByRole('button', { name: 'Send' }).click();
  await expect(
    page.getByRole('log', { name: 'Received messages' }).getByRole('listitem'),
  ).toHaveText([text]);
});

test('a message over the size limit is refused with the limit shown, and kept', async ({
  page,
}) => {
  await start(page);
  const sctpLimit = await page.evaluate(() => window.__peerConnections[0].pc.sctp!.maxMessageSize);
  // The connection's limit, capped at 256 KiB (Firefox allows ~1 GiB between two Firefox peers).
  const limit = Math.min(sctpLimit, 262144);
  expect(limit).toBeGreaterThan(0);
  // Each '😀' is 4 bytes of UTF-8: one character more than fits.
  const tooLong = '😀'.repeat(Math.floor(limit / 4) + 1);
  await page.getByRole('textbox', { name: 'Message' }).fill(tooLong);
  await page.getByRole('button', { name: 'Send' }).click();
  const limitText = limit.toLocaleString('en');
  await expect(page.locator('#send-error')).toHaveText(
    new RegExp(`limit is ${limitText} bytes per message\\. Nothing was sent\\.`),
  );
  await expect(page.getByRole('textbox', { name: 'Message' })).toHaveValue(tooLong);
  await expect(page.getByText(`Limit: ${limitText} bytes per message`)).toBeVisible();
  await expect(
    page.getByRole('log', { name: 'Received messages' }).getByRole('listitem'),
  ).toHaveCount(0);

  // Exactly the limit still goes through.
  const exact = 'a'.repeat(limit);
  await page.getByRole('textbox', { name: 'Message' }).fill(exact);
  await page.getByRole('button', { name: 'Send' }).click();
  await expect(page.locator('#send-error')).toHaveText('');
  await expect(
    page.getByRole('log', { name: 'Received messages' }).getByRole('listitem'),
  ).toHaveCount(1);
});

test('leaving the tool closes its peer connections', async ({ page }) => {
  await start(page);
  expect(await peerConnectionStates(page)).toEqual(['stable', 'stable']);
  await page.getByRole('link', { name: 'Settings' }).click();
  await expect(page.getByRole('heading', { name: 'Settings' })).toBeVisible();
  expect(await peerConnectionStates(page)).toEqual(['closed', 'closed']);
});

test('the connection details show the selected candidate pair', async ({ page }) => {
  await start(page);
  await page.getByText('Connection details').click();
  const details = page.getByRole('region', { name: 'Connection details' });
  await expect(details.getByText(/^host .+:\d+ udp$/).first()).toBeVisible();
  await expect(details.getByText(/^\s*\d+\.\d ms\s*$/)).toBeVisible();
});
