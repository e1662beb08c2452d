import { createHash } from 'node:crypto';
import type { Page } from '@playwright/test';
import { PNG } from 'pngjs';
import { expect, test } from './fixtures';
import { download, expectDone, makeFile, outgoing, pickFiles } from './files';
import { controlled, message, startLoopback, waiting } from './pwa';
import { chromiumOnlyStep } from './relay-pwa-ice';

/** A paste of a file on the page's body (where a paste lands when no field has the focus). */
async function pasteFile(page: Page, name: string, content: string) {
  await page.evaluate(
    ([name, content]) => {
      const data = new DataTransfer();
      data.items.add(new File([content], name, { type: 'text/plain' }));
      const event = new ClipboardEvent('paste', {
        clipboardData: data,
        bubbles: true,
        cancelable: true,
      });
      document.body.dispatchEvent(event);
    },
    [name, content],
  );
}

test('the manifest and the service worker; files and text come in (share target, paste, drop) and go out (share sheet)', async ({
  page,
  context,
  browserName,
}) => {
  if (browserName === 'chromium') {
    await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  }
  // Desktop Linux browsers have no share sheet: a stand-in records what would be shared.
  await page.addInitScript(() => {
    const shared: string[] = [];
    Object.assign(window, { shared });
    navigator.canShare = (data) => !!data?.files?.length;
    navigator.share = async (data) => {
      for (const f of data?.files ?? []) {
        const digest = await crypto.subtle.digest('SHA-256', await f.arrayBuffer());
        const hex = [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, '0'));
        shared.push(`${f.name}:${f.size}:${hex.join('')}`);
      }
    };
  });
  await page.goto('/#/file');
  await controlled(page);
  const received = page.getByRole('log', { name: 'Received messages' }).getByRole('listitem');

  await test.step('the manifest names the app, its icons and its share target', async () => {
    const manifest = await page.evaluate(async () => {
      const link = document.querySelector<HTMLLinkElement>('link[rel=manifest]')!;
      return { url: link.href, ...(await (await fetch(link.href)).json()) };
    });
    expect(manifest).toMatchObject({
      short_name: 'dckit',
      start_url: './',
      scope: './',
      display: 'standalone',
      share_target: {
        action: './share-target',
        method: 'POST',
        enctype: 'multipart/form-data',
        params: { title: 'title', text: 'text', url: 'url', files: [{ name: 'files' }] },
      },
    });
    const icons = manifest.icons as { src: string; sizes: string; purpose: string }[];
    for (const [size, purpose] of [
      [192, 'any'],
      [512, 'any'],
      [512, 'maskable'],
    ] as const) {
      const icon = icons.find((i) => i.sizes === `${size}x${size}` && i.purpose === purpose)!;
      const response = await page.request.get(new URL(icon.src, manifest.url).href);
      const png = PNG.sync.read(await response.body());
      expect([png.width, png.height]).toEqual([size, size]);
    }
  });

  await test.step('with the service worker in control, signaling through /piping works as before', async () => {
    expect(await pipingThroughProxy(page)).toBe('through the proxy');
  });

  await chromiumOnlyStep(
    browserName,
    'the service worker answers for the shell and never for /piping',
    "Playwright's WebDriver BiDi backend does not say whether a service worker answered a request: Response.fromServiceWorker() is false in Firefox even for the shell served from the precache",
    async () => {
      const shell = await page.reload();
      expect(shell!.fromServiceWorker()).toBe(true);
      const piping = (method: string) =>
        page.waitForResponse(
          (r) => r.url().includes('/piping/') && r.request().method() === method,
        );
      const [get, put, text] = await Promise.all([
        piping('GET'),
        piping('PUT'),
        pipingThroughProxy(page),
      ]);
      expect(text).toBe('through the proxy');
      expect([get.fromServiceWorker(), put.fromServiceWorker()]).toEqual([false, false]);
    },
  );

  await chromiumOnlyStep(
    browserName,
    'a pasted file queues in the File tool, before a connection or during one',
    'Firefox cannot be made to paste a file here: it empties the clipboardData of a ClipboardEvent made by a script, and its headless clipboard pastes no image as a file (after navigator.clipboard.write of an image/png, Ctrl+V gives a paste event with no types)',
    async () => {
      await expect(page.getByRole('button', { name: 'Start', exact: true })).toBeVisible();
      // Before a connection, a pasted file waits for one.
      await pasteFile(page, 'early.txt', 'early');
      await expect(waiting(page).getByRole('listitem')).toHaveText([/early\.txt/]);
      await startLoopback(page);
      await expectDone(page, 'early.txt');
      await pasteFile(page, 'pasted.txt', 'pasted content');
      await expect(outgoing(page, 'pasted.txt')).toBeVisible();
      await expectDone(page, 'pasted.txt');
    },
  );

  await test.step('text pasted in the Text tool goes to the message box; a paste in a field stays its own', async () => {
    // Before any download: in Firefox a download takes the focus from the page.
    await page.getByRole('link', { name: 'Text', exact: true }).click();
    await startLoopback(page);
    // Nothing focused: the paste lands on the page, outside any field.
    await page.getByRole('heading', { name: 'Receive' }).click();
    await page.evaluate(() => navigator.clipboard.writeText('from the clipboard'));
    await page.keyboard.press('ControlOrMeta+V');
    await expect(message(page)).toHaveValue('from the clipboard');
    await expect(message(page)).toBeFocused();
    // In the message box, the browser pastes as usual, and the tool adds nothing.
    await page.evaluate(() => navigator.clipboard.writeText(' and more'));
    await page.keyboard.press('ControlOrMeta+V');
    await expect(message(page)).toHaveValue('from the clipboard and more');
    await page.keyboard.press('Enter');
    await expect(received).toHaveText(['from the clipboard and more']);
  });

  await test.step('a share from the share sheet (a multipart POST) lands in the File and Text tools', async () => {
    const shared = makeFile('shared.txt', 5000);
    // What the system does with the manifest's share_target: a form POST to its action (a new
    // page load, so the File tool starts with no connection).
    const share = async (fields: { text?: string; file?: string }) => {
      await page.evaluate(({ text }) => {
        const form = document.createElement('form');
        form.method = 'post';
        form.enctype = 'multipart/form-data';
        form.action = 'share-target';
        form.innerHTML = '<input type="file" name="files" multiple><input name="text">';
        form.querySelector<HTMLInputElement>('[name=text]')!.value = text ?? '';
        document.body.append(form);
      }, fields);
      if (fields.file) await page.locator('form input[type=file]').setInputFiles(fields.file);
      await page.evaluate(() => document.querySelector('form')!.submit());
    };

    await share({ file: shared.path, text: 'sent along' });
    await expect(page).toHaveURL(/#\/file$/);
    await expect(page.getByText('From the share sheet: 1 file.')).toBeVisible();
    await expect(page.getByText('The text shared with them waits in the Text tool.')).toBeVisible();
    await expect(waiting(page).getByRole('listitem')).toHaveText([/shared\.txt/]);
    // Sent as soon as a connection is up.
    await startLoopback(page);
    await expectDone(page, 'shared.txt');
    await expect(waiting(page)).toHaveCount(0);
    expect(await download(page, 'shared.txt')).toEqual({
      name: 'shared.txt',
      sha256: shared.sha256,
    });

    await page.getByRole('link', { name: 'Text tool' }).click();
    await expect(message(page)).toHaveValue('sent along');
    await expect(
      page.getByText('From the share sheet: the shared text is in the message box, ready to send.'),
    ).toBeVisible();

    // Text alone opens the Text tool.
    await share({ text: 'just words https://example.invalid/' });
    await expect(page).toHaveURL(/#\/text$/);
    await expect(message(page)).toHaveValue('just words https://example.invalid/');
    // Connecting keeps it; Send sends it.
    await startLoopback(page);
    await expect(message(page)).toHaveValue('just words https://example.invalid/');
    await page.getByRole('button', { name: 'Send' }).click();
    await expect(received).toHaveText(['just words https://example.invalid/']);
  });

  await test.step('files dropped anywhere on the File tool queue, not only on the send pane', async () => {
    await page.getByRole('link', { name: 'File', exact: true }).click();
    await startLoopback(page);
    await page.getByRole('heading', { name: 'Received files' }).evaluate((heading) => {
      const data = new DataTransfer();
      data.items.add(new File(['dropped'], 'dropped.txt', { type: 'text/plain' }));
      for (const type of ['dragover', 'drop']) {
        heading.dispatchEvent(
          new DragEvent(type, {
            dataTransfer: data,
            bubbles: true,
            composed: true,
            cancelable: true,
          }),
        );
      }
    });
    await expectDone(page, 'dropped.txt');
    expect(await download(page, 'dropped.txt')).toEqual({
      name: 'dropped.txt',
      sha256: createHash('sha256').update('dropped').digest('hex'),
    });
  });

  await test.step('a received file offers the system share sheet where the browser can share it', async () => {
    const note = makeFile('note.txt', 8);
    await pickFiles(page, [note]);
    await expectDone(page, 'note.txt');
    await page.getByRole('button', { name: 'Share note.txt' }).click();
    await expect
      .poll(() => page.evaluate(() => (window as unknown as { shared: string[] }).shared))
      .toEqual([`note.txt:8:${note.sha256}`]);
  });
});

/** One piping-server transfer through /piping: a receiver's GET waits for the sender's PUT. */
function pipingThroughProxy(page: Page): Promise<string> {
  return page.evaluate(async () => {
    const path = `/piping/pwa-${Math.random().toString(36).slice(2)}`;
    const got = fetch(path, { cache: 'no-store' }).then((r) => r.text());
    await fetch(path, { method: 'PUT', body: 'through the proxy', cache: 'no-store' });
    return got;
  });
}
