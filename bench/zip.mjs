// npm run bench:zip [-- --mib 1024 --runs 3]
// "Download the archive as zip" on a received archive of `mib` MiB (a tar of four files, received
// through the Relay tool from curl): the zip is streamed from the stored archive into a new OPFS
// file. The reference is the browser's own ceiling for that disk-to-disk pass: the same archive
// piped into another OPFS file with no zip framing. Prints each run, the peak JS heap while
// zipping and the peak live heap (sampled right after a forced GC), and the ratio of the
// medians. MB = 10^6 bytes.
import { spawn } from 'node:child_process';
import { closeSync, mkdirSync, mkdtempSync, openSync, rmSync, writeSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startPipingServer } from '../scripts/servers.mjs';
import {
  fmt,
  launchWithProfile,
  median,
  options,
  serveApp,
  startHeapSampling,
  stopHeapSampling,
  stopLiveHeapSampling,
} from './lib.mjs';

const opts = options({ mib: 1024, runs: 3 });
const size = opts.mib * 1024 * 1024;

const work = mkdtempSync(join(tmpdir(), 'dckit-bench-zip-'));
mkdirSync(join(work, 'album'));
const block = randomBytes(1024 * 1024);
for (let f = 0; f < 4; f++) {
  const fd = openSync(join(work, 'album', `part-${f}.bin`), 'w');
  for (let i = 0; i < opts.mib / 4; i++) writeSync(fd, block);
  closeSync(fd);
}

const piping = await startPipingServer({ lifetimeSeconds: 1800 });
const app = await serveApp({ pipingTarget: piping.url });
// Gigabytes are stored twice (the archive and its zip): a real profile's quota is needed.
const { page, close } = await launchWithProfile(opts.browser);
await page.goto(`${app.url}#/relay`);

// Receive the archive once: every run zips the same stored copy.
const path = `bench-zip-${Date.now()}`;
await page.getByLabel('Path to receive from').fill(path);
const sender = new Promise((resolve, reject) => {
  const child = spawn('sh', ['-c', `tar cf - album | curl -sS -T - ${app.url}piping/${path}`], {
    cwd: work,
    stdio: 'ignore',
  });
  child.once('close', (code) => (code === 0 ? resolve() : reject(new Error(`tar|curl ${code}`))));
});
await page.getByRole('button', { name: 'Receive', exact: true }).click();
await page
  .getByRole('button', { name: 'Download the archive as zip' })
  .waitFor({ timeout: Number(process.env.BENCH_WAIT ?? 600_000) })
  .catch(async (e) => {
    await page.screenshot({ path: '/tmp/bench-zip-stall.png' });
    throw e;
  });
await sender;

const mbps = (ms) => size / 1e6 / (ms / 1000);

async function zipRun() {
  await startHeapSampling(page, { live: true });
  const t0 = performance.now();
  await page.getByRole('button', { name: 'Download the archive as zip' }).click();
  await page.getByRole('link', { name: /^Download the zip/ }).waitFor({ timeout: 600_000 });
  const ms = performance.now() - t0;
  const live = await stopLiveHeapSampling(page);
  return { mbps: mbps(ms), heap: await stopHeapSampling(page), live };
}

async function copyRun() {
  const ms = await page.evaluate(async () => {
    const root = await navigator.storage.getDirectory();
    const received = await root.getDirectoryHandle('received');
    let largest = null;
    for await (const handle of received.values()) {
      const file = await handle.getFile();
      if (!largest || file.size > largest.size) largest = file;
    }
    const out = await root.getFileHandle('bench-copy.bin', { create: true });
    const t0 = performance.now();
    await largest.stream().pipeTo(await out.createWritable());
    const elapsed = performance.now() - t0;
    await root.removeEntry('bench-copy.bin');
    return elapsed;
  });
  return mbps(ms);
}

console.log(`zip benchmark: ${opts.mib} MiB received archive, ${opts.runs} runs each`);
const zips = [];
const copies = [];
let heap = 0;
let live = 0;
for (let i = 0; i < opts.runs; i++) {
  const z = await zipRun();
  zips.push(z.mbps);
  heap = Math.max(heap, z.heap);
  live = Math.max(live, z.live);
  copies.push(await copyRun());
  console.log(
    `run ${i + 1} zip ${fmt(z.mbps)} MB/s (peak heap ${fmt(z.heap)} MiB, live after GC ${fmt(z.live)} MiB), bare OPFS copy ${fmt(copies.at(-1))} MB/s`,
  );
}
await close();
await app.close();
await piping.stop();
rmSync(work, { recursive: true, force: true });

const dckit = median(zips);
const reference = median(copies);
console.log(
  `zip MBps=${fmt(dckit)} reference_MBps=${fmt(reference)} ratio=${fmt(dckit / reference, 2)} peak_heap_MiB=${fmt(heap)} live_heap_MiB=${fmt(live)}`,
);
