import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import Ajv2020 from 'ajv/dist/2020.js';
import { expect, test } from './fixtures';
import { useOnly, verdict } from './ice-tester';

/** The servers a test link carries (its `test` parameter, base64url JSON). */
function linkBody(link: string): { servers: { url: string; credential?: string }[] } {
  const param = new URL(link).hash.split('?')[1];
  return JSON.parse(Buffer.from(new URLSearchParams(param).get('test')!, 'base64url').toString());
}

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** A command to its end. */
function run(command: string, args: string[], env: NodeJS.ProcessEnv = process.env): Promise<Run> {
  return new Promise((resolve) => {
    const child = spawn(command, args, { env });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d));
    child.stderr.on('data', (d: Buffer) => (stderr += d));
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

/** `npm run ice -- args` (node scripts/ice.mjs): a fresh build of this work tree. */
const ice = (args: string[]) => run(process.execPath, ['scripts/ice.mjs', ...args]);

/**
 * The command as a person without this work tree runs it: `npm pack` (its build in test mode,
 * so no public server is named), then `npx --offline --package=<tarball> dckit-ice args` with an
 * empty npm cache of its own, which works because the package carries what it needs.
 */
async function packed(dir: string): Promise<(args: string[]) => Promise<Run>> {
  const env = { ...process.env, DCKIT_PACK_MODE: 'test', VITE_ICE_SERVERS: '[]' };
  // `npm pack` builds into dist/: a build of the work tree's own there is set aside meanwhile
  // and put back, so no test-mode build is left where `npm run build` puts a real one.
  const own = existsSync('dist') ? join(dir, 'own-dist') : null;
  if (own) renameSync('dist', own);
  let pack: Run;
  try {
    pack = await run('npm', ['pack', '--silent', '--pack-destination', dir], env);
  } finally {
    rmSync('dist', { recursive: true, force: true });
    if (own) renameSync(own, 'dist');
  }
  expect(pack.code, pack.stderr).toBe(0);
  const tarball = join(dir, pack.stdout.trim().split('\n').pop()!);
  const cache = join(dir, 'npm-cache');
  return (args) =>
    run('npx', ['--yes', '--offline', `--package=${tarball}`, 'dckit-ice', ...args], {
      ...process.env,
      npm_config_cache: cache,
    });
}

async function makeLink(page: Page): Promise<string> {
  await page.getByRole('button', { name: 'Copy test link' }).click();
  const field = page.getByLabel('Test link', { exact: true });
  await expect(field).toHaveValue(/#\/ice\?test=/);
  return field.inputValue();
}

test('a test link runs the same servers on another device, and `npm run ice` (or the packaged `dckit-ice` through npx) runs them headless with an exit code', async ({
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

  await test.step('`npm run ice` and the packaged `dckit-ice`: works -> 0 with a JSON report valid against its schema; 401 -> 1; bad arguments -> 2', async () => {
    // How the command gets its app does not depend on the browser: the Chromium project takes
    // `npm run ice` on a fresh build, Firefox the packaged command through npx, which serves
    // the app built into the package.
    let command = ice;
    let usage = 'Usage: npm run ice';
    if (browserName === 'firefox') {
      const dir = test.info().outputPath('pack');
      mkdirSync(dir, { recursive: true });
      command = await packed(dir);
      usage = 'Usage: dckit-ice';
    }
    const good = await command([
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
    const validate = new Ajv2020({ allErrors: true }).compile(
      JSON.parse(readFileSync('docs/ice-report.schema.json', 'utf8')) as object,
    );
    expect(validate(report), JSON.stringify(validate.errors)).toBe(true);
    expect(report.servers).toEqual([stunUrl, turnUrl]);
    expect(report.verdicts.map((v) => [v.server, v.level])).toEqual([
      [stunUrl, 'ok'],
      [turnUrl, 'ok'],
    ]);

    const wrong = await command([
      ...['--app', servers.app, '--browser', browserName],
      ...['--username', username, '--credential', 'not-the-password', turnUrl],
    ]);
    expect(wrong.code, wrong.stderr).toBe(1);
    expect(wrong.stdout).toContain(`FAILS  ${turnUrl}  TURN authentication failed (401)`);
    expect(wrong.stdout).not.toContain('not-the-password');

    const bad = await command(['--app', servers.app, 'http://example.invalid']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('"http:" is not an ICE scheme');
    const none = await command(['--bogus']);
    expect(none.code).toBe(2);
    expect(none.stderr).toContain(usage);
  });
});
