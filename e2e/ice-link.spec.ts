import { spawn } from 'node:child_process';
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { useOnly, verdict } from './ice-tester';

/** The servers a test link carries (its `test` parameter, base64url JSON). */
function linkBody(link: string): { servers: { url: string; credential?: string }[] } {
  const param = new URL(link).hash.split('?')[1];
  return JSON.parse(Buffer.from(new URLSearchParams(param).get('test')!, 'base64url').toString());
}

/** `npm run ice -- args` (node scripts/ice.mjs), to its end. */
function ice(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['scripts/ice.mjs', ...args]);
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d));
    child.stderr.on('data', (d: Buffer) => (stderr += d));
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

async function makeLink(page: Page): Promise<string> {
  await page.getByRole('button', { name: 'Copy test link' }).click();
  const field = page.getByLabel('Test link', { exact: true });
  await expect(field).toHaveValue(/#\/ice\?test=/);
  return field.inputValue();
}

test('a test link runs the same servers on another device, and `npm run ice` runs them headless with an exit code', async ({
  page,
  context,
  browser,
  browserName,
  servers,
}) => {
  test.setTimeout(180_000);
  if (browserName === 'chromium') await context.grantPermissions(['clipboard-write']);
  const { stunUrl, turnUrl, username, credential } = servers.turn;
  await page.goto('/#/ice');
  await useOnly(page, [stunUrl, turnUrl]);
  let link = '';

  await test.step('the link carries the list; TURN credentials only when asked, with a warning', async () => {
    const without = await makeLink(page);
    expect(linkBody(without).servers).toEqual([{ url: stunUrl }]);
    await expect(
      page.getByText(`Left out, for their credentials stay here: ${turnUrl}.`),
    ).toBeVisible();
    await page.getByLabel('Put TURN credentials in the link').check();
    await expect(
      page.getByRole('note').filter({ hasText: 'Anyone who gets the link' }),
    ).toBeVisible();
    link = await makeLink(page);
    expect(linkBody(link).servers).toEqual([
      { url: stunUrl },
      { url: turnUrl, username, credential },
    ]);
    await expect(page.getByText('Test link copied.', { exact: true })).toBeVisible();
  });

  await test.step('opened on another device, it gathers those servers at once: same verdicts', async () => {
    const other = await (await browser.newContext()).newPage();
    await other.goto(link);
    const fromLink = other.getByRole('list', { name: 'Servers from a test link' });
    await expect(fromLink.getByRole('listitem')).toHaveText([stunUrl, turnUrl]);
    await expect(other.getByRole('region', { name: 'ICE servers' })).toBeHidden();
    await expect(verdict(other, stunUrl)).toContainText('STUN works');
    await expect(verdict(other, turnUrl)).toContainText('TURN works: relay candidate');
    await other.getByRole('button', { name: 'Back to my servers' }).click();
    await expect(other.getByRole('region', { name: 'ICE servers' })).toBeVisible();
    await expect(fromLink).toHaveCount(0);
    await other.context().close();
  });

  await test.step('`npm run ice`: works -> 0 with a versioned JSON report; 401 -> 1; bad arguments -> 2', async () => {
    // A fresh build of the app is the command's own (browser-independent) path: the Chromium
    // project takes it; Firefox uses the app already served.
    const app = browserName === 'chromium' ? [] : ['--app', servers.app];
    const good = await ice([
      ...app,
      ...['--browser', browserName, '--json'],
      ...['--username', username, '--credential', credential],
      stunUrl,
      turnUrl,
    ]);
    expect(good.code, good.stderr).toBe(0);
    const report = JSON.parse(good.stdout) as {
      schema: string;
      version: number;
      servers: string[];
      verdicts: { server: string; level: string; words: string }[];
    };
    expect(report).toMatchObject({ schema: 'dckit-ice-report', version: 1 });
    expect(report.servers).toEqual([stunUrl, turnUrl]);
    expect(report.verdicts.map((v) => [v.server, v.level])).toEqual([
      [stunUrl, 'ok'],
      [turnUrl, 'ok'],
    ]);

    const wrong = await ice([
      ...['--app', servers.app, '--browser', browserName],
      ...['--username', username, '--credential', 'not-the-password', turnUrl],
    ]);
    expect(wrong.code, wrong.stderr).toBe(1);
    expect(wrong.stdout).toContain(`FAILS  ${turnUrl}  TURN authentication failed (401)`);
    expect(wrong.stdout).not.toContain('not-the-password');

    const bad = await ice(['--app', servers.app, 'http://example.invalid']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('"http:" is not an ICE scheme');
    const none = await ice(['--bogus']);
    expect(none.code).toBe(2);
    expect(none.stderr).toContain('Usage: npm run ice');
  });
});
