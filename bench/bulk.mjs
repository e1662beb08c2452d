// npm run bench:bulk [-- --mib 256 --runs 3 --sweep --sweep-mib 16]
// Alternates dckit's bulk path (the Bulk data tool over loopback, started from its UI) with a
// reference following the classic sample: a string payload of repeated 'X', the same chunk and
// watermark rule, its own bufferedAmount estimate with a setTimeout(0) retry. Counts main-thread
// long tasks during dckit's runs. --sweep then runs the tool's own sweep of message sizes and
// watermarks, and compares its best cell with the defaults.
import { fmt, launch, median, options, serveApp } from './lib.mjs';

const opts = options({ mib: 256, runs: 3, sweep: false, 'sweep-mib': '16' });
const bytes = opts.mib * 1024 * 1024;

const app = await serveApp();
const browser = await launch(opts.browser);
const page = await (await browser.newContext()).newPage();
await page.goto(`${app.url}#/bulk`);
await page.getByRole('button', { name: 'Start', exact: true }).click();
await page.locator('connection-picker').getByText('Connected: the data channel is open.').waitFor();
await page.evaluate(() => {
  window.__bulkPanel = () =>
    document.querySelector('dc-app').shadowRoot.querySelector('bulk-panel');
  window.__longTasks = 0;
  window.__countLongTasks = false;
  // Firefox has no long-task entries: its count reads NaN ("n/a").
  if (!PerformanceObserver.supportedEntryTypes.includes('longtask')) window.__longTasks = NaN;
  else
    new PerformanceObserver((list) => {
      if (window.__countLongTasks) window.__longTasks += list.getEntries().length;
    }).observe({ type: 'longtask', buffered: false });
});

async function runDckit() {
  await page.getByLabel('Size (MiB)').fill(String(opts.mib));
  await page.getByLabel('Ordered', { exact: true }).check();
  const before = await page.evaluate(() => {
    window.__countLongTasks = true;
    return window.__longTasks;
  });
  await page.getByRole('button', { name: 'Start sending' }).click();
  const handle = await page.waitForFunction(
    () => {
      const end = window.__bulkPanel().local;
      return end.phase === 'done' || end.phase === 'failed'
        ? { phase: end.phase, summary: end.summary, message: end.message }
        : null;
    },
    null,
    { polling: 50, timeout: 600_000 },
  );
  const { phase, summary, message } = await handle.jsonValue();
  const longTasks =
    (await page.evaluate(() => {
      window.__countLongTasks = false;
      return window.__longTasks;
    })) - before;
  if (phase !== 'done') throw new Error(`dckit run failed: ${message}`);
  return { mbps: summary.MBps, longTasks, summary };
}

async function runReference() {
  return page.evaluate(async (total) => {
    const a = new RTCPeerConnection();
    const b = new RTCPeerConnection();
    a.onicecandidate = (e) => e.candidate && b.addIceCandidate(e.candidate);
    b.onicecandidate = (e) => e.candidate && a.addIceCandidate(e.candidate);
    const sendChannel = a.createDataChannel('sendDataChannel', { ordered: true });
    let received = 0;
    let finish;
    const done = new Promise((r) => (finish = r));
    b.ondatachannel = ({ channel }) => {
      channel.onmessage = ({ data }) => {
        received += typeof data === 'string' ? data.length : data.byteLength;
        if (received >= total) finish();
      };
    };
    await a.setLocalDescription();
    await b.setRemoteDescription(a.localDescription);
    await b.setLocalDescription();
    await a.setRemoteDescription(b.localDescription);
    await new Promise((r) => (sendChannel.onopen = r));
    const chunkSize = Math.min(a.sctp.maxMessageSize, 262144);
    const lowWaterMark = chunkSize;
    const highWaterMark = Math.max(chunkSize * 8, 1048576);
    const dataString = 'X'.repeat(chunkSize);
    sendChannel.bufferedAmountLowThreshold = lowWaterMark;
    let sent = 0;
    let sendTimeout = null;
    const t0 = performance.now();
    const sendData = () => {
      if (sendTimeout) {
        clearTimeout(sendTimeout);
        sendTimeout = null;
      }
      let bufferedAmount = sendChannel.bufferedAmount;
      while (sent < total) {
        sendChannel.send(dataString);
        bufferedAmount += chunkSize;
        sent += chunkSize;
        if (bufferedAmount >= highWaterMark) {
          if (sendChannel.bufferedAmount < lowWaterMark) sendTimeout = setTimeout(sendData, 0);
          break;
        }
      }
    };
    sendChannel.addEventListener('bufferedamountlow', sendData);
    sendData();
    await done;
    const ms = performance.now() - t0;
    a.close();
    b.close();
    return { mbps: total / 1e6 / (ms / 1000) };
  }, bytes);
}

