// Serves a built app as a static host would: `node static-server.mjs DIR HOST PORT`.
// The NAT lab runs it inside its wan namespace; it starts in tens of milliseconds, where
// `vite preview` takes most of a second to load its config.
import { createReadStream, statSync } from 'node:fs';
import { createServer } from 'node:http';
import { extname, join, normalize, resolve, sep } from 'node:path';

const [dir, host, port] = process.argv.slice(2);
if (!dir || !host || !port) {
  process.stderr.write('usage: static-server.mjs DIR HOST PORT\n');
  process.exit(2);
}
const root = resolve(dir);

const types = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.json': 'application/json',
  '.map': 'application/json',
  '.webmanifest': 'application/manifest+json',
  '.wasm': 'application/wasm',
};

createServer((request, response) => {
  const path = decodeURIComponent(new URL(request.url ?? '/', 'http://x').pathname);
  const file = normalize(join(root, path === '/' ? 'index.html' : path));
  let size = -1;
  try {
    const stat = file.startsWith(root + sep) ? statSync(file) : null;
    if (stat?.isFile()) size = stat.size;
  } catch {
    // Not found.
  }
  if (size < 0) {
    response.writeHead(404).end();
    return;
  }
  response.writeHead(200, {
    'Content-Type': types[extname(file)] ?? 'application/octet-stream',
    'Content-Length': size,
    // Each lab builds afresh only when the app changes; never serve a stale copy.
    'Cache-Control': 'no-store',
  });
  createReadStream(file).pipe(response);
}).listen(Number(port), host, () => process.stdout.write(`serving ${root} on ${host}:${port}\n`));
