import type { Page } from '@playwright/test';

/**
 * ARIA element reflections whose value Firefox caches per element (arrays of elements). Playwright
 * reads `ariaLabelledByElements` in its sandbox for every element a label query looks at.
 */
const cachedReflections = [
  'ariaControlsElements',
  'ariaDescribedByElements',
  'ariaDetailsElements',
  'ariaErrorMessageElements',
  'ariaFlowToElements',
  'ariaLabelledByElements',
  'ariaOwnsElements',
];

/**
 * Before a script in the page (axe-core) reads ARIA element reflections, in Firefox: its content
 * process segfaults when the page reads one of them on an element after Playwright's sandbox did
 * (Firefox ESR 153; docs/firefox-aria-reflection-crash.html), and there is no way to tell short of
 * crashing. In the page they read as unset, so axe-core falls back to the aria-* attributes, which
 * carry every relation the app sets; Playwright's own queries still see the real ones.
 */
export async function guardPageAriaReflections(page: Page, browserName: string): Promise<void> {
  if (browserName !== 'firefox') return;
  await page.addInitScript((names: string[]) => {
    for (const name of names) {
      if (name in Element.prototype)
        Object.defineProperty(Element.prototype, name, { configurable: true, get: () => null });
    }
  }, cachedReflections);
}
