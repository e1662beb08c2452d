import type { Page } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { expect, test } from './fixtures';
import { download, expectDone, makeFile, pickFiles } from './files';
import { guardPageAriaReflections } from './page-world-aria';
import { createRoom, device, verificationCodeOf } from './rooms';
import { t, type Locale } from './translations';

// Firefox ESR's content process has crashed once under axe on a loaded 2-core machine ("Execution
// context was destroyed"): one retry, so a browser crash is not read as a finding. A violation is
// found again on the retry, and fails it.
test.describe.configure({ retries: 1 });

/** Each view, and its main action (run over loopback, so no second device is needed). */
const views: { view: string; act?: (page: Page, tr: (en: string) => string) => Promise<void> }[] = [
  {
    view: 'text',
    act: async (page, tr) => {
      await page.getByRole('button', { name: tr('Start') }).click();
      await page.getByRole('textbox', { name: tr('Message') }).fill('hello');
      await page.getByRole('button', { name: tr('Send') }).click();
      await expect(page.getByRole('log', { name: tr('Received messages') })).toContainText('hello');
    },
  },
  {
    view: 'file',
    act: async (page, tr) => {
      await page.getByRole('button', { name: tr('Start'), exact: true }).click();
      await expect(page.getByRole('status').first()).toHaveText(
        tr('Connected: the data channel is open.'),
      );
    },
  },
  {
    view: 'bulk',
    act: async (page, tr) => {
      await page.getByRole('button', { name: tr('Start'), exact: true }).click();
      await expect(page.getByRole('status').first()).toHaveText(
        tr('Connected: the data channel is open.'),
      );
    },
  },
  {
    view: 'ice',
    act: async (page, tr) => {
      await page.getByRole('button', { name: tr('Gather candidates') }).click();
      await expect(page.getByRole('list', { name: tr('Verdicts') })).toBeVisible();
    },
  },
  { view: 'relay' },
  { view: 'settings' },
];

// axe-core itself, loaded once per page by an init script and asked for violations only: the
// Playwright wrapper injects its 500 kB into the page again at every scan, which costs seconds
// per scan over WebDriver BiDi.
const axeSource = readFileSync(
  createRequire(import.meta.url).resolve('axe-core/axe.min.js'),
  'utf8',
);

interface AxeViolation {
  id: string;
  impact: string | null;
  nodes: { target: string[] }[];
}

async function violations(page: Page, where: string): Promise<string[]> {
  const found = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run(...args: unknown[]): Promise<unknown> } }).axe;
    const result = (await axe.run(document, { resultTypes: ['violations'] })) as {
      violations: AxeViolation[];
    };
    return result.violations;
  });
  return found.map(
    (v) => `${where}: ${v.id} (${v.impact}) ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`,
  );
}

// Every language in both schemes and at both widths, paired rather than crossed: colours (and so
// contrast) change with the scheme alone, and layout (reflow, scrolling regions, text that no
// longer fits) with the width and the language, not with the scheme.
const cases = (['en', 'zh-TW'] as const).flatMap((locale) =>
  [
    { scheme: 'light' as const, size: 'desktop', width: 1280 },
    { scheme: 'dark' as const, size: '375 px', width: 375 },
  ].map((c) => ({ locale: locale as Locale, ...c })),
);

for (const { locale, scheme, size, width } of cases) {
  test.describe(locale, () => {
    test.use({ locale });
    test(`axe: no violation on any tool, idle and after its main action, ${locale}, ${scheme}, ${size}`, async ({
      page,
      browserName,
    }) => {
      await guardPageAriaReflections(page, browserName);
      await page.addInitScript({ content: axeSource });
      await page.setViewportSize({ width, height: 800 });
      await page.emulateMedia({ colorScheme: scheme });
      const found: string[] = [];
      for (const { view, act } of views) {
        await page.goto(`/#/${view}`);
        await expect(page.locator('html')).toHaveAttribute('lang', locale);
        await expect(page.locator('main h1').first()).toBeAttached();
        found.push(...(await violations(page, view)));
        if (act) {
          await act(page, (english) => t(locale, english));
          found.push(...(await violations(page, `${view} after its action`)));
        }
        // No horizontal scrolling of the page itself: wide content scrolls inside its region.
        const overflow = await page.evaluate(
          () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
        );
        if (overflow > 0) found.push(`${view}: the page scrolls sideways by ${overflow} px`);
      }
      expect(found).toEqual([]);
    });
  });
}

test('axe: no violation in a room of three devices (device list, Send to, per-peer lists), 375 px; the file still reaches both joiners, verified', async ({
  browser,
  browserName,
  servers,
}) => {
  const [alice, bob, carol] = await Promise.all([0, 1, 2].map(() => device(browser, servers.app)));
  await guardPageAriaReflections(alice, browserName);
  await alice.addInitScript({ content: axeSource });
  await alice.setViewportSize({ width: 375, height: 800 });
  await alice.goto('/#/file');
  const link = await createRoom(alice);
  for (const joiner of [bob, carol]) {
    await joiner.goto(link);
    await verificationCodeOf(joiner);
  }
  await expect(alice.getByRole('group', { name: 'Send to' })).toBeVisible();
  const file = makeFile('a11y.txt', 5000);
  await pickFiles(alice, [file]);
  await expect(alice.getByRole('list', { name: /^Outgoing files to / })).toHaveCount(2);
  expect(await violations(alice, 'file room of three')).toEqual([]);
  // The joiners ask before accepting (the default): each accepts and gets it, verified.
  for (const joiner of [bob, carol]) {
    await joiner.getByRole('button', { name: 'Accept a11y.txt' }).click();
    await expectDone(joiner, 'a11y.txt');
    expect(await download(joiner, 'a11y.txt')).toEqual({ name: 'a11y.txt', sha256: file.sha256 });
  }
});
