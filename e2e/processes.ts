import { execFileSync, spawn, type ChildProcess } from 'node:child_process';

export interface Run {
  child: ChildProcess;
  /** Resolves with the exit code and everything printed, once the process ends. */
  done: Promise<{ code: number | null; stdout: Buffer; stderr: string }>;
  /** Kills the command and everything it started. */
  stop(): void;
}

/**
 * Runs a shell command (as a person would type it) in `cwd`, with `env` added to its
 * environment (a secret kept off the command line); killed after `timeoutMs`.
 */
export function sh(
  command: string,
  cwd: string,
  timeoutMs = 60_000,
  env: Record<string, string> = {},
): Run {
  // Its own process group, so stopping it stops curl too, not just the shell.
  const child = spawn('sh', ['-c', command], {
    cwd,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  const out: Buffer[] = [];
  let err = '';
  child.stdout!.on('data', (d: Buffer) => out.push(d));
  child.stderr!.on('data', (d: Buffer) => (err += d));
  const timer = setTimeout(() => stop(child), timeoutMs);
  const done = new Promise<{ code: number | null; stdout: Buffer; stderr: string }>((resolve) =>
    child.once('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout: Buffer.concat(out), stderr: err });
    }),
  );
  return { child, done, stop: () => stop(child) };
}

function stop(child: ChildProcess): void {
  try {
    if (child.pid) process.kill(-child.pid, 'SIGKILL');
  } catch {
    // already gone
  }
}

/**
 * Kills at once, with no chance to say goodbye, the processes whose command line contains
 * `pattern` and every process they started (a browser's content processes do not name its
 * profile): all are frozen first, so none sees another die and closes its connections.
 */
export function killTree(pattern: string): number[] {
  const table = execFileSync('ps', ['-eo', 'pid=,ppid=,args='], { encoding: 'utf8' })
    .split('\n')
    .map((line) => /^\s*(\d+)\s+(\d+)\s(.*)$/.exec(line))
    .filter((m) => m !== null)
    .map((m) => ({ pid: Number(m[1]), ppid: Number(m[2]), args: m[3] }));
  const tree = new Set(table.filter((p) => p.args.includes(pattern)).map((p) => p.pid));
  tree.delete(process.pid);
  for (let grew = true; grew;) {
    grew = false;
    for (const p of table) {
      if (tree.has(p.ppid) && !tree.has(p.pid)) {
        tree.add(p.pid);
        grew = true;
      }
    }
  }
  const pids = [...tree];
  for (const signal of ['SIGSTOP', 'SIGKILL'] as const) {
    for (const pid of pids) {
      try {
        process.kill(pid, signal);
      } catch {
        // Gone already.
      }
    }
  }
  return pids;
}
