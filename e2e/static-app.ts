import { cpSync, readFileSync, rmSync, statSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { extname, join, normalize } from 'node:path';
import { tempDir } from './temp';

const types: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.webmanifest': 'application/manifest+json',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.map': 'application/json',
};

export interface StaticApp {
  url: string;
  /** The copy's folder: a spec may change files there (a new service worker, say). */
  dir: string;
  /** Request lines seen, e.g. "POST /share-target". */
  requests: string[];
  /** Stops serving (and drops open connections), as a network that went away would. */
  stop(): Promise<void>;
}

/**
 * Serves a copy of the built app from a temporary folder on 127.0.0.1, for specs that change
 * the app under a running page or take its server away; the shared build stays untouched.
 */
export async function serveCopy(appDir: string): Promise<StaticApp> {
  const dir = tempDir('app');
  cpSync(appDir, dir, { recursive: true });
  const requests: string[] = [];
  const server: Server = createServer((req, res) => {
    // A browser may first try https on this port (HTTPS upgrades): that is no request here.
    if (!URL.canParse(req.url ?? '/', 'http://x')) return void res.writeHead(400).end();
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    requests.push(`${req.method} ${path}`);
    const file = normalize(join(dir, path === '/' ? 'index.html' : path));
    if (req.method !== 'GET' || !file.startsWith(dir) || !isFile(file)) {
      res.writeHead(req.method === 'GET' ? 404 : 405).end();
      return;
    }
    res.writeHead(200, {
      'content-type': types[extname(file)] ?? 'application/octet-stream',
      'cache-control': 'no-cache',
    });
    res.end(readFileSync(file));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  let stopped = false;
  return {
    url: `http://127.0.0.1:${port}/`,
    dir,
    requests,
    async stop() {
      if (stopped) return;
      stopped = true;
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}

export function removeCopy(app: StaticApp): void {
  rmSync(app.dir, { recursive: true, force: true });
}

function isFile(path: string): boolean {
  try {
    return statSync(path).isFile();
  } catch {
    return false;
  }
}
