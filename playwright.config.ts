import { defineConfig } from '@playwright/test';

// @ts-expect-error plain ESM module shared with the benchmarks
import { chromiumArgs, chromiumPath } from './scripts/chromium.mjs';
// @ts-expect-error plain ESM module shared with the benchmarks
import { firefoxUse } from './scripts/firefox.mjs';

export default defineConfig({
  testDir: 'e2e',
  globalSetup: './e2e/global-setup.ts',
  fullyParallel: true,
  // Two cores, three workers: a test spends most of its time waiting (on timers, speed limits,
  // the network, another browser), so a third worker fills the cores; measured, a whole run fell
  // from ~10 to ~6.5 minutes with the tests themselves hardly slower. DCKIT_WORKERS overrides.
  workers: Number(process.env.DCKIT_WORKERS ?? 3),
  retries: 0,
  // Generous waits: two browsers, their peers and the servers share two cores, and a busy
  // machine can slow any step several-fold. A passing test never waits for these.
  timeout: 120_000,
  expect: { timeout: 20_000 },
  forbidOnly: !!process.env.CI,
  reporter: [
    ['list'],
    ...(process.env.CI ? [] : [['html', { open: 'never' }] as const]),
    // Each browser's share, for the summary of `npm test`.
    ['./e2e/project-times.ts'],
    // Every test's worker, start and steps, to see where a run's time went.
    ...(process.env.DCKIT_JSON_REPORT
      ? [['json', { outputFile: process.env.DCKIT_JSON_REPORT }] as const]
      : []),
  ],
  // English unless a spec asks for another language (the app follows the browser's).
  // A trace records every action's page snapshot, at a real cost in CPU on two cores: it is
  // kept for failures only when asked for (DCKIT_TRACE=1 npm test).
  use: {
    locale: 'en-US',
    trace: process.env.DCKIT_TRACE ? { mode: 'retain-on-failure', screenshots: false } : 'off',
  },
  projects: [
    {
      name: 'chromium',
      use: {
        browserName: 'chromium',
        launchOptions: { executablePath: chromiumPath, args: chromiumArgs },
      },
    },
    { name: 'firefox', use: firefoxUse },
  ],
});
