// npm run bench:many [-- --files 10000 --kib 4 --runs 3 --browser firefox --pick files]
// A folder of N files of K KiB (in sub-folders of 100) against the same bytes as one file,
// both through the real UI over loopback, alternating, each run in a fresh browser profile (fresh
// storage). Timed from the input's change (the page has the files) to the last file verified on the
// receiving end. MB = 10^6 bytes. `--pick files` chooses the N files with the file input instead
// of their folder (all of them together: they go as one transfer too); it is the default in
// Firefox, which Playwright's BiDi driver cannot give a folder.
import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
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

const opts = options({ files: 10000, kib: 4, runs: 3, pick: '' });
opts.pick ||= opts.browser === 'firefox' ? 'files' : 'folder';
if (!['folder', 'files'].includes(opts.pick))
  throw new Error(`--pick must be folder or files, not ${opts.pick}`);
const bytes = opts.files * opts.kib * 1024;

/**
 * N files of random bytes in sub-folders of 100, under a folder named `tree`; picked as files,
 * all in that one folder. `path` is what the input is given.
 */
function randomTree() {
  const dir = mkdtempSync(join(tmpdir(), 'dckit-bench-many-'));
  const root = join(dir, 'tree');
  const files = [];
  for (let i = 0; i < opts.files; i++) {
    const sub = opts.pick === 'folder' ? join(root, `d${Math.floor(i / 100)}`) : root;
    if (i % 100 === 0) mkdirSync(sub, { recursive: true });
    files.push(join(sub, `f${i}.bin`));
    writeFileSync(files.at(-1), randomBytes(opts.kib * 1024));
  }
  return {
    path: opts.pick === 'folder' ? root : files,
    remove: () => rmSync(dir, { recursive: true, force: true }),
  };
}

const tree = randomTree();
const whole = randomFile(1, 'whole.bin');
// One file of exactly the tree's bytes.
writeFileSync(whole.path, randomBytes(bytes));

const app = await serveApp();
/** Picks with `input` the folder or file at `path`, and times until `count` files are verified. */
async function run(input, path, count) {
  // A fresh profile on disk per run: fresh storage, kept on disk as people have it (an
  // incognito context keeps OPFS in memory, many times slower to write).
  const { page, close } = await launchWithProfile(opts.browser);
  try {
    await page.goto(`${app.url}#/file`);
    await page.getByRole('button', { name: 'Start' }).click();
    await page.getByText('Connected: the data channel is open.').waitFor();
    await page.evaluate(() => {
      window.__filePanel = () =>
        document.querySelector('dc-app').shadowRoot.querySelector('file-panel');
    });
    await startHeapSampling(page);
    await startLongTasks(page);
    // Timed from the input's change (the page has the files) to the last file verified: how
    // long the test driver takes to set thousands of files (Firefox's BiDi: seconds) is not the
    // app's. The time until the change, the browser's listing of a folder included, is shown.
    const asked = await page.getByLabel(input).evaluate((el) => {
      el.addEventListener('change', () => (window.__chosenAt = performance.now()), {
        once: true,
        capture: true,
      });
      return performance.now();
    });
    await page.getByLabel(input).setInputFiles(path);
    // From here the files flow: the browser has made the input's file list, and the transfer
    // has begun (long tasks before this are the browser's own, listing a folder's files).
    const flowing = await (
      await page.waitForFunction(
        () => {
          const ends = window.__filePanel().fileEnds.ends;
          const moving = ends.some(
            (e) =>
              e.batchesOut.batches.some((b) => b.phase === 'moving') ||
              e.sender.items.some((i) => i.state === 'sending'),
          );
          return moving ? performance.now() : null;
        },
        undefined,
        { polling: 'raf', timeout: 600_000 },
      )
    ).jsonValue();
    const outcome = await page.waitForFunction(
      (count) => {
        const ends = window.__filePanel().fileEnds.ends;
        // A folder goes as one batch; it is over once its verified files are recorded.
        const batch = ends.flatMap((e) => e.batchesIn.batches)[0];
        if (batch) {
          if (batch.phase !== 'over' && batch.phase !== 'interrupted') return null;
          const ok = batch.outcome?.t === 'complete' && !batch.outcome.corrupt.length;
          const why = JSON.stringify({ outcome: batch.outcome, failure: batch.failure });
          const bad = ok && !batch.failure ? 0 : count - batch.progress.filesDone;
          return { bad, first: why, at: performance.now(), chosen: window.__chosenAt };
        }
        const items = ends.flatMap((e) => e.receiver.items);
        const ended = items.filter((i) => !['offered', 'receiving', 'verifying'].includes(i.state));
        if (ended.length < count) return null;
        const bad = ended.filter((i) => i.state !== 'done');
        const first = bad[0] ? `${bad[0].state}: ${bad[0].message}` : '';
        return { bad: bad.length, first, at: performance.now(), chosen: window.__chosenAt };
      },
      count,
      // Every 25 ms: close enough to the end, and little work for the page.
      { polling: 25, timeout: 3_600_000 },
    );
    const { bad, first, at, chosen } = await outcome.jsonValue();
    const ms = at - chosen;
    if (bad) throw new Error(`${bad} files did not arrive verified (${first})`);
    const heap = await stopHeapSampling(page);
    const longTasks = await stopLongTasks(page);
    const flow = longTasks?.at.filter(([start]) => start >= flowing).map(([a, b]) => b - a);
    return { ms, choosing: chosen - asked, heap, longTasks, flow };
  } finally {
    await close();
  }
}

