// npm run bench:file [-- --mib 256 --runs 3 --chunk 16|64|256 --ceiling --alone --browser firefox]
// (--mib 1024: 1 GiB)
// Alternates dckit's file path (through the real UI, loopback) with a reference that follows
// the classic sample: sequential 16 KiB FileReader reads, each sent on load without
// backpressure, the receiver keeping every chunk in memory and building a Blob.
// MB = 10^6 bytes, timed from the first read to the receiver's verified end.
import {
  channelCeiling,
  fmt,
  launchWithProfile,
  median,
  options,
  randomFile,
  serveApp,
  startHeapSampling,
  startLongTasks,
  stopHeapSampling,
  stopLongTasks,
} from './lib.mjs';

// --alone: dckit without the reference (at 1 GiB the reference holds the whole file in the page).
// --chunk: the file message size chosen in Settings (KiB); the ceiling uses the same size.
const opts = options({ mib: 256, runs: 3, chunk: 16, ceiling: false, alone: false });
if (![16, 64, 256].includes(opts.chunk)) throw new Error('--chunk must be 16, 64 or 256');
const size = opts.mib * 1024 * 1024;

const payload = randomFile(opts.mib);
const path = payload.path;

const app = await serveApp();
// A profile on disk, as people have: in a fresh (incognito) context the browser keeps OPFS in
// memory, where a 1 MiB write takes 15-30 ms (Chromium, 128 MiB: 2.7 s against 49 ms on disk),
// and the receiver's writes, not the file path, would set the pace.
const profile = await launchWithProfile(opts.browser);
const page = profile.page;
await page.goto(`${app.url}#/settings`);
await page.getByLabel('File message size').selectOption(String(opts.chunk));
await page.getByRole('button', { name: 'Save' }).click();
await page.getByText('Saved.').waitFor();
await page.goto(`${app.url}#/file`);
await page.getByRole('button', { name: 'Start' }).click();
await page.getByText('Connected: the data channel is open.').waitFor();

// The reference gets the same file through an input of its own.
await page.evaluate(() => {
  const input = document.createElement('input');
  input.type = 'file';
  input.id = 'reference-input';
  document.body.append(input);
});
await page.locator('#reference-input').setInputFiles(path);

// Reads the panel's own transfer records (start and verified end) for the timing.
await page.evaluate(() => {
  window.__filePanel = () =>
    document.querySelector('dc-app').shadowRoot.querySelector('file-panel');
});

async function runDckit() {
  await startHeapSampling(page);
  await startLongTasks(page);
  const count = await page.evaluate(
    () => window.__filePanel().fileEnds.ends[0]?.sender.items.length ?? 0,
  );
  await page.getByLabel('Choose files').setInputFiles(path);
  const result = await page.waitForFunction(
    (count) => {
      const item = window.__filePanel().fileEnds.ends[0].sender.items[count];
      return item && ['done', 'failed', 'corrupt', 'aborted'].includes(item.state)
        ? {
            state: item.state,
            ms: item.endedAt - item.startedAt,
            startedAt: item.startedAt,
            endedAt: item.endedAt,
            message: item.message,
          }
        : null;
    },
    count,
    { polling: 50, timeout: 600_000 },
  );
  const { state, ms, startedAt, endedAt, message } = await result.jsonValue();
  const heap = await stopHeapSampling(page);
  const longTasks = await stopLongTasks(page);
  // Housekeeping: drop the received copy so runs do not fill the disk.
  await page
    .getByRole('button', { name: /^Delete / })
    .first()
    .click();
  if (state !== 'done') throw new Error(`dckit run ended ${state}: ${message}`);
  // While the bytes flow and the UI shows their progress (not choosing the file or listing it).
  if (longTasks)
    longTasks.during = longTasks.at.filter(([a, b]) => a >= startedAt && b <= endedAt).length;
  return { mbps: size / 1e6 / (ms / 1000), heap, longTasks };
}

const describeLongTasks = (t) =>
  t
    ? `${t.count} long tasks (${fmt(t.ms, 0)} ms, longest ${fmt(t.max, 0)} ms; ${t.during} during the transfer)`
    : 'long tasks n/a';

