import type { Page } from '@playwright/test';
import { expect } from '../fixtures';

/** Adds a server to the ICE server list on the Trickle ICE page (the list rooms use too). */
export async function addServer(page: Page, url: string, username = '', credential = '') {
  await page.getByLabel('Server URL').fill(url);
  await page.getByLabel('Username', { exact: true }).fill(username);
  await page.getByLabel('Credential', { exact: true }).fill(credential);
  await page.getByRole('button', { name: 'Add server' }).click();
  await expect(serverList(page).getByText(url, { exact: true })).toBeVisible();
}

export function serverList(page: Page) {
  return page.getByRole('list', { name: 'ICE servers' });
}

/** Ticks the servers in `keep` and unticks every other one. */
export async function useOnly(page: Page, keep: string[]) {
  for (const box of await serverList(page).getByRole('checkbox').all()) {
    const name = (await box.getAttribute('aria-label'))!.replace(/^Use /, '');
    await box.setChecked(keep.includes(name));
  }
}

/** Gathers with the ticked servers, in one shared gathering, and waits for the verdicts. */
export async function gather(page: Page) {
  await page.getByRole('button', { name: 'Gather candidates' }).click();
  await expect(page.getByRole('list', { name: 'Verdicts' })).toBeVisible({ timeout: 20_000 });
}

/** The Candidates table's rows of one candidate type. */
export function rowsOfType(page: Page, type: string) {
  return page
    .getByRole('table', { name: 'Candidates' })
    .locator('tbody tr')
    .filter({ has: page.getByRole('cell', { name: type, exact: true }) });
}

export function verdict(page: Page, url: string) {
  return page
    .getByRole('list', { name: 'Verdicts' })
    .getByRole('listitem')
    .filter({ hasText: url });
}

export function natType(page: Page) {
  return page.getByLabel('NAT type', { exact: true });
}
