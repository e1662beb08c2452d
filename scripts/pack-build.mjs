// `npm pack` builds the app into dist/ first: the packaged `dckit-ice` command serves it (see
// bin/dckit-ice.mjs). DCKIT_PACK_MODE=test builds with the tests' local defaults instead.
import { build } from 'vite';

await build({ mode: process.env.DCKIT_PACK_MODE ?? 'production', logLevel: 'warn' });
