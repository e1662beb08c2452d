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

/** What one scan saw: axe's violations, and the page's scheme, width and sideways overflow. */
interface Scan {
  violations: AxeViolation[];
  dark: boolean;
  width: number;
  /** How far the page itself scrolls sideways, in CSS pixels. */
  overflow: number;
}

// One round trip per scan: the page's state is read along with axe's findings.
function scan(page: Page): Promise<Scan> {
  return page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run(...args: unknown[]): Promise<unknown> } }).axe;
    const result = (await axe.run(document, { resultTypes: ['violations'] })) as {
      violations: AxeViolation[];
    };
    const root = document.documentElement;
    return {
      violations: result.violations,
      dark: matchMedia('(prefers-color-scheme: dark)').matches,
      width: innerWidth,
      overflow: root.scrollWidth - root.clientWidth,
    };
  });
}

function describeViolations(found: AxeViolation[], where: string): string[] {
  return found.map(
    (v) => `${where}: ${v.id} (${v.impact}) ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`,
  );
}

async function violations(page: Page, where: string): Promise<string[]> {
  return describeViolations((await scan(page)).violations, where);
}

// Every language in both schemes and at both widths, paired rather than crossed: colours (and so
// contrast) change with the scheme alone, and layout (reflow, scrolling regions, text that no
// longer fits) with the width and the language, not with the scheme. Scheme and width change in
// place (both are CSS media queries), so each view is scanned in both variants, idle and after its
// main action, with that action run once.
interface Variant {
  scheme: 'light' | 'dark';
  size: string;
  width: number;
}
const light: Variant = { scheme: 'light', size: 'desktop', width: 1280 };
const dark: Variant = { scheme: 'dark', size: '375 px', width: 375 };

for (const locale of ['en', 'zh-TW'] as const satisfies readonly Locale[]) {
  test.describe(locale, () => {
    test.use({ locale, viewport: { width: light.width, height: 800 }, colorScheme: light.scheme });
    test(`axe: no violation on any tool, idle and after its main action, ${locale}, light at desktop width and dark at 375 px`, async ({
      page,
      browserName,
    }) => {
      await guardPageAriaReflections(page, browserName);
      await page.addInitScript({ content: axeSource });
      const found: string[] = [];
      // Firefox ESR has no colour-scheme emulation over WebDriver BiDi (scripts/firefox-bidi.mjs
      // answers the command as a no-op): there the narrow variant keeps the light scheme.
      const emulatesScheme = browserName !== 'firefox';
      // A change of viewport is slow (Firefox waits for the resize): each view starts in the
      // variant the last one ended in, so each switch is made only once.
      let shown = light;
      /** Scans in `variant`; `settled`: the view's last state, checked for sideways scrolling. */
      const scanIn = async (variant: Variant, view: string, state: string, settled: boolean) => {
        if (variant !== shown) {
          await page.setViewportSize({ width: variant.width, height: 800 });
          await page.emulateMedia({ colorScheme: variant.scheme });
          shown = variant;
        }
        const seen = await scan(page);
        // The page itself saw the variant it was scanned in.
        expect({ dark: seen.dark, width: seen.width }).toEqual({
          dark: variant.scheme === 'dark' && emulatesScheme,
          width: variant.width,
        });
        const where = `${view}${state}, ${seen.dark ? 'dark' : 'light'}, ${variant.size}`;
        found.push(...describeViolations(seen.violations, where));
        // No horizontal scrolling of the page itself: wide content scrolls inside its region.
        if (settled && seen.overflow > 0) {
          found.push(`${where}: the page scrolls sideways by ${seen.overflow} px`);
        }
      };
      for (const { view, act } of views) {
        await test.step(view, async () => {
          await page.goto(`/#/${view}`);
          await expect(page.locator('html')).toHaveAttribute('lang', locale);
          await expect(page.locator('main h1').first()).toBeAttached();
          const [first, second] = shown === light ? [light, dark] : [dark, light];
          await scanIn(first, view, '', false);
          await scanIn(second, view, '', !act);
          if (act) {
            await act(page, (english) => t(locale, english));
            await scanIn(second, view, ' after its action', true);
            await scanIn(first, view, ' after its action', true);
          }
        });
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
