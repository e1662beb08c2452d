import type { Locator, Page } from '@playwright/test';
import { createHash, randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { expect, test } from './fixtures';
import { tempDir } from './temp';

export interface TestFile {
  path: string;
  name: string;
  size: number;
  sha256: string;
}

const dir = tempDir('e2e');

/** A file of random bytes on disk (fed to the page through the file input). */
export function makeFile(name: string, size: number): TestFile {
  // A folder per file, so the file itself can carry the exact name the page should see.
  const folder = join(dir, Math.random().toString(36).slice(2));
  mkdirSync(folder);
  const path = join(folder, name);
  const data = size > 0 ? randomBytes(size) : Buffer.alloc(0);
  writeFileSync(path, data);
  return { path, name, size, sha256: createHash('sha256').update(data).digest('hex') };
}

export async function pickFiles(page: Page, files: TestFile[]): Promise<void> {
  await page.getByLabel('Choose files').setInputFiles(files.map((f) => f.path));
}

/** How long a click on a download link may take to start the download. */
const DOWNLOAD_START_MS = 20_000;

/**
 * Downloads a received file through its link and returns the SHA-256 and the name the page
 * offers (its link's `download` name). Firefox sometimes saves the file as "a(1).bin" (once in a
 * full run, with no earlier "a.bin" in that browser): a suffix of the browser's, not the page's.
 */
export async function download(page: Page, safeName: string) {
  const link = page.getByRole('link', { name: `Download ${safeName}` }).first();
  const offered = await link.getAttribute('download');
  let [dl] = await Promise.all([
    page.waitForEvent('download', { timeout: DOWNLOAD_START_MS }).catch(() => null),
    link.click(),
  ]);
  if (!dl) {
    // Seen once in Chromium on a saturated machine, on a page's fourth download: the click
    // started none (its limit on repeated downloads may have held it for a prompt nobody sees).
    // Said in the report, then clicked once more.
    const description = `clicking "Download ${safeName}" started no download within ${DOWNLOAD_START_MS / 1000} s; clicked again`;
    test.info().annotations.push({ type: 'download clicked again', description });
    console.log(description);
    [dl] = await Promise.all([page.waitForEvent('download'), link.click()]);
  }
  const path = await dl.path();
  const saved = dl.suggestedFilename();
  const suffixed = saved.match(/^(.*)\(\d+\)(\.[^.]*)?$/);
  const unsuffixed = suffixed ? `${suffixed[1]}${suffixed[2] ?? ''}` : saved;
  return {
    name: unsuffixed === offered ? offered : saved,
    sha256: createHash('sha256').update(readFileSync(path)).digest('hex'),
  };
}

export function incoming(page: Page, name: string) {
  return page
    .getByRole('list', { name: 'Incoming files' })
    .getByRole('listitem')
    .filter({ has: page.getByText(name, { exact: true }) });
}

export function outgoing(page: Page, name: string) {
  return page
    .getByRole('list', { name: 'Outgoing files' })
    .getByRole('listitem')
    .filter({ has: page.getByText(name, { exact: true }) });
}

export async function expectDone(page: Page, name: string, timeout = 30_000) {
  await expect(incoming(page, name)).toHaveAttribute('data-state', 'done', { timeout });
}

/** Names of the files in the page's OPFS `received` folder. */
export function storedFiles(page: Page): Promise<string[]> {
  return page.evaluate(async () => {
    const root = await navigator.storage.getDirectory();
    const dir = await root.getDirectoryHandle('received', { create: true });
    const names: string[] = [];
    for await (const [name] of (
      dir as unknown as { entries(): AsyncIterable<[string, unknown]> }
    ).entries())
      names.push(name);
    return names;
  });
}

const sha = (path: string): string => createHash('sha256').update(readFileSync(path)).digest('hex');

/** Every path under `dir` (folders end with "/"), with each file's SHA-256. */
export function treeOf(dir: string, root = dir): Record<string, string> {
  const out: Record<string, string> = {};
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) {
      out[`${relative(root, path)}/`] = 'folder';
      Object.assign(out, treeOf(path, root));
    } else out[relative(root, path)] = sha(path);
  }
  return out;
}

/**
 * Drops a folder from disk onto `target` as a person would (Chromium only: through the DevTools
 * protocol, which gives the page real directory entries, empty folders included).
 */
export async function dropFolder(page: Page, target: Locator, path: string): Promise<void> {
  const box = (await target.boundingBox())!;
  const [x, y] = [box.x + box.width / 2, box.y + box.height / 2];
  const cdp = await page.context().newCDPSession(page);
  const data = { items: [], files: [path], dragOperationsMask: 0xffff };
  for (const type of ['dragEnter', 'dragOver', 'drop'] as const) {
    await cdp.send('Input.dispatchDragEvent', { type, x, y, data });
  }
  await cdp.detach();
}

/**
 * Waits, inside the page (no round trips, so the transfer is caught where asked), until the
 * progressbar named `name` reaches `percent`.
 */
export async function reachPercent(
  page: Page,
  name: string,
  percent: number,
  timeout = 100_000,
): Promise<void> {
  await page.waitForFunction(
    ([name, percent]) => {
      const find = (root: Document | ShadowRoot): Element | null => {
        for (const el of root.querySelectorAll('*')) {
          if (el.getAttribute('role') === 'progressbar' && el.getAttribute('aria-label') === name)
            return el;
          const inner = el.shadowRoot && find(el.shadowRoot);
          if (inner) return inner;
        }
        return null;
      };
      return Number(find(document)?.getAttribute('aria-valuenow') ?? 0) >= Number(percent);
    },
    [name, String(percent)] as const,
    { timeout, polling: 50 },
  );
}
