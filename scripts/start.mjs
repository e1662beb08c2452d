// `npm start`: the app (Vite dev server) plus an embedded piping-server reached at /piping on
// the app's own origin, so every device that can open the app can also signal through it.
//
// `npm start -- --lan` serves over HTTPS (self-signed certificate) on all interfaces, because
// WebCrypto and OPFS need a secure context, which plain http on a LAN address is not.
// `--host ADDRESS` binds another address; PORT and PIPING_PORT choose the ports.
import basicSsl from '@vitejs/plugin-basic-ssl';
import qrcode from 'qrcode-generator';
import { rmSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { createServer } from 'vite';
import { startPipingServer } from './servers.mjs';

const { values } = parseArgs({
  options: { lan: { type: 'boolean', default: false }, host: { type: 'string' } },
});
const lan = values.lan;
const host = values.host ?? (lan ? '0.0.0.0' : '127.0.0.1');
const port = Number(process.env.PORT ?? 5173);

const piping = await startPipingServer({ port: Number(process.env.PIPING_PORT ?? 0) || undefined });
process.env.DCKIT_PIPING_TARGET = piping.url;

const certDir = resolve('node_modules/.cache/dckit-lan');
const server = await startServer();

/**
 * Starts the dev server. The self-signed certificate is made once and cached; now and then the
 * plugin makes one whose encoding Node's TLS refuses (ERR_OSSL_ASN1_ILLEGAL_PADDING, seen in a
 * fresh clone): that one is deleted and another made.
 */
async function startServer(tries = 5) {
  try {
    const server = await createServer({
      // On a LAN no page should reload by itself: a hot-reload socket that drops (a Wi-Fi blip,
      // a busy machine) makes Vite's client reload the page when it is back, ending transfers.
      server: { host, port, strictPort: false, ...(lan ? { hmr: false, ws: false } : {}) },
      plugins: lan ? [basicSsl({ name: 'dckit-lan', certDir })] : [],
    });
    await server.listen();
    return server;
  } catch (error) {
    const badCertificate = lan && String(error?.code ?? '').startsWith('ERR_OSSL');
    if (!badCertificate || tries <= 1) throw error;
    rmSync(certDir, { recursive: true, force: true });
    return startServer(tries - 1);
  }
}

const local = server.resolvedUrls?.local[0] ?? `http://127.0.0.1:${port}/`;
const network = server.resolvedUrls?.network ?? [];
console.log(`\n  dckit is running: open ${local}`);
for (const url of network) console.log(`  on your network: ${url}`);
console.log(`  signaling: piping-server ${piping.url}, served to the app at ${local}piping`);
if (lan && network.length > 0) {
  console.log('  The certificate is self-signed: accept the browser warning once on each device.');
  const qr = qrcode(0, 'L');
  qr.addData(network[0]);
  qr.make();
  console.log(qr.createASCII(1, 2));
}
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
