import type { Page } from '@playwright/test';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { makeFile } from './files';
import { expect, test } from './fixtures';
import { focusedElement, startAtSkipLink, tabTo } from './keyboard';
import { sh } from './processes';
import { device, fromDevice } from './rooms';
import { tempDir } from './temp';

// Each tool's main flow with the keyboard alone: Tab, Enter, arrows and typing; no clicks.
// After each action the focus must land on something meaningful, never fall to the page.

const connected = 'Connected: the data channel is open.';

/** Takes the skip link past the navigation, as a keyboard user does on each page. */
async function skipToTool(page: Page): Promise<void> {
  await startAtSkipLink(page);
  await page.keyboard.press('Enter');
}

test('keyboard: each tool in one page, Text, Bulk, Trickle ICE, Relay and File, with the keyboard alone', async ({
  page,
}) => {
  await test.step('Text over loopback, focus on the message box once connected', async () => {
    await page.goto('/#/text');
    await skipToTool(page);
    const start = page.getByRole('button', { name: 'Start', exact: true });
    await tabTo(page, start);
    await page.keyboard.press('Enter');
    await expect(page.getByRole('status')).toHaveText(connected);
    const box = page.getByRole('textbox', { name: 'Message' });
    await expect(box).toBeFocused();
    await page.keyboard.type('typed, not clicked');
    await page.keyboard.press('Enter');
    await expect(
      page.getByRole('log', { name: 'Received messages' }).getByRole('listitem'),
    ).toHaveText(['typed, not clicked']);
    await expect(box).toBeFocused();

    const stop = page.getByRole('button', { name: 'Stop', exact: true });
    await tabTo(page, stop, 'Shift+Tab');
    await page.keyboard.press('Enter');
    await expect(page.getByRole('status')).toHaveText('Stopped. Press Start to connect again.');
    // Stop disabled itself: the focus moves to Start, the next thing to press.
    await expect(start).toBeFocused();
  });

  await test.step('Bulk over loopback, the size typed and the run started with Enter', async () => {
    await page.goto('/#/bulk');
    await skipToTool(page);
    await tabTo(page, page.getByRole('button', { name: 'Start', exact: true }));
    await page.keyboard.press('Enter');
    await expect(page.getByRole('status').first()).toHaveText(connected);
    const size = page.getByLabel('Size (MiB)');
    await expect(size).toBeFocused();
    await page.keyboard.press('ControlOrMeta+a');
    await page.keyboard.type('1');
    await page.keyboard.press('Enter');
    const bytes = (1024 * 1024).toLocaleString('en');
    const done = page.getByText(`Done: sent ${bytes} bytes; the receiver counted ${bytes}.`);
    await expect(done).toBeVisible({ timeout: 30_000 });
    // Enter in the field started the run; the field keeps the focus for the next size.
    await expect(size).toBeFocused();

    // Again with the button: it disables itself while the run goes, Stop takes the focus, and
    // when Stop disables itself at the end the focus is back on Start sending.
    const startSending = page.getByRole('button', { name: 'Start sending' });
    await tabTo(page, startSending);
    await page.keyboard.press('Enter');
    await expect(done).toBeVisible({ timeout: 30_000 });
    await expect(startSending).toBeFocused();
  });

  await test.step('Trickle ICE, gathering started with Enter, focus kept through the run', async () => {
    await page.goto('/#/ice');
    await skipToTool(page);
    const gather = page.getByRole('button', { name: 'Gather candidates' });
    await tabTo(page, gather);
    await page.keyboard.press('Enter');
    await expect(page.getByRole('list', { name: 'Verdicts' }).getByRole('listitem')).toHaveCount(
      2,
      { timeout: 30_000 },
    );
    await expect(gather).toBeEnabled();
    await expect(gather).toBeFocused();
  });

  await test.step('Relay, text typed and sent to curl with Enter', async () => {
    await page.goto('/#/relay');
    await skipToTool(page);
    await tabTo(page, page.getByLabel('Text to send'));
    await page.keyboard.type('sent by keyboard\n');
    const command = (await page.getByLabel('Command to receive').textContent())!;
    const send = page.getByRole('button', { name: 'Send', exact: true });
    await tabTo(page, send);
    await page.keyboard.press('Enter');
    // While it waits for the receiver, the focus is on the way out.
    await expect(page.getByRole('button', { name: 'Cancel sending' })).toBeFocused();
    const curl = await sh(command, tempDir('keys')).done;
    expect(curl.stdout.toString()).toBe('sent by keyboard\n');
    await expect(page.getByRole('status')).toHaveText('Sent: every receiver got it all.');
    await expect(send).toBeFocused();
  });

  // Last: in Firefox the download takes the focus from the window, after which Enter and Space
  // on a focused button no longer press it.
  await test.step('File over loopback, picked and downloaded with Enter', async () => {
    // Listened for from the start: Playwright turns the browser's file dialog into this event
    // only once told to, and a dialog that opens before that is closed unseen.
    const picker = page.waitForEvent('filechooser', { timeout: 60_000 }).catch(() => null);
    await page.goto('/#/file');
    await skipToTool(page);
    await tabTo(page, page.getByRole('button', { name: 'Start', exact: true }));
    await page.keyboard.press('Enter');
    await expect(page.getByRole('status').first()).toHaveText(connected);
    const chooser = page.getByLabel('Choose files');
    await expect(chooser).toBeFocused();
    const f = makeFile('keys.bin', 10_000);
    // The app's part: Enter on the focused file input clicks it (a trusted click). Opening the
    // dialog is then the browser's; under a heavy load headless Chromium has let such a click go
    // without a dialog event, and then the file is given to the input that was clicked.
    await chooser.evaluate((input) =>
      input.addEventListener(
        'click',
        (e) => input.setAttribute('data-clicked', String(e.isTrusted)),
        {
          once: true,
        },
      ),
    );
    await page.keyboard.press('Enter');
    await expect(chooser, `the focus is on ${await focusedElement(page)}`).toHaveAttribute(
      'data-clicked',
      'true',
    );
    const dialog = await Promise.race([
      picker,
      new Promise<null>((resolve) => setTimeout(() => resolve(null), 10_000)),
    ]);
    if (dialog) await dialog.setFiles(f.path);
    else {
      test.info().annotations.push({
        type: 'no file dialog',
        description: 'Enter clicked the file input; the browser opened no dialog for it',
      });
      await chooser.setInputFiles(f.path);
    }
    const link = page.getByRole('link', { name: 'Download keys.bin' });
    await expect(link).toBeVisible({ timeout: 30_000 });
    await tabTo(page, link);
    const [dl] = await Promise.all([page.waitForEvent('download'), page.keyboard.press('Enter')]);
    const got = createHash('sha256')
      .update(readFileSync(await dl.path()))
      .digest('hex');
    expect(got).toBe(f.sha256);
  });
});