/**
 * The Bulk tool's own sweep (its "Sweep settings" button): every cell of message size x high
 * watermark sends --sweep-mib once. Prints its table, then its best cell against the defaults'
 * median from the runs above.
 */
async function sweep(defaultMBps) {
  const started = performance.now();
  await page.getByLabel('Size (MiB)').fill(String(opts['sweep-mib']));
  await page.getByLabel('Ordered', { exact: true }).check();
  await page.getByRole('button', { name: 'Sweep settings' }).click();
  const region = page.getByRole('region', { name: 'Sweep' });
  await region
    .getByRole('status')
    .getByText(/^Sweep done\./)
    .waitFor({ timeout: 600_000 });
  await region.getByText('CSV', { exact: true }).click();
  const csv = (await region.getByLabel('Sweep results as CSV').textContent()).trim().split('\n');
  const seconds = (performance.now() - started) / 1000;
  console.log(`\nsweep (the Bulk tool's, ordered, ${opts['sweep-mib']} MiB a cell):`);
  console.log('channels | message KiB | high KiB | low KiB | MB/s');
  let best = 0;
  for (const line of csv.slice(1)) {
    const [channels, chunk, high, low, , , rate] = line.split(',');
    best = Math.max(best, Number(rate));
    console.log(
      `${channels.padStart(8)} | ${chunk.padStart(11)} | ${high.padStart(8)} | ${low.padStart(7)} | ${fmt(Number(rate))}`,
    );
  }
  console.log(
    `bulk_sweep cells=${csv.length - 1} seconds=${fmt(seconds)} best_MBps=${fmt(best)} defaults_MBps=${fmt(defaultMBps)} ratio=${fmt(best / defaultMBps, 2)}`,
  );
}

console.log(
  `bulk benchmark (${opts.browser}): ${opts.mib} MiB over loopback, ${opts.runs} runs each, alternating`,
);
const dckit = [];
const reference = [];
for (let i = 0; i < opts.runs; i++) {
  const d = await runDckit();
  dckit.push(d);
  console.log(
    `run ${i + 1} dckit     ${fmt(d.mbps)} MB/s  long tasks ${fmt(d.longTasks, 0)}  send() avg ${fmt(d.summary.avgSendMs, 3)} ms max ${fmt(d.summary.maxSendMs, 3)} ms`,
  );
  const r = await runReference();
  reference.push(r);
  console.log(`run ${i + 1} reference ${fmt(r.mbps)} MB/s`);
}
if (opts.sweep) await sweep(median(dckit.map((d) => d.mbps)));
await browser.close();
await app.close();

const spread = (xs) => Math.max(...xs) - Math.min(...xs);
const d = dckit.map((r) => r.mbps);
const r = reference.map((x) => x.mbps);
console.log(`spread (max - min): dckit ${fmt(spread(d))} MB/s, reference ${fmt(spread(r))} MB/s`);
const longTasks = dckit.reduce((n, x) => n + x.longTasks, 0);
console.log(
  `bulk MBps=${fmt(median(d))} reference_MBps=${fmt(median(r))} ratio=${fmt(median(d) / median(r), 2)} longtasks=${fmt(longTasks, 0)}`,
);
