// Launches Debian's Chromium or Firefox ESR through playwright-core: shared by the benchmarks,
// `npm run ice` and the packaged `dckit-ice` command (which has no @playwright/test).
import { chromium, firefox } from 'playwright-core';
import { chromiumArgs, chromiumPath } from '../scripts/chromium.mjs';
import { firefoxUse } from '../scripts/firefox.mjs';

/** `extraChromiumArgs` are added to the flags every run of Chromium uses. */
export function launchBrowser(kind = 'chromium', extraChromiumArgs = []) {
  if (kind === 'firefox') {
    return firefox.launch({ ...firefoxUse.launchOptions, channel: firefoxUse.channel });
  }
  return chromium.launch({
    executablePath: chromiumPath,
    args: [...chromiumArgs, ...extraChromiumArgs],
  });
}
