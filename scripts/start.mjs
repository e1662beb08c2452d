// `npm start`: the app (Vite dev server) plus an embedded piping-server reached at /piping on
// the app's own origin, so every device that can open the app can also signal through it.
import { createServer } from 'vite';
import { startPipingServer } from './servers.mjs';

const port = Number(process.env.PORT ?? 5173);
const piping = await startPipingServer({ port: Number(process.env.PIPING_PORT ?? 0) || undefined });
process.env.DCKIT_PIPING_TARGET = piping.url;

const server = await createServer({
  server: { host: '127.0.0.1', port, strictPort: false },
});
await server.listen();

const local = server.resolvedUrls?.local[0] ?? `http://127.0.0.1:${port}/`;
console.log(`\n  dckit is running: open ${local}`);
console.log(`  signaling: piping-server ${piping.url}, served to the app at ${local}piping`);
console.log('  Ctrl-C stops both.\n');

let stopping = false;
async function stop() {
  if (stopping) return;
  stopping = true;
  await Promise.allSettled([server.close(), piping.stop()]);
  process.exit(0);
}
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
