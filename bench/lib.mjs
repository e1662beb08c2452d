// Shared pieces of the benchmarks: serve a fresh build, launch Debian's Chromium or Firefox ESR,
// statistics.
import { chromium, firefox } from '@playwright/test';
import { chromiumArgs, chromiumPath } from '../scripts/chromium.mjs';
import { firefoxUse } from '../scripts/firefox.mjs';
import { randomBytes } from 'node:crypto';
import { closeSync, mkdtempSync, openSync, rmSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { launchBrowser } from '../cli/browsers.mjs';
import { build, preview } from 'vite';

const benchArgs = [
  '--enable-precise-memory-info',
  // gc() before each run, so a run's peak heap is not the previous run's garbage.
  '--js-flags=--expose-gc',
];
const args = [...chromiumArgs, ...benchArgs];

/**
 * Reads `--name value` options with defaults: { mib: 256, runs: 3, ... }. Every benchmark also
 * takes `--browser chromium|firefox`.
 */
export function options(defaults) {
  defaults = { browser: 'chromium', ...defaults };
  const spec = Object.fromEntries(
    Object.entries(defaults).map(([k, v]) => [
      k,
      { type: typeof v === 'boolean' ? 'boolean' : 'string' },
    ]),
  );
  const { values } = parseArgs({ options: spec, strict: true });
  const result = Object.fromEntries(
    Object.entries(defaults).map(([k, v]) => [
      k,
      values[k] === undefined ? v : typeof v === 'number' ? Number(values[k]) : values[k],
    ]),
  );
  if (!['chromium', 'firefox'].includes(result.browser)) {
    throw new Error(`--browser must be chromium or firefox, not ${result.browser}`);
  }
  return result;
}

/**
 * Builds the app (no ICE servers: loopback needs none) into `outDir` and serves it on 127.0.0.1.
 * The service worker's own build logs to stdout whatever the level: kept off it, which is the
 * benchmark's (or `npm run ice --json`'s) output.
 */
export async function serveApp({ pipingTarget, outDir = 'dist-bench' } = {}) {
  process.env.VITE_ICE_SERVERS = '[]';
  if (pipingTarget) process.env.DCKIT_PIPING_TARGET = pipingTarget;
  const write = process.stdout.write;
  process.stdout.write = process.stderr.write.bind(process.stderr);
  try {
    await build({ mode: 'test', logLevel: 'error', build: { outDir, emptyOutDir: true } });
  } finally {
    process.stdout.write = write;
  }
  const server = await preview({
    mode: 'test',
    logLevel: 'error',
    build: { outDir },
    preview: { host: '127.0.0.1', port: 0 },
  });
  return {
    url: server.resolvedUrls.local[0],
    close: () => new Promise((resolve) => server.httpServer.close(resolve)),
  };
}

export function launch(kind = 'chromium') {
  return launchBrowser(kind, benchArgs);
}

/**
 * A page in a browser with a profile on disk: the storage quota of a real profile (a fresh
 * context is incognito, whose quota is a small share of memory), for runs that store gigabytes.
 */
export async function launchWithProfile(kind = 'chromium') {
  const profile = mkdtempSync(join(tmpdir(), 'dckit-bench-profile-'));
  const context =
    kind === 'firefox'
      ? await firefox.launchPersistentContext(profile, {
          ...firefoxUse.launchOptions,
          channel: firefoxUse.channel,
          acceptDownloads: false,
        })
      : await chromium.launchPersistentContext(profile, {
          executablePath: chromiumPath,
          args,
          acceptDownloads: false,
        });
  return {
    page: context.pages()[0] ?? (await context.newPage()),
    close: async () => {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

export function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/**
 * Starts sampling performance.memory.usedJSHeapSize every 100 ms in the page (Chromium only:
 * Firefox has no heap figure for pages, and the peak then reads NaN, printed as "n/a").
 */
export async function startHeapSampling(page, { live = false } = {}) {
  await page.evaluate(async (live) => {
    if (!performance.memory) return;
    // ArrayBuffer memory is released a moment after a collection: collect, wait, collect.
    for (let i = 0; i < 2; i++) {
      window.gc?.();
      await new Promise((r) => setTimeout(r, 100));
    }
    window.__heapMax = performance.memory.usedJSHeapSize;
    window.__heapTimer = setInterval(() => {
      window.__heapMax = Math.max(window.__heapMax, performance.memory.usedJSHeapSize);
    }, 100);
    // What is still reachable: the heap right after a collection, once a second. A peak that
    // grows while this stays flat is garbage not yet collected, not data held.
    window.__liveMax = 0;
    if (live && window.gc) {
      window.__liveTimer = setInterval(() => {
        window.gc();
        window.__liveMax = Math.max(window.__liveMax, performance.memory.usedJSHeapSize);
      }, 1000);
    }
  }, live);
}

/**
 * Starts recording the page's long tasks (main-thread tasks over 50 ms, which make a page
 * stutter). Where the browser does not report them (Firefox), `stopLongTasks` returns null.
 */
export async function startLongTasks(page) {
  await page.evaluate(() => {
    window.__longTasks = null;
    clearInterval(window.__lagTimer);
    if (!PerformanceObserver.supportedEntryTypes?.includes('longtask')) {
      // No Long Tasks API (Firefox): a 10 ms timer that fires more than 50 ms late was held up
      // by a task at least that long (an estimate: it misses tasks between its ticks).
      const lag = (window.__longTasks = { count: 0, ms: 0, max: 0, at: [], estimated: true });
      let last = performance.now();
      window.__lagTimer = setInterval(() => {
        const now = performance.now();
        const held = now - last - 10;
        last = now;
        if (held <= 50) return;
        lag.count++;
        lag.ms += held;
        lag.max = Math.max(lag.max, held);
        lag.at.push([now - held, now]);
      }, 10);
      return;
    }
    window.__longTasks = { count: 0, ms: 0, max: 0, at: [] };
    window.__longTaskObserver?.disconnect();
    window.__longTaskObserver = new PerformanceObserver((list) => {
      for (const e of list.getEntries()) {
        window.__longTasks.count++;
        window.__longTasks.ms += e.duration;
        window.__longTasks.max = Math.max(window.__longTasks.max, e.duration);
        window.__longTasks.at.push([e.startTime, e.startTime + e.duration]);
      }
    });
    window.__longTaskObserver.observe({ type: 'longtask' });
  });
}

/**
 * Stops recording; returns { count, ms, max, at } of the long tasks seen (`at`: [start, end] of
 * each, in the page's performance.now() time), or null.
 */
export async function stopLongTasks(page) {
  return page.evaluate(async () => {
    // Entries are delivered a moment after their task.
    await new Promise((r) => setTimeout(r, 100));
    window.__longTaskObserver?.disconnect();
    clearInterval(window.__lagTimer);
    return window.__longTasks;
  });
}

/** Stops the sampling begun with `{ live: true }` and returns the peak live heap in MiB. */
export async function stopLiveHeapSampling(page) {
  return page.evaluate(() => {
    clearInterval(window.__liveTimer);
    return window.__liveMax / 1048576;
  });
}

/** Stops sampling and returns the peak in MiB. */
export async function stopHeapSampling(page) {
  return page.evaluate(() => {
    if (!performance.memory) return NaN;
    clearInterval(window.__heapTimer);
    return Math.max(window.__heapMax, performance.memory.usedJSHeapSize) / 1048576;
  });
}

export const fmt = (n, digits = 1) =>
  Number.isFinite(n) ? n.toFixed(digits) : Number.isNaN(n) ? 'n/a' : String(n);

/**
 * The raw channel's ceiling in this browser: a fresh loopback pair, `chunk`-byte messages sent
 * with the same watermark rule, the receiver only counting. Returns MB/s.
 */
export async function channelCeiling(page, { mib, chunk, high, low }) {
  return page.evaluate(
    async ({ total, chunk, high, low }) => {
      const a = new RTCPeerConnection();
      const b = new RTCPeerConnection();
      a.onicecandidate = (e) => e.candidate && b.addIceCandidate(e.candidate);
      b.onicecandidate = (e) => e.candidate && a.addIceCandidate(e.candidate);
      const ch = a.createDataChannel('ceiling');
      let got = 0;
      let done;
      const finished = new Promise((r) => (done = r));
      b.ondatachannel = ({ channel }) => {
        channel.binaryType = 'arraybuffer';
        channel.onmessage = ({ data }) => {
          got += data.byteLength;
          if (got >= total) done();
        };
      };
      await a.setLocalDescription();
      await b.setRemoteDescription(a.localDescription);
      await b.setLocalDescription();
      await a.setRemoteDescription(b.localDescription);
      await new Promise((r) => (ch.onopen = r));
      ch.bufferedAmountLowThreshold = low;
      const payload = new Uint8Array(chunk);
      const t0 = performance.now();
      for (let sent = 0; sent < total; sent += chunk) {
        if (ch.bufferedAmount > high) {
          await new Promise((r) => ch.addEventListener('bufferedamountlow', r, { once: true }));
        }
        ch.send(payload);
      }
      await finished;
      const ms = performance.now() - t0;
      a.close();
      b.close();
      return total / 1e6 / (ms / 1000);
    },
    { total: mib * 1024 * 1024, chunk, high, low },
  );
}

/** A file of `mib` MiB of random bytes in a fresh temporary folder; `remove()` deletes it. */
export function randomFile(mib, name = 'payload.bin') {
  const dir = mkdtempSync(join(tmpdir(), 'dckit-bench-'));
  const path = join(dir, name);
  const fd = openSync(path, 'w');
  const block = randomBytes(1024 * 1024);
  for (let i = 0; i < mib; i++) writeSync(fd, block);
  closeSync(fd);
  return { path, remove: () => rmSync(dir, { recursive: true, force: true }) };
}
