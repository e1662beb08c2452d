import type { Page } from '@playwright/test';
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { makeFile, storedFiles } from './files';
import { expect, test, fillNumber } from './fixtures';
import { sh } from './processes';
import { chromiumOnlyStep } from './relay-pwa-ice';
import { tempDir } from './temp';

const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');
const work = () => tempDir('relay');

async function receiveCommand(page: Page) {
  return (await page.getByLabel('Command to receive').textContent())!;
}

/** The URL in the page's command to send (its last word, with or without openssl before it). */
async function sendUrl(page: Page) {
  return (await page.getByLabel('Command to send', { exact: true }).textContent())!
    .split(' ')
    .at(-1)!;
}

test('the Relay tool with curl, openssl and tar: text, files, encrypted files and archives both ways, two receivers, the server refusals, a cancel', async ({
  page,
  servers,
  browserName,
}) => {
  await page.goto('/#/relay');
  const sendStatus = page.getByRole('region', { name: 'Send', exact: true }).getByRole('status');
  const sendButton = page.getByRole('button', { name: 'Send', exact: true });
  const receiveButton = page.getByRole('button', { name: 'Receive', exact: true });
  const receiveFrom = page.getByLabel('Path to receive from');
  const receivedLink = page.getByRole('link', { name: 'Download received file' });
  const decrypt = page.getByLabel('Decrypt (openssl aes-256-cbc -pbkdf2)');
  const encrypt = page.getByLabel('Encrypt with a passphrase (openssl-compatible)');

  await test.step('Cancel mid-transfer stops receiving and removes the partial file', async () => {
    // A long transfer at a bounded rate: the proxy it crosses also serves the other tests.
    await receiveFrom.fill('long-' + Date.now());
    const url = await sendUrl(page);
    const curl = sh(`head -c 500000000 /dev/zero | curl -sS --limit-rate 10M -T - ${url}`, work());
    await receiveButton.click();
    await expect(page.getByText(/bytes so far/)).toBeVisible();
    await expect
      .poll(async () =>
        Number((await page.getByText(/bytes so far/).textContent())!.replace(/\D/g, '')),
      )
      .toBeGreaterThan(1_000_000);
    await page.getByRole('button', { name: 'Cancel receiving' }).click();
    await expect(page.getByRole('alert')).toHaveText(
      'Cancelled: the partial download was removed.',
    );
    await expect.poll(() => storedFiles(page)).toEqual([]);
    curl.stop();
  });

  await test.step('a wrong passphrase fails with the message and keeps nothing', async () => {
    const f = makeFile('x.bin', 200_000);
    await receiveFrom.fill('wrong-' + Date.now());
    await decrypt.check();
    await page.getByLabel('Passphrase for decryption').fill('not it');
    const url = await sendUrl(page);
    const sender = sh(
      `openssl aes-256-cbc -pbkdf2 -k right < '${f.path}' | curl -sS -T - ${url}`,
      work(),
    );
    await receiveButton.click();
    await expect(page.getByRole('alert')).toHaveText(
      'Failed: wrong passphrase or corrupted data. Nothing was kept.',
    );
    await expect(receivedLink).toHaveCount(0);
    await expect.poll(() => storedFiles(page)).toEqual([]);
    await sender.done;
    await decrypt.uncheck();
  });

  await test.step('an n mismatch and a busy path get their messages', async () => {
    const path = 'busy-' + Date.now();
    await receiveFrom.fill(path);
    const url = await sendUrl(page);
    const sender = sh(`echo two | curl -sS --no-buffer -T - '${url}?n=2'`, work());
    let said = '';
    sender.child.stdout!.on('data', (d: Buffer) => (said += d));
    // The server has taken the sender's PUT and holds the path for two receivers.
    await expect.poll(() => said).toContain('Waiting for 2 receiver(s)');
    // The page receives with n=1 while the sender said n=2.
    await receiveButton.click();
    await expect(page.getByRole('alert').filter({ hasText: 'refused' })).toHaveText(/HTTP 400/);
    // The page sends on the same path: the server says it is busy.
    await page.getByLabel('Path', { exact: true }).fill(path);
    await page.getByLabel('Text to send').fill('me too');
    await sendButton.click();
    await expect(page.getByRole('alert').filter({ hasText: 'refused the transfer' })).toHaveText(
      /HTTP 400/,
    );
    sender.stop();
    await page.getByRole('button', { name: 'New path' }).click();
  });

  await test.step('curl -> page: a binary file, streamed to storage, hash compared', async () => {
    // Past a 4 MiB storage block: the last 3 bytes go in a block of their own.
    const f = makeFile('data.bin', 4 * 1024 * 1024 + 3);
    await receiveFrom.fill('bin-' + Date.now());
    const url = await sendUrl(page);
    const curl = sh(`curl -sS -T '${f.path}' ${url}`, work());
    await receiveButton.click();
    await expect(receivedLink).toBeVisible({ timeout: 30_000 });
    await expect(page.getByLabel('Received text')).toHaveCount(0);
    await page.getByLabel('Save as').fill('data.bin');
    const [dl] = await Promise.all([page.waitForEvent('download'), receivedLink.click()]);
    expect(dl.suggestedFilename()).toBe('data.bin');
    expect(sha(readFileSync(await dl.path()))).toBe(f.sha256);
    expect((await curl.done).code).toBe(0);
    // It is also listed with the other received files.
    await expect(
      page.getByRole('list', { name: 'Received files' }).getByRole('listitem'),
    ).toHaveCount(1);
  });

  await test.step('curl -> page: text shows as text', async () => {
    await receiveFrom.fill('greeting-' + Date.now());
    const url = await sendUrl(page);
    const curl = sh(`echo 'hi from curl <b>bold</b>' | curl -sS -T - ${url}`, work());
    await receiveButton.click();
    await expect(page.getByLabel('Received text')).toHaveText('hi from curl <b>bold</b>\n');
    await expect(page.locator('b')).toHaveCount(0);
    expect((await curl.done).code).toBe(0);
  });

  await test.step('openssl -> page: the page decrypts what openssl encrypted', async () => {
    const f = makeFile('plain.bin', 300_001);
    await receiveFrom.fill('enc-' + Date.now());
    await decrypt.check();
    await page.getByLabel('Passphrase for decryption').fill('pw 2');
    const url = await sendUrl(page);
    const sender = sh(
      `openssl aes-256-cbc -pbkdf2 -k 'pw 2' < '${f.path}' | curl -sS -T - ${url}`,
      work(),
    );
    await receiveButton.click();
    await expect(receivedLink).toBeVisible({ timeout: 30_000 });
    const [dl] = await Promise.all([page.waitForEvent('download'), receivedLink.click()]);
    expect(sha(readFileSync(await dl.path()))).toBe(f.sha256);
    expect((await sender.done).code).toBe(0);
    await decrypt.uncheck();
  });

  await test.step('a tar made by tar is received, its entries listed and downloadable', async () => {
    const src = work();
    mkdirSync(join(src, 'docs/sub'), { recursive: true });
    writeFileSync(join(src, 'docs/a.txt'), 'alpha');
    writeFileSync(join(src, 'docs/sub/b.bin'), Buffer.alloc(5000, 9));
    await receiveFrom.fill('tar-' + Date.now());
    const url = await sendUrl(page);
    const sender = sh(`tar cf - docs | curl -sS -T - ${url}`, src);
    await receiveButton.click();
    const entries = page.getByRole('list', { name: 'Archive entries' });
    await expect(entries.getByRole('listitem').filter({ hasText: 'docs/sub/b.bin' })).toContainText(
      '5,000 bytes',
    );
    await expect(entries.getByRole('listitem').filter({ hasText: 'docs/a.txt' })).toContainText(
      '5 bytes',
    );
    const [dl] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('link', { name: 'Download docs/sub/b.bin' }).click(),
    ]);
    expect(dl.suggestedFilename()).toBe('b.bin');
    expect(readFileSync(await dl.path()).equals(Buffer.alloc(5000, 9))).toBe(true);
    await sender.done;
  });

  await test.step('page -> curl: text, with the exact command the page shows', async () => {
    await page.getByLabel('Text to send').fill('hello from the page ✓\n');
    const command = await receiveCommand(page);
    expect(command).toMatch(new RegExp(`^curl ${servers.app}piping/[a-z0-9]{12}$`));
    await sendButton.click();
    await expect(sendStatus).toHaveText(/Waiting for the receiver|Connecting/);
    const curl = await sh(command, work()).done;
    expect(curl.code).toBe(0);
    expect(curl.stdout.toString()).toBe('hello from the page ✓\n');
    await expect(sendStatus).toHaveText('Sent: every receiver got it all.');
    await expect(page.getByRole('progressbar', { name: 'Uploading' })).toHaveAttribute(
      'aria-valuenow',
      '100',
    );
  });

  await test.step('?n=2 reaches two curl receivers', async () => {
    await page.getByLabel('Text to send').fill('for both of you');
    await fillNumber(page.getByLabel('Receivers').first(), '2');
    const command = await receiveCommand(page);
    expect(command).toMatch(/\?n=2$/);
    await sendButton.click();
    await expect(sendStatus).toHaveText(
      /Waiting until all 2 receivers have connected|Waiting for the receiver/,
    );
    const [a, b] = await Promise.all([sh(command, work()).done, sh(command, work()).done]);
    expect(a.stdout.toString()).toBe('for both of you');
    expect(b.stdout.toString()).toBe('for both of you');
    await expect(sendStatus).toHaveText('Sent: every receiver got it all.');
    await fillNumber(page.getByLabel('Receivers').first(), '1');
  });

  await test.step('page -> curl: a binary file, hash compared', async () => {
    const f = makeFile('photo.raw', 256 * 1024 + 7);
    await page.getByLabel('File', { exact: true }).check();
    await page.getByLabel('File to send').setInputFiles(f.path);
    const command = await receiveCommand(page);
    expect(command).toMatch(/ > photo\.raw$/);
    await sendButton.click();
    const dir = work();
    const curl = await sh(command, dir).done;
    expect(curl.code).toBe(0);
    expect(sha(readFileSync(join(dir, 'photo.raw')))).toBe(f.sha256);
    await expect(sendStatus).toHaveText('Sent: every receiver got it all.');
  });

  await test.step('page -> openssl: what the page encrypts, openssl decrypts', async () => {
    // Past the 1 MiB slices the page encrypts in: the cipher chains across them.
    const f = makeFile('secret.bin', 1024 * 1024 + 13);
    await page.getByLabel('File to send').setInputFiles(f.path);
    await encrypt.check();
    await page.getByLabel('Passphrase', { exact: true }).fill('open sesame');
    const command = await receiveCommand(page);
    expect(command).toMatch(
      /^curl \S+ \| openssl aes-256-cbc -pbkdf2 -d -k 'open sesame' > secret\.bin$/,
    );
    await sendButton.click();
    const dir = work();
    const run = await sh(command, dir).done;
    expect(run.code).toBe(0);
    expect(sha(readFileSync(join(dir, 'secret.bin')))).toBe(f.sha256);
    await expect(sendStatus).toHaveText('Sent: every receiver got it all.');
    await encrypt.uncheck();
  });

  await chromiumOnlyStep(
    browserName,
    'a folder sent by the page unpacks with tar: nested, UTF-8 name, empty file, times kept',
    "Playwright's WebDriver BiDi driver cannot set a folder on a file input (setInputFiles with a directory).",
    async () => {
      const src = work();
      const root = join(src, 'album');
      mkdirSync(join(root, 'été 2026/deeper'), { recursive: true });
      writeFileSync(join(root, 'readme.txt'), 'top level\n');
      writeFileSync(join(root, 'été 2026/photo ☀.raw'), Buffer.alloc(70_000, 3));
      writeFileSync(join(root, 'été 2026/deeper/empty'), '');
      const t = 1_700_000_000;
      for (const f of ['readme.txt', 'été 2026/photo ☀.raw', 'été 2026/deeper/empty'])
        utimesSync(join(root, f), t, t);
      await page.getByLabel('Folder (as tar)').check();
      await page.getByLabel('Folder to send').setInputFiles(root);
      await expect(page.getByText('3 file(s)')).toBeVisible();
      const command = await receiveCommand(page);
      expect(command).toMatch(/^curl \S+ \| tar xf -$/);
      await sendButton.click();
      const out = work();
      const run = await sh(command, out).done;
      expect(run.code, run.stderr).toBe(0);
      expect(readFileSync(join(out, 'album/readme.txt'), 'utf8')).toBe('top level\n');
      expect(
        readFileSync(join(out, 'album/été 2026/photo ☀.raw')).equals(Buffer.alloc(70_000, 3)),
      ).toBe(true);
      expect(statSync(join(out, 'album/été 2026/deeper/empty')).size).toBe(0);
      expect(statSync(join(out, 'album/été 2026/photo ☀.raw')).mtimeMs / 1000).toBe(t);
    },
  );
});
