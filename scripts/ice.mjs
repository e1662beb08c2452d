// `npm run ice -- [options] URL…`: the Trickle ICE tester, headless, for CI (cli/ice-run.mjs),
// on a fresh build of this work tree.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { serveApp } from '../bench/lib.mjs';
import { runIce } from '../cli/ice-run.mjs';

await runIce({ command: 'npm run ice --', serve: serveFreshBuild });

/** A fresh build in a folder of its own (two runs at once do not meet), removed at the end. */
async function serveFreshBuild() {
  const outDir = mkdtempSync(join(tmpdir(), 'dckit-ice-'));
  const served = await serveApp({ outDir });
  return {
    url: served.url,
    close: async () => {
      await served.close();
      rmSync(outDir, { recursive: true, force: true });
    },
  };
}
