/// <reference types="vitest/config" />
import { readFileSync, readdirSync } from 'node:fs';
import { defineConfig } from 'vite';
import type { ProxyOptions } from 'vite';
import { VitePWA } from 'vite-plugin-pwa';

/**
 * Unit tests that replace modules or globals (vi.mock, vi.stubGlobal, fake timers): each gets a
 * fresh module graph. Found by reading the files, so a new one cannot land in the shared graph.
 */
const isolatedTests = readdirSync('src', { recursive: true, encoding: 'utf8' })
  .filter((f) => f.endsWith('.test.ts'))
  .map((f) => `src/${f}`)
  .filter((f) =>
    /vi\.(mock|doMock|stubGlobal|stubEnv|useFakeTimers)\(/.test(readFileSync(f, 'utf8')),
  );

/**
 * The piping-server that `/piping` on the app's own origin forwards to. `npm start` and the
 * e2e rig set it; without it there is no same-origin signaling server.
 */
const pipingTarget = process.env.DCKIT_PIPING_TARGET;

const proxy: Record<string, ProxyOptions> | undefined = pipingTarget
  ? {
      '/piping': {
        target: pipingTarget,
        rewrite: (path) => path.replace(/^\/piping/, '') || '/',
        // A piping transfer can wait for its peer for minutes.
        timeout: 0,
        proxyTimeout: 0,
      },
    }
  : undefined;

/** The light theme's header colour and the dark one's (index.html repeats them per scheme). */
const themeLight = '#f6f8fa';
const background = '#ffffff';

export default defineConfig({
  server: { proxy },
  preview: { proxy },
  build: { target: 'es2022', sourcemap: true },
  plugins: [
    VitePWA({
      // A service worker of our own (src/sw.ts): the share target needs a POST handler.
      strategies: 'injectManifest',
      srcDir: 'src',
      filename: 'sw.ts',
      // A new version waits for the user's go (the update prompt), never mid-transfer.
      registerType: 'prompt',
      // Registered by src/device/updates.ts.
      injectRegister: false,
      injectManifest: {
        globPatterns: ['**/*.{js,css,html,svg,png,webmanifest}'],
        globIgnores: ['**/*.map'],
      },
      // `npm start` runs without one: a dev server's modules change under it all the time.
      devOptions: { enabled: false },
      manifest: {
        id: './',
        name: 'dckit — WebRTC data-channel toolkit',
        short_name: 'dckit',
        description:
          'Move text, files and bulk data over WebRTC data channels, test STUN/TURN servers, relay through a piping-server.',
        start_url: './',
        scope: './',
        display: 'standalone',
        theme_color: themeLight,
        background_color: background,
        icons: [
          { src: 'icon-192.png', sizes: '192x192', type: 'image/png', purpose: 'any' },
          { src: 'icon-512.png', sizes: '512x512', type: 'image/png', purpose: 'any' },
          {
            src: 'icon-maskable-512.png',
            sizes: '512x512',
            type: 'image/png',
            purpose: 'maskable',
          },
          { src: 'icon.svg', sizes: 'any', type: 'image/svg+xml', purpose: 'any' },
        ],
        share_target: {
          action: './share-target',
          method: 'POST',
          enctype: 'multipart/form-data',
          params: {
            title: 'title',
            text: 'text',
            url: 'url',
            files: [{ name: 'files', accept: ['*/*'] }],
          },
        },
      },
    }),
  ],
  test: {
    environment: 'node',
    // The files that replace nothing share one module graph: 70 fewer module loads (45 s -> 20 s).
    projects: [
      {
        extends: true,
        test: {
          name: 'shared',
          pool: 'threads',
          include: ['src/**/*.test.ts'],
          exclude: isolatedTests,
          isolate: false,
        },
      },
      { extends: true, test: { name: 'isolated', include: isolatedTests } },
    ],
    // The property tests run hundreds of cases each: a few seconds on an idle machine, several
    // times that while browsers share its two cores (19.5 s seen under a load average of 17).
    testTimeout: 60_000,
  },
});
