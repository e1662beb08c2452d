import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { peerConnectionStates, trackPeerConnections } from './peer-tracker';

async function start(page: Page) {
  await page.getByRole('button', { name: 'Start' }).click();
  await expect(page.getByRole('status')).toHaveText('Connected: the data channel is open.');
}

test('Text over loopback: sending, Unicode, the size limit, connection details, Stop and Start, and leaving', async ({
  page,
}) => {
  await trackPeerConnections(page);
  await page.goto('/#/text');
  const message = page.getByRole('textbox', { name: 'Message' });
  const received = page.getByRole('log', { name: 'Received messages' });
  const lines = received.getByRole('listitem');
  await start(page);

  await test.step('the connection details show the selected candidate pair', async () => {
    await page.getByText('Connection details').click();
    const details = page.getByRole('region', { name: 'Connection details' });
    await expect(details.getByText(/^host .+:\d+ udp$/).first()).toBeVisible();
    await expect(details.getByText(/^\s*\d+\.\d ms\s*$/)).toBeVisible();
  });

  await test.step('sends text over loopback and shows it in the receive pane', async () => {
    await expect(received).toHaveAttribute('aria-live', 'polite');
    await message.fill('hello, peer');
    await page.getByRole('button', { name: 'Send' }).click();
    await expect(lines).toHaveText(['hello, peer']);
    await expect(message).toHaveValue('');

    // Enter sends; Shift+Enter adds a line.
    await message.press('Shift+Enter');
    await message.pressSequentially('second');
    await message.press('Enter');
    await expect(lines).toHaveText(['hello, peer', '\nsecond']);
  });

  await test.step('emoji and CJK arrive unchanged', async () => {
    const text = '😀👍🏽 漢字かな한국어 — ünïcödé 𝄞';
    await message.fill(text);
    await page.getByRole('button', { name: 'Send' }).click();
    await expect(lines).toHaveText(['hello, peer', '\nsecond', text]);
  });

  await test.step('a message over the size limit is refused with the limit shown, and kept', async () => {
    const sctpLimit = await page.evaluate(
      () => window.__peerConnections[0].pc.sctp!.maxMessageSize,
    );
    // The connection's limit, capped at 256 KiB (Firefox allows ~1 GiB between two Firefox peers).
    const limit = Math.min(sctpLimit, 262144);
    expect(limit).toBeGreaterThan(0);
    // Each '😀' is 4 bytes of UTF-8: one character more than fits.
    const tooLong = '😀'.repeat(Math.floor(limit / 4) + 1);
    await message.fill(tooLong);
    await page.getByRole('button', { name: 'Send' }).click();
    const limitText = limit.toLocaleString('en');
    await expect(page.locator('#send-error')).toHaveText(
      new RegExp(`limit is ${limitText} bytes per message\\. Nothing was sent\\.`),
    );
    await expect(message).toHaveValue(tooLong);
    await expect(page.getByText(`Limit: ${limitText} bytes per message`)).toBeVisible();
    await expect(lines).toHaveCount(3);

    // Exactly the limit still goes through.
    await message.fill('a'.repeat(limit));
    await page.getByRole('button', { name: 'Send' }).click();
    await expect(page.locator('#send-error')).toHaveText('');
    await expect(lines).toHaveCount(4);
  });

  await test.step('Stop closes everything and Start connects again', async () => {
    await page.getByRole('button', { name: 'Stop' }).click();
    await expect(page.getByRole('status')).toHaveText('Stopped. Press Start to connect again.');
    await expect(lines).toHaveCount(0);
    await expect(message).toBeDisabled();
    expect(await peerConnectionStates(page)).toEqual(['closed', 'closed']);

    await start(page);
    await message.fill('second run');
    await page.getByRole('button', { name: 'Send' }).click();
    await expect(lines).toHaveText(['second run']);
  });

  await test.step('leaving the tool closes its peer connections', async () => {
    expect(await peerConnectionStates(page)).toEqual(['closed', 'closed', 'stable', 'stable']);
    await page.getByRole('link', { name: 'Settings' }).click();
    await expect(page.getByRole('heading', { name: 'Settings' })).toBeVisible();
    expect(await peerConnectionStates(page)).toEqual(['closed', 'closed', 'closed', 'closed']);
  });
});
