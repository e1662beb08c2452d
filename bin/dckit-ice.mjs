#!/usr/bin/env node
// `dckit-ice [options] URL…` from the packaged dckit (npx): the Trickle ICE tester, headless,
// for CI (cli/ice-run.mjs), on the app built into the package.
import { fileURLToPath } from 'node:url';
import { runIce } from '../cli/ice-run.mjs';
import { serveStatic } from '../cli/static-server.mjs';

const dist = fileURLToPath(new URL('../dist', import.meta.url));
await runIce({ command: 'dckit-ice', serve: () => serveStatic(dist) });
