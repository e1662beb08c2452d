import type { Page } from '@playwright/test';
import { expect } from './fixtures';
import { download, type TestFile } from './files';
import { saveSettings } from './rooms';

/** Relay-only policy and no TURN server in the list: the page gathers no candidate at all. */
export async function relayOnlyWithoutTurn(page: Page, turnUrl: string): Promise<void> {
  await saveSettings(page, { policy: 'relay' });
  await page.goto('/#/ice');
  await page.getByRole('button', { name: `Remove ${turnUrl}` }).click();
  await expect(page.getByText(turnUrl, { exact: true })).toHaveCount(0);
}

/** The File tool reports ICE's failure (its message containing `failure`) and offers the relay. */
export async function expectRelayOffered(page: Page, failure: string | RegExp, timeout: number) {
  await expect(page.getByRole('alert').filter({ hasText: 'ICE' })).toContainText(failure, {
    timeout,
  });
  await expect(page.getByRole('heading', { name: 'Send through the relay instead' })).toBeVisible();
}

/** Sends `file` through the offered relay and checks the received bytes. */
export async function sendThroughRelay(sender: Page, receiver: Page, file: TestFile) {
  await sender.getByLabel('Files to send through the relay').setInputFiles(file.path);
  await receiver.getByRole('button', { name: 'Receive through the relay' }).click();
  await expect(sender.getByText('Sent 1 file(s) through the relay.')).toBeVisible({
    timeout: 30_000,
  });
  await expect(receiver.getByText(/Received 1 file\(s\) through the relay/)).toBeVisible();
  expect(await download(receiver, file.name)).toEqual({ name: file.name, sha256: file.sha256 });
}
