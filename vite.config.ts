/// <reference types="vitest/config" />
import { defineConfig } from 'vite';
import type { ProxyOptions } from 'vite';

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

export default defineConfig({
  server: { proxy },
  preview: { proxy },
  build: { target: 'es2022', sourcemap: true },
  test: {
    include: ['src/**/*.test.ts'],
    environment: 'node',
  },
});
