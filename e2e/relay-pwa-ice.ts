// Helpers of the relay, PWA and ICE specs.
import type { Page } from '@playwright/test';
import { test } from './fixtures';
import { serverList } from './ice-tester';

/**
 * Runs `body` as a step in Chromium only. In Firefox the step is left out, and the test says so
 * with `firefoxLacks` (the browser ability it is missing there), as a `test.skip` would.
 */
export async function chromiumOnlyStep(
  browserName: string,
  title: string,
  firefoxLacks: string,
  body: () => Promise<void>,
): Promise<void> {
  if (browserName === 'firefox') {
    test.info().annotations.push({
      type: 'skipped in Firefox',
      description: `${title}: ${firefoxLacks}`,
    });
    return;
  }
  await test.step(title, body);
}

/**
 * Ticks the ICE servers in `keep` and unticks every other one, touching only the boxes that
 * change (each action is a round trip to the browser).
 */
export async function useOnlyServers(page: Page, keep: string[]): Promise<void> {
  const boxes = serverList(page).getByRole('checkbox');
  const states = await boxes.evaluateAll((els) =>
    els.map(
      (el) => [el.getAttribute('aria-label') ?? '', (el as HTMLInputElement).checked] as const,
    ),
  );
  for (const [label, checked] of states) {
    const wanted = keep.includes(label.replace(/^Use /, ''));
    if (checked !== wanted)
      await serverList(page).getByRole('checkbox', { name: label, exact: true }).setChecked(wanted);
  }
}
