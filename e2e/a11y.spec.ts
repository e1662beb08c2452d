import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';

/** Each view, and its main action (run over loopback, so no second device is needed). */
const views: { view: string; act?: (page: Page) => Promise<void> }[] = [
  {
    view: 'text',
    act: async (page) => {
      await page.getByRole('button', { name: 'Start' }).click();
      await page.getByRole('textbox', { name: 'Message' }).fill('hello');
      await page.getByRole('button', { name: 'Send' }).click();
      await expect(page.getByRole('log', { name: 'Received messages' })).toContainText('hello');
    },
  },
  {
    view: 'file',
    act: async (page) => {
      await page.getByRole('button', { name: 'Start', exact: true }).click();
      await expect(page.getByRole('status').first()).toHaveText(/Connected/);
    },
  },
  {
    view: 'bulk',
    act: async (page) => {
      await page.getByRole('button', { name: 'Start', exact: true }).click();
      await expect(page.getByRole('status').first()).toHaveText(/Connected/);
    },
  },
  {
    view: 'ice',
    act: async (page) => {
      await page.getByRole('button', { name: 'Gather candidates' }).click();
      await expect(page.getByRole('list', { name: 'Verdicts' })).toBeVisible();
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

for (const scheme of ['light', 'dark'] as const) {
  for (const [size, width] of [
    ['desktop', 1280],
    ['375 px', 375],
  ] as const) {
    test(`axe: no violation on any tool, idle and after its main action, ${scheme}, ${size}`, async ({
      page,
    }) => {
      await page.setViewportSize({ width, height: 800 });
      await page.emulateMedia({ colorScheme: scheme });
      const found: string[] = [];
      for (const { view, act } of views) {
        await page.goto(`/#/${view}`);
        await expect(page.locator('main h1').first()).toBeAttached();
        found.push(...(await violations(page, view)));
        if (act) {
          await act(page);
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
  }
}
