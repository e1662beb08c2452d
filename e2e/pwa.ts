// Helpers of the PWA specs (pwa, pwa-share, pwa-transfer).
import type { Page } from '@playwright/test';
import { expect } from './fixtures';

/** Waits until the app's service worker controls the page (it claims pages on first install). */
export async function controlled(page: Page): Promise<void> {
  await page.waitForFunction(() => navigator.serviceWorker.controller !== null, null, {
    timeout: 30_000,
  });
}

export async function startLoopback(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Start', exact: true }).click();
  await expect(page.getByRole('status').first()).toHaveText('Connected: the data channel is open.');
}

export const message = (page: Page) => page.getByRole('textbox', { name: 'Message' });
export const waiting = (page: Page) => page.getByRole('list', { name: 'Waiting to send' });
