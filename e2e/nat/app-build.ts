import { createHash } from 'node:crypto';
import {
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { run } from './exec';

const repo = fileURLToPath(new URL('../..', import.meta.url));

/** What the build reads: a change to any of it is a new build. */
const inputs = [
  'src',
  'public',
  'index.html',
  'vite.config.ts',
  'package-lock.json',
  'tsconfig.json',
];

/** A build that has not finished by then is taken to have died with its worker. */
const STALE_LOCK_MS = 180_000;

/** Builds of older sources are deleted once this old (a run still using one is long over). */
const OLD_BUILD_MS = 3_600_000;

const prefix = 'dckit-lab-app-';

/**
 * Builds the app in test mode with `env` (VITE_ICE_SERVERS, VITE_PIPING_URL, ...) and returns the
 * folder holding it. Builds are kept in the system temp folder under a hash of the sources and
 * `env`, so workers and later runs share one build (a build takes seconds of CPU) and the
 * repository gets no new output folder for git, ESLint and Prettier to ignore.
 */
export async function buildLabApp(env: Record<string, string>): Promise<string> {
  const dir = join(tmpdir(), `${prefix}${inputsHash(env)}`);
  const lock = `${dir}.lock`;
  for (;;) {
    if (existsSync(join(dir, 'index.html'))) return dir;
    if (takeLock(lock)) break;
    await new Promise((r) => setTimeout(r, 200));
  }
  try {
    if (existsSync(join(dir, 'index.html'))) return dir;
    const scratch = `${dir}.tmp-${process.pid}`;
    const vite = join(repo, 'node_modules/vite/bin/vite.js');
    const args = ['build', '--mode', 'test', '--logLevel', 'warn', '--emptyOutDir', '--outDir'];
    await run(process.execPath, [vite, ...args, scratch], undefined, { cwd: repo, env });
    rmSync(dir, { recursive: true, force: true });
    renameSync(scratch, dir);
    pruneOldBuilds();
    return dir;
  } finally {
    rmSync(lock, { recursive: true, force: true });
  }
}

/** mkdir is atomic: whoever creates the folder builds; a lock left by a dead build expires. */
function takeLock(lock: string): boolean {
  try {
    mkdirSync(lock);
    return true;
  } catch {
    try {
      if (Date.now() - statSync(lock).mtimeMs > STALE_LOCK_MS) rmSync(lock, { recursive: true });
    } catch {
      // Released meanwhile.
    }
    return false;
  }
}

function pruneOldBuilds(): void {
  for (const name of readdirSync(tmpdir()).filter((n) => n.startsWith(prefix))) {
    const path = join(tmpdir(), name);
    try {
      if (Date.now() - statSync(path).mtimeMs > OLD_BUILD_MS) rmSync(path, { recursive: true });
    } catch {
      // Another worker pruned it.
    }
  }
}

function inputsHash(env: Record<string, string>): string {
  const hash = createHash('sha256').update(JSON.stringify(env));
  const envFiles = readdirSync(repo).filter((f) => f.startsWith('.env'));
  for (const input of [...inputs, ...envFiles]) addToHash(hash, input);
  return hash.digest('hex').slice(0, 16);
}

function addToHash(hash: ReturnType<typeof createHash>, relative: string): void {
  const path = join(repo, relative);
  if (!existsSync(path)) return;
  if (statSync(path).isDirectory()) {
    for (const entry of readdirSync(path).sort()) addToHash(hash, join(relative, entry));
    return;
  }
  hash.update(relative).update('\0').update(readFileSync(path)).update('\0');
}
