import type { Locator, Page } from '@playwright/test';

/** Whether `target` holds the focus, looking through shadow roots. */
export function isFocused(target: Locator): Promise<boolean> {
  return target.evaluate((el) => {
    let active = document.activeElement;
    while (active?.shadowRoot?.activeElement) active = active.shadowRoot.activeElement;
    return active === el;
  });
}

/** What holds the focus, as a short description (for failure messages). */
export function focusedElement(page: Page): Promise<string> {
  return page.evaluate(() => {
    let active = document.activeElement;
    while (active?.shadowRoot?.activeElement) active = active.shadowRoot.activeElement;
    if (!active) return 'nothing';
    const name = active.getAttribute('aria-label') ?? active.textContent?.trim().slice(0, 40);
    return `${active.localName}${name ? ` "${name}"` : ''}`;
  });
}

/** Presses Tab (or Shift+Tab) until `target` has the focus, as a keyboard user would. */
export async function tabTo(page: Page, target: Locator, key = 'Tab', limit = 40): Promise<void> {
  for (let i = 0; i < limit; i++) {
    await page.keyboard.press(key);
    if (await isFocused(target)) return;
  }
  throw new Error(
    `${limit} presses of ${key} never reached the target; at ${await focusedElement(page)}`,
  );
}

/**
 * Puts the focus on the page's first Tab stop, the skip link, as a first Tab does in a browser
 * window that has the focus. Headless Firefox driven over WebDriver BiDi starts without it: a
 * first Tab then only focuses the window, and later Enter or Space on a focused button reach it
 * (keydown, keypress, keyup) without activating it. Focusing by script first avoids that.
 */
export async function startAtSkipLink(page: Page): Promise<void> {
  const skip = page.getByRole('button', { name: 'Skip to the tool' });
  await skip.focus();
}