test('keyboard: a room, created and joined by keyboard, then a chat', async ({
  browser,
  servers,
}) => {
  // One device at a time: in Firefox a second window takes the focus from the first.
  const creator = await device(browser, servers.app);
  let joiner: Page | undefined;
  try {
    await creator.goto('/#/text');
    await skipToTool(creator);
    await tabTo(creator, creator.getByLabel('Loopback (two peers in this page)'));
    await creator.keyboard.press('ArrowDown'); // radio group: the next option is Room
    const create = creator.getByRole('button', { name: 'Create room' });
    await tabTo(creator, create);
    await creator.keyboard.press('Enter');
    const linkBox = creator.getByLabel('Room link: open it on the other device');
    await expect(linkBox).toBeFocused();
    const link = await linkBox.inputValue();

    joiner = await device(browser, servers.app);
    await joiner.goto('/#/text');

    await skipToTool(joiner);
    await tabTo(joiner, joiner.getByLabel('Loopback (two peers in this page)'));
    await joiner.keyboard.press('ArrowDown');
    await tabTo(joiner, joiner.getByLabel('Room link', { exact: true }));
    await joiner.keyboard.type(link);
    await joiner.keyboard.press('Enter');
    const box = joiner.getByRole('textbox', { name: 'Message' });
    await expect(box).toBeFocused({ timeout: 30_000 });
    await joiner.keyboard.type('joined by keyboard');
    await joiner.keyboard.press('Enter');
    await expect(creator.getByRole('log', { name: 'Chat' }).getByRole('listitem')).toHaveText([
      fromDevice('joined by keyboard'),
    ]);
    // Back on the first device (its own window): the message box took the focus on connecting.
    await creator.bringToFront();
    await expect(creator.getByRole('textbox', { name: 'Message' })).toBeFocused();
  } finally {
    await creator.context().close();
    await joiner?.context().close();
  }
});