const describe = (r) =>
  `${fmt(r.ms / 1000, 2)} s  ${fmt(bytes / 1e6 / (r.ms / 1000))} MB/s  (choosing ${fmt(r.choosing / 1000, 2)} s)  peak heap ${fmt(r.heap)} MiB  ` +
  (r.longTasks
    ? `${r.longTasks.count} long tasks${r.longTasks.estimated ? ' (from timer lag)' : ''} (longest ${fmt(r.longTasks.max, 0)} ms), ` +
      `${r.flow.length} while the files flow (longest ${fmt(Math.max(0, ...r.flow), 0)} ms)`
    : 'long tasks n/a');

console.log(
  `many-files benchmark (${opts.browser}): ${opts.files} files of ${opts.kib} KiB (a ${opts.pick === 'folder' ? 'folder' : 'pick of files'}) against one file of ${fmt(bytes / 1e6)} MB, loopback, ${opts.runs} runs each, alternating`,
);
const many = [];
const one = [];
try {
  for (let i = 0; i < opts.runs; i++) {
    const m = await run(
      opts.pick === 'folder' ? 'Choose a folder' : 'Choose files',
      tree.path,
      opts.files,
    );
    many.push(m);
    console.log(`run ${i + 1} ${opts.files} files  ${describe(m)}`);
    const o = await run('Choose files', whole.path, 1);
    one.push(o);
    console.log(`run ${i + 1} one file     ${describe(o)}`);
  }
} finally {
  await app.close();
  tree.remove();
  whole.remove();
}
const mMed = median(many.map((r) => r.ms));
const oMed = median(one.map((r) => r.ms));
const peak = Math.max(...many.map((r) => r.heap), ...one.map((r) => r.heap));
const longest = Math.max(...many.map((r) => r.longTasks?.max ?? NaN));
const longestFlowing = Math.max(0, ...many.flatMap((r) => r.flow ?? [NaN]));
console.log(
  `many browser=${opts.browser} pick=${opts.pick} files=${opts.files} kib=${opts.kib} many_s=${fmt(mMed / 1000, 2)} one_file_s=${fmt(oMed / 1000, 2)} ratio=${fmt(mMed / oMed, 1)} peak_heap_MiB=${fmt(peak)} longest_task_ms=${fmt(longest, 0)} longest_task_flowing_ms=${fmt(longestFlowing, 0)}`,
);
