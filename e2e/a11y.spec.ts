import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { t, type Locale } from './translations';

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

async function violations(page: Page, where: string): Promise<string[]> {
  const { violations } = await new AxeBuilder({ page }).analyze();
  return violations.map(
    (v) => `${where}: ${v.id} (${v.impact}) ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`,
  );
}

// Every pair of (language, scheme, width) is covered once: four runs instead of eight.
const cases: { locale: Locale; scheme: 'light' | 'dark'; size: string; width: number }[] = [
  { locale: 'en', scheme: 'light', size: 'desktop', width: 1280 },
  { locale: 'en', scheme: 'dark', size: '375 px', width: 375 },
  { locale: 'zh-TW', scheme: 'dark', size: 'desktop', width: 1280 },
  { locale: 'zh-TW', scheme: 'light', size: '375 px', width: 375 },
];

for (const { locale, scheme, size, width } of cases) {
  test.describe(locale, () => {
    test.use({ locale });
    test(`axe: no violation on any tool, idle and after its main action, ${locale}, ${scheme}, ${size}`, async ({
      page,
    }) => {
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
