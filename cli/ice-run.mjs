// The Trickle ICE tester as a command, for CI: it serves the app, opens its test link for the
// given servers in Debian's Chromium or Firefox ESR, and prints each server's verdict (or, with
// --json, the report the page's Download JSON gives). Exit code: 0 when every server works, 1
// when one does not, 2 on bad arguments, 3 when the command itself could not run the test.
// Run as `npm run ice` (a fresh build) or as the packaged `dckit-ice` (the package's build).
import { parseArgs } from 'node:util';
import { launchBrowser } from './browsers.mjs';

const usageOf = (command) => `Usage: ${command} [options] URL…
  URL                 stun:host[:port], turn:host[:port][?transport=udp|tcp], turns:host[:port]
  --browser NAME      chromium (default) or firefox
  --app URL           use the dckit already served there instead of its own
  --json              print the whole report as JSON (schema: docs/ice-report.md)
  --timeout SECONDS   gathering time-out, 1 to 120 (default 10)
  --relay             ICE transport policy "relay"
  --alone             gather each server on its own connection only
  --username NAME     TURN username (or ICE_USERNAME)
  --credential TEXT   TURN credential (or ICE_CREDENTIAL); never printed
Exit code: 0 every server works, 1 one does not, 2 bad arguments, 3 the test could not run.`;

/**
 * Runs the command with `process.argv` and exits. `command` is how the usage names it; `serve()`
 * serves the app to test with (unless --app names one) and resolves `{ url, close }`.
 */
export async function runIce({ command, serve }) {
  const usage = usageOf(command);

  function fail(message) {
    console.error(`${message}\n\n${usage}`);
    process.exit(2);
  }

  let parsed;
  try {
    parsed = parseArgs({
      allowPositionals: true,
      options: {
        browser: { type: 'string', default: 'chromium' },
        app: { type: 'string' },
        json: { type: 'boolean', default: false },
        timeout: { type: 'string', default: '10' },
        relay: { type: 'boolean', default: false },
        alone: { type: 'boolean', default: false },
        username: { type: 'string' },
        credential: { type: 'string' },
        help: { type: 'boolean', default: false },
      },
    });
  } catch (error) {
    fail(error.message);
  }
  const { values: opts, positionals: urls } = parsed;
  if (opts.help) {
    console.log(usage);
    process.exit(0);
  }
  if (urls.length === 0) fail('Name at least one STUN or TURN server.');
  if (!['chromium', 'firefox'].includes(opts.browser)) {
    fail(`--browser must be chromium or firefox, not "${opts.browser}".`);
  }
  const timeout = Number(opts.timeout);
  if (!Number.isFinite(timeout) || timeout < 1 || timeout > 120) {
    fail(`--timeout must be from 1 to 120 seconds, not "${opts.timeout}".`);
  }
  const username = opts.username ?? process.env.ICE_USERNAME ?? '';
  const credential = opts.credential ?? process.env.ICE_CREDENTIAL ?? '';

  // The page's test link (src/tools/ice/test-link.ts): version 1, base64url JSON.
  const servers = urls.map((url) =>
    /^turns?:/i.test(url) ? { url, username, credential } : { url },
  );
  const body = { v: 1, servers, policy: opts.relay ? 'relay' : 'all', timeout, alone: opts.alone };
  const test = Buffer.from(JSON.stringify(body)).toString('base64url');

  let code = 3;
  let app = null;
  let browser = null;
  try {
    app = opts.app ? { url: opts.app, close: async () => {} } : await serve();
    browser = await launchBrowser(opts.browser);
    const page = await browser.newPage();
    await page.goto(new URL(`#/ice?test=${test}`, app.url).href);
    const ice = page.locator('ice-panel');
    // The Download JSON link, once it holds the finished report.
    const download = ice.locator('a[download="ice-results.json"][href^="blob:"]');
    const problem = ice.getByRole('alert').filter({ hasText: /\S/ });
    // Gathering ends by the time-out at the latest; a refusal (a malformed URL) shows at once.
    await download
      .or(problem)
      .first()
      .waitFor({ timeout: (timeout + 30) * 1000 });
    if (await problem.count()) {
      console.error(await problem.first().innerText());
      code = 2;
    } else {
      const href = await download.getAttribute('href');
      const report = JSON.parse(
        await page.evaluate((url) => fetch(url).then((r) => r.text()), href),
      );
      if (opts.json) console.log(JSON.stringify(report, null, 2));
      else printReport(report);
      code = report.verdicts.length > 0 && report.verdicts.every((v) => v.level === 'ok') ? 0 : 1;
    }
  } catch (error) {
    // The tool itself failed (no browser, no app, a time-out): exit 3, and never print the link,
    // which carries the credentials.
    const text = error instanceof Error ? error.message : String(error);
    console.error(`${command} could not run the test: ${text.replaceAll(test, '<test link>')}`);
  } finally {
    await browser?.close().catch(() => {});
    await app?.close().catch(() => {});
  }
  process.exit(code);
}

function printReport(report) {
  console.log(`${report.userAgent}`);
  for (const v of report.verdicts)
    console.log(`${v.level === 'ok' ? 'works' : 'FAILS'}  ${v.server}  ${v.words}`);
  for (const c of report.relayChecks) {
    const figures = c.ok ? `round trip ${c.rttMs} ms, ${c.MBps} MB/s` : c.reason;
    console.log(
      `relay ${c.transport.padEnd(3)} ${c.ok ? 'works' : 'FAILS'}  ${c.url}  ${figures} (${c.seconds} s)`,
    );
  }
  if (report.nat) console.log(`NAT type: ${report.nat.words}`);
  const done = report.done;
  console.log(
    done
      ? `gathering ${done.timedOut ? 'timed out' : 'done'} in ${done.seconds.toFixed(3)} s`
      : 'gathering did not finish',
  );
}
