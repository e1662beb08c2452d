import type { Page } from '@playwright/test';
import { expect } from './fixtures';
import { escapeRegExp } from './regexp';

/** Fills the Trickle ICE page's server form and presses Add server (which may refuse it). */
export async function submitServer(page: Page, url: string, username = '', credential = '') {
  await page.getByLabel('Server URL').fill(url);
  await page.getByLabel('Username', { exact: true }).fill(username);
  await page.getByLabel('Credential', { exact: true }).fill(credential);
  await page.getByRole('button', { name: 'Add server' }).click();
}

/** As `submitServer`, for a TURN server whose credential is a TURN REST shared secret. */
export async function submitRestServer(page: Page, url: string, user: string, secret: string) {
  await page.getByLabel('Server URL').fill(url);
  await page.getByLabel('Username', { exact: true }).fill(user);
  await page.getByLabel('TURN REST: the credential is a shared secret').check();
  await page.getByLabel('Shared secret', { exact: true }).fill(secret);
  await page.getByRole('button', { name: 'Add server' }).click();
}

/** Adds a server to the ICE server list (the list rooms use too) and waits until it is listed. */
export async function addServer(page: Page, url: string, username = '', credential = '') {
  await submitServer(page, url, username, credential);
  await expect(serverList(page).getByText(url, { exact: true })).toBeVisible();
}

export function serverList(page: Page) {
  return page.getByRole('list', { name: 'ICE servers' });
}

/**
 * Ticks the ICE servers in `keep` and unticks every other one, touching only the boxes that
 * change (each action is a round trip to the browser).
 */
export async function useOnly(page: Page, keep: string[]): Promise<void> {
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

/** Gathers with the ticked servers and waits for the verdicts. */
export async function gather(page: Page) {
  await page.getByRole('button', { name: 'Gather candidates' }).click();
  await expect(page.getByRole('list', { name: 'Verdicts' })).toBeVisible({ timeout: 20_000 });
}

/** The Candidates table's rows. */
export function candidateRows(page: Page) {
  return page.getByRole('table', { name: 'Candidates' }).locator('tbody tr');
}

/** The Candidates table's rows of one candidate type. */
export function rowsOfType(page: Page, type: string) {
  return candidateRows(page).filter({ has: page.getByRole('cell', { name: type, exact: true }) });
}

/** The verdict about `url`: the item that names it first (another's verdict may mention it). */
export function verdict(page: Page, url: string) {
  return page
    .getByRole('list', { name: 'Verdicts' })
    .getByRole('listitem')
    .filter({ has: page.locator('code', { hasText: new RegExp(`^${escapeRegExp(url)}$`) }) });
}

export function natType(page: Page) {
  return page.getByLabel('NAT type', { exact: true });
}
