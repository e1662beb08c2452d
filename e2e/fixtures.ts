import { test as base, expect, type Locator } from '@playwright/test';

export interface TestServers {
  /** The app, built in test mode and served with /piping forwarded to the piping-server. */
  app: string;
  /** The folder that build is in (specs may copy it, never change it). */
  appDir: string;
  /** The piping-server itself (cross-origin to the app). */
  piping: string;
  turn: { stunUrl: string; turnUrl: string; username: string; credential: string; port: number };
}

function servers(): TestServers {
  const { DCKIT_APP_URL, DCKIT_APP_DIR, DCKIT_PIPING_URL, DCKIT_TURN } = process.env;
  if (!DCKIT_APP_URL || !DCKIT_APP_DIR || !DCKIT_PIPING_URL || !DCKIT_TURN) {
    throw new Error('e2e/global-setup.ts did not run: servers unknown');
  }
  return {
    app: DCKIT_APP_URL,
    appDir: DCKIT_APP_DIR,
    piping: DCKIT_PIPING_URL,
    turn: JSON.parse(DCKIT_TURN),
  };
}

export const test = base.extend<{ servers: TestServers }>({
  servers: async ({}, use) => use(servers()),
  baseURL: async ({}, use) => use(servers().app),
});

export { expect };

/**
 * Types into a number input. Through WebDriver BiDi (Firefox), `fill` on a number input appends
 * to its value ("10" + "4" gives "104"), so it is cleared first.
 */
export async function fillNumber(field: Locator, value: string): Promise<void> {
  await field.clear();
  await field.fill(value);
}