async function runReference() {
  await startHeapSampling(page);
  const outcome = await page.evaluate(async () => {
    const file = document.getElementById('reference-input').files[0];
    const a = new RTCPeerConnection();
    const b = new RTCPeerConnection();
    a.onicecandidate = (e) => e.candidate && b.addIceCandidate(e.candidate);
    b.onicecandidate = (e) => e.candidate && a.addIceCandidate(e.candidate);
    const send = a.createDataChannel('sendDataChannel');
    send.binaryType = 'arraybuffer';
    const received = new Promise((resolve, reject) => {
      b.ondatachannel = ({ channel }) => {
        channel.binaryType = 'arraybuffer';
        const buffers = [];
        let bytes = 0;
        channel.onmessage = ({ data }) => {
          buffers.push(data);
          bytes += data.byteLength;
          if (bytes === file.size) {
            resolve(new Blob(buffers));
            // Hygiene after the timed part: the next run's heap must not start with these.
            buffers.length = 0;
            channel.onmessage = null;
          }
        };
        channel.onclose = () => reject(new Error(`channel closed after ${bytes} bytes`));
      };
    });
    await a.setLocalDescription();
    await b.setRemoteDescription(a.localDescription);
    await b.setLocalDescription();
    await a.setRemoteDescription(b.localDescription);
    await new Promise((r) => (send.onopen = r));
    const chunkSize = 16384;
    const t0 = performance.now();
    const reader = new FileReader();
    let offset = 0;
    const failed = new Promise((_, reject) => {
      reader.onerror = () => reject(reader.error);
      reader.onload = (e) => {
        try {
          send.send(e.target.result);
        } catch (error) {
          reject(new Error(`send() threw at ${offset} bytes: ${error.message}`));
          return;
        }
        offset += e.target.result.byteLength;
        if (offset < file.size) reader.readAsArrayBuffer(file.slice(offset, offset + chunkSize));
      };
    });
    reader.readAsArrayBuffer(file.slice(0, chunkSize));
    try {
      const blob = await Promise.race([received, failed]);
      const ms = performance.now() - t0;
      if (blob.size !== file.size) throw new Error(`received ${blob.size} of ${file.size} bytes`);
      return { ms };
    } catch (error) {
      return { error: error.message };
    } finally {
      a.close();
      b.close();
    }
  });
  const heap = await stopHeapSampling(page);
  if (outcome.error) return { error: outcome.error, heap };
  return { mbps: size / 1e6 / (outcome.ms / 1000), heap };
}

const dckit = [];
const reference = [];
const ceiling = [];
console.log(`file benchmark: ${opts.mib} MiB over loopback, ${opts.runs} runs each, alternating`);
for (let i = 0; i < opts.runs; i++) {
  const d = await runDckit();
  dckit.push(d);
  console.log(
    `run ${i + 1} dckit     ${fmt(d.mbps)} MB/s  peak heap ${fmt(d.heap)} MiB  ${describeLongTasks(d.longTasks)}`,
  );
  if (!opts.alone) {
    const r = await runReference();
    reference.push(r);
    console.log(
      r.error
        ? `run ${i + 1} reference FAILED: ${r.error}  peak heap ${fmt(r.heap)} MiB`
        : `run ${i + 1} reference ${fmt(r.mbps)} MB/s  peak heap ${fmt(r.heap)} MiB`,
    );
  }
  if (opts.ceiling) {
    const c = await channelCeiling(page, {
      mib: opts.mib,
      chunk: opts.chunk * 1024,
      high: 4 << 20,
      low: 1 << 20,
    });
    ceiling.push(c);
    console.log(
      `run ${i + 1} channel ceiling (bare ${opts.chunk} KiB sends, no file, no hash) ${fmt(c)} MB/s`,
    );
  }
}
if (ceiling.length) console.log(`channel ceiling median ${fmt(median(ceiling))} MB/s`);
await profile.close();
await app.close();
payload.remove();

const dMed = median(dckit.map((r) => r.mbps));
const ok = reference.filter((r) => !r.error);
const rMed = ok.length ? median(ok.map((r) => r.mbps)) : NaN;
const peak = Math.max(...dckit.map((r) => r.heap));
const tasks = dckit.map((r) => r.longTasks);
const longTasks = tasks.every(Boolean) ? Math.max(...tasks.map((t) => t.during)) : 'n/a';
if (ok.length < reference.length)
  console.log(`reference failed in ${reference.length - ok.length} of ${reference.length} runs`);
const cMed = ceiling.length ? median(ceiling) : NaN;
const toCeiling = ceiling.length
  ? ` ceiling_MBps=${fmt(cMed)} ceiling_ratio=${fmt(dMed / cMed, 2)}`
  : '';
console.log(
  `file chunk_KiB=${opts.chunk} MBps=${fmt(dMed)} reference_MBps=${fmt(rMed)} ratio=${fmt(dMed / rMed, 2)}${toCeiling} peak_heap_MiB=${fmt(peak)} long_tasks_during_transfer_max=${longTasks}`,
);
