// Helpers of the relay, PWA and ICE specs.
import { test } from './fixtures';

/**
 * Runs `body` as a step in Chromium only. In Firefox the step is left out, and the test says so
 * with `firefoxLacks` (the browser ability it is missing there), as a `test.skip` would.
 */
export async function chromiumOnlyStep(
  browserName: string,
  title: string,
  firefoxLacks: string,
  body: () => Promise<void>,
): Promise<void> {
  if (browserName === 'firefox') {
    test.info().annotations.push({
      type: 'skipped in Firefox',
      description: `${title}: ${firefoxLacks}`,
    });
    return;
  }
  await test.step(title, body);
}
