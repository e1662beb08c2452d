import type { Browser, BrowserContext, Page } from '@playwright/test';
import { expect, fillNumber, test } from './fixtures';
import { escapeRegExp } from './regexp';

/** A page in its own browser context: another device, as far as the app can tell. */
export async function device(browser: Browser, baseURL: string): Promise<Page> {
  const context = await browser.newContext({ baseURL });
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  return context.newPage();
}

/**
 * A device whose storage outlives its browser context (a profile on disk): closing it is the
 * device going away; opening the same profile again is the same device coming back.
 */
export async function persistentDevice(
  browserType: ReturnType<Browser['browserType']>,
  baseURL: string,
  profile: string,
): Promise<{ page: Page; context: BrowserContext }> {
  const use = test.info().project.use;
  const context = await browserType.launchPersistentContext(profile, {
    ...use.launchOptions,
    ...(use.channel ? { channel: use.channel } : {}),
    baseURL,
    locale: 'en-US',
  });
  return { context, page: context.pages()[0] ?? (await context.newPage()) };
}

/** Creates a room on the tool page `page` is on and returns its link. */
export async function createRoom(page: Page): Promise<string> {
  await page.getByLabel('Room (other devices)').check();
  await page.getByRole('button', { name: 'Create room' }).click();
  const link = page.getByLabel('Room link: open it on the other device');
  await expect(link).toHaveValue(/#\/\w+\?room=/);
  return link.inputValue();
}

/**
 * Connects `joiner` to a room `creator` creates on `tool`: both show the verification code.
 * Returns the room link.
 */
export async function connectRoom(creator: Page, joiner: Page, tool = 'file'): Promise<string> {
  await creator.goto(`/#/${tool}`);
  const link = await createRoom(creator);
  expect(link).toContain(`#/${tool}?room=`);
  await joiner.goto(link);
  await verificationCodeOf(joiner);
  await verificationCodeOf(creator);
  return link;
}

export const connectedStatus = /Connected to the peer\. Verification code: (\d{3} \d{3})/;

export async function verificationCodeOf(page: Page): Promise<string> {
  const status = page.getByRole('status').filter({ hasText: connectedStatus });
  await expect(status).toBeVisible({ timeout: 20_000 });
  return (await status.textContent())!.match(connectedStatus)![1];
}

/** Saves Settings through the UI. */
export async function saveSettings(
  page: Page,
  {
    pipingUrl,
    timeout,
    policy,
    name,
    speedLimitMB,
  }: {
    pipingUrl?: string;
    timeout?: number;
    policy?: 'all' | 'relay';
    name?: string;
    /** The File speed limit (MB/s; 0 for none). */
    speedLimitMB?: number;
  },
): Promise<void> {
  await page.goto('/#/settings');
  if (pipingUrl !== undefined) await page.getByLabel('Piping-server URL').fill(pipingUrl);
  if (timeout !== undefined) {
    await fillNumber(page.getByLabel('Signaling time-out (seconds)'), String(timeout));
  }
  if (policy) await page.getByLabel('ICE transport policy for rooms').selectOption(policy);
  if (name !== undefined) await page.getByLabel('Device name').fill(name);
  if (speedLimitMB !== undefined)
    await page.getByLabel('File speed limit').selectOption(String(speedLimitMB));
  await page.getByRole('button', { name: 'Save' }).click();
  await expect(page.getByText('Saved.')).toBeVisible();
}

/** The connection picker's own status line (tools may have status lines of their own). */
export function pickerStatus(page: Page) {
  return page.locator('connection-picker').getByRole('status').first();
}

/** A chat line from another device that kept its generated name ("Device 4F2A"), then `text`. */
export function fromDevice(text: string): RegExp {
  return new RegExp(`^Device [A-Z0-9]{4}${escapeRegExp(text)}$`);
}
