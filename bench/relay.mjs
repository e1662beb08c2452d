// npm run bench:relay [-- --mib 256 --runs 3 --profile]
// Through one local piping-server (reached at /piping on the app's origin, as `npm start` does):
// dckit's relay path page -> curl and curl -> page (the Relay tool, driven through its UI), and
// as the reference the browser's own ceiling: a bare fetch of the same bytes read and discarded,
// and a bare fetch upload of the same Blob. MB = 10^6 bytes.
// By default the page runs in a fresh (private) context, whose OPFS lives in the browser
// process's memory and takes writes at well under 100 MB/s here; --profile runs it in a profile
// on disk, as a person's browser is, where OPFS writes go to a file.
import { spawn } from 'node:child_process';
import { startPipingServer } from '../scripts/servers.mjs';
import {
  fmt,
  launch,
  launchWithProfile,
  median,
  options,
  randomFile,
  serveApp,
  startHeapSampling,
  stopHeapSampling,
} from './lib.mjs';

const opts = options({ mib: 256, runs: 3, profile: false });
const size = opts.mib * 1024 * 1024;
const payload = randomFile(opts.mib);
const file = payload.path;

const piping = await startPipingServer({ lifetimeSeconds: 1800 });
const app = await serveApp({ pipingTarget: piping.url });
const server = `${app.url}piping`;
const browser = opts.profile ? null : await launch(opts.browser);
const profile = opts.profile ? await launchWithProfile(opts.browser) : null;
const page = profile ? profile.page : await (await browser.newContext()).newPage();
await page.goto(`${app.url}#/relay`);
await page.evaluate(() => {
  const input = document.createElement('input');
  input.type = 'file';
  input.id = 'reference-input';
  document.body.append(input);
});
await page.locator('#reference-input').setInputFiles(file);
await page.getByLabel('File', { exact: true }).check();
await page.getByLabel('File to send').setInputFiles(file);

let pathCounter = 0;
const nextPath = () => `bench-${Date.now()}-${pathCounter++}`;

function curl(args) {
  return new Promise((resolve, reject) => {
    const child = spawn('curl', ['-sS', ...args], { stdio: ['ignore', 'ignore', 'pipe'] });
    let err = '';
    child.stderr.on('data', (d) => (err += d));
    child.once('close', (code) =>
      code === 0 ? resolve() : reject(new Error(`curl ${code}: ${err}`)),
    );
  });
}

const mbps = (ms) => size / 1e6 / (ms / 1000);

async function dckitPageToCurl() {
  const path = nextPath();
  await page.getByLabel('Path', { exact: true }).fill(path);
  const t0 = performance.now();
  await page.getByRole('button', { name: 'Send', exact: true }).click();
  await curl(['-o', '/dev/null', `${server}/${path}`]);
  await page.getByText('Sent: every receiver got it all.').waitFor({ timeout: 600_000 });
  return mbps(performance.now() - t0);
}

async function dckitCurlToPage() {
  const path = nextPath();
  await page.getByLabel('Path to receive from').fill(path);
  const sender = curl(['-T', file, `${server}/${path}`]);
  await startHeapSampling(page);
  const t0 = performance.now();
  await page.getByRole('button', { name: 'Receive', exact: true }).click();
  await page.getByRole('link', { name: 'Download received file' }).waitFor({ timeout: 600_000 });
  const ms = performance.now() - t0;
  const heap = await stopHeapSampling(page);
  await sender;
  // Housekeeping: drop the stored copy.
  await page
    .getByRole('button', { name: /^Delete / })
    .first()
    .click();
  return { mbps: mbps(ms), heap };
}

async function bareUpload() {
  const path = nextPath();
  const receiver = curl(['-o', '/dev/null', `${server}/${path}`]);
  const ms = await page.evaluate(async (url) => {
    const body = document.getElementById('reference-input').files[0];
    const t0 = performance.now();
    const r = await fetch(url, { method: 'PUT', body, cache: 'no-store' });
    await r.text();
    return performance.now() - t0;
  }, `${server}/${path}`);
  await receiver;
  return mbps(ms);
}

async function bareDownload() {
  const path = nextPath();
  const sender = curl(['-T', file, `${server}/${path}`]);
  const ms = await page.evaluate(async (url) => {
    const t0 = performance.now();
    const r = await fetch(url, { cache: 'no-store' });
    const reader = r.body.getReader();
    for (;;) if ((await reader.read()).done) break;
    return performance.now() - t0;
  }, `${server}/${path}`);
  await sender;
  return mbps(ms);
}

console.log(
  `relay benchmark: ${opts.mib} MiB through a local piping-server, ${opts.runs} runs each, ` +
    (opts.profile ? 'profile on disk' : 'private context'),
);
const up = [];
const down = [];
const refUp = [];
const refDown = [];
let heap = 0;
for (let i = 0; i < opts.runs; i++) {
  up.push(await dckitPageToCurl());
  refUp.push(await bareUpload());
  const d = await dckitCurlToPage();
  down.push(d.mbps);
  heap = Math.max(heap, d.heap);
  refDown.push(await bareDownload());
  console.log(
    `run ${i + 1} page->curl dckit ${fmt(up.at(-1))} MB/s, bare fetch upload ${fmt(refUp.at(-1))} MB/s; ` +
      `curl->page dckit ${fmt(down.at(-1))} MB/s (peak heap ${fmt(d.heap)} MiB), bare fetch read ${fmt(refDown.at(-1))} MB/s`,
  );
}
await (profile ? profile.close() : browser.close());
await app.close();
await piping.stop();
payload.remove();

const dUp = median(up);
const dDown = median(down);
const slowerIsDown = dDown <= dUp;
const dckit = slowerIsDown ? dDown : dUp;
const reference = slowerIsDown ? median(refDown) : median(refUp);
console.log(
  `medians: page->curl ${fmt(dUp)} (bare ${fmt(median(refUp))}), curl->page ${fmt(dDown)} (bare ${fmt(median(refDown))}) MB/s`,
);
console.log(
  `relay MBps=${fmt(dckit)} reference_MBps=${fmt(reference)} ratio=${fmt(dckit / reference, 2)} peak_heap_MiB=${fmt(heap)}`,
);
