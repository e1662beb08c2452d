import { spawn, type ChildProcess } from 'node:child_process';

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
