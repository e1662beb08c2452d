import type { FullConfig } from '@playwright/test';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { build } from 'vite';
// @ts-expect-error plain ESM helper shared with `npm start`
import { startAppPreview, startCoturn } from '../scripts/servers.mjs';
import { startPipingServer } from './servers';

/** Servers stop by themselves after this long (CI's own limit) even if the runner dies without teardown. */
const LIFETIME_SECONDS = 5400;

/**
 * Starts a real piping-server and a real coturn on free 127.0.0.1 ports, builds the app in test
 * mode with the coturn as its default ICE servers, serves it from a process of its own (with
 * /piping forwarded to the piping-server), and hands the URLs to the specs through the
 * environment.
 */
export default async function globalSetup(_config: FullConfig) {
  // Every file the tests write (random files of hundreds of MiB, profiles, downloads) goes here.
  const tmp = mkdtempSync(join(tmpdir(), 'dckit-e2e-run-'));
  process.env.DCKIT_E2E_TMP = tmp;
  const piping = await startPipingServer({ lifetimeSeconds: LIFETIME_SECONDS });
  const turn = await startCoturn({ lifetimeSeconds: LIFETIME_SECONDS });

  process.env.DCKIT_PIPING_TARGET = piping.url;
  process.env.VITE_ICE_SERVERS = JSON.stringify([
    { urls: turn.stunUrl },
    { urls: turn.turnUrl, username: turn.username, credential: turn.credential },
  ]);
  // DCKIT_TEST_OUTDIR lets two runs in one work tree build apart instead of over each other.
  const outDir = resolve(process.env.DCKIT_TEST_OUTDIR ?? 'dist-test');
  await build({
    mode: 'test',
    logLevel: 'warn',
    build: { outDir, emptyOutDir: true },
  });
  const app = await startAppPreview({
    outDir,
    pipingTarget: piping.url,
    lifetimeSeconds: LIFETIME_SECONDS,
  });
  const appUrl: string = app.url;

  process.env.DCKIT_APP_URL = appUrl;
  process.env.DCKIT_APP_DIR = outDir;
  process.env.DCKIT_PIPING_URL = piping.url;
  process.env.DCKIT_TURN = JSON.stringify({
    stunUrl: turn.stunUrl,
    turnUrl: turn.turnUrl,
    username: turn.username,
    credential: turn.credential,
    port: turn.port,
  });

  return async () => {
    await Promise.all([app.stop(), piping.stop(), turn.stop()]);
    rmSync(tmp, { recursive: true, force: true });
  };
}
