import { spawn, type ChildProcess } from 'node:child_process';
import { openSync, closeSync } from 'node:fs';
import type { Socket } from 'node:net';

/** Runs a command to completion, feeding it `input`; rejects with its stderr when it fails. */
export function run(
  cmd: string,
  args: string[],
  input?: string,
  options: { cwd?: string; env?: Record<string, string> } = {},
): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, {
      stdio: ['pipe', 'pipe', 'pipe'],
      cwd: options.cwd,
      env: { ...process.env, ...options.env },
    });
    let out = '';
    let err = '';
    child.stdout.on('data', (d: Buffer) => (out += d));
    child.stderr.on('data', (d: Buffer) => (err += d));
    child.once('error', reject);
    child.once('close', (code) => {
      if (code === 0) resolve(out);
      else reject(new Error(`${cmd} ${args.join(' ')} exited with ${code}: ${err.trim()}`));
    });
    // A command that exits without reading its input closes the pipe (EPIPE): its exit code
    // and stderr are what is worth reporting.
    child.stdin.on('error', () => {});
    child.stdin.end(input ?? '');
  });
}

export interface Daemon {
  readonly name: string;
  /** Where its stdout and stderr go. */
  readonly logFile: string;
  /** Stops it and everything it started; resolves once it has exited. */
  stop(): Promise<void>;
  /** Kills it at once, for an exit hook where nothing asynchronous runs any more. */
  kill(): void;
}

/**
 * `sh` starts the command and then reads its own stdin, a pipe from this process, which closes
 * when this process ends, however it ends (SIGKILL included): the command is then stopped too.
 */
const guard = '"$@" & read -r _; kill $! 2>/dev/null; wait';

/**
 * Starts a long-running command in a process group of its own (so stopping it also stops what
 * `ip netns exec` or `stdbuf` put in front of the server), logging to `logFile`.
 */
export function daemon(name: string, cmd: string, args: string[], logFile: string): Daemon {
  const log = openSync(logFile, 'a');
  const child = spawn('sh', ['-c', guard, 'sh', cmd, ...args], {
    stdio: ['pipe', log, log],
    detached: true,
  });
  closeSync(log);
  // The pipe is only there to close when this process ends; it must not keep it alive.
  (child.stdin as Socket).unref();
  child.on('error', () => {
    // Reported by the readiness check; a spawn error must not crash the worker.
  });
  return {
    name,
    logFile,
    stop: () => stopGroup(child),
    kill: () => {
      if (child.pid) signalGroup(child.pid, 'SIGKILL');
    },
  };
}

function stopGroup(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null || !child.pid) return resolve();
    const pid = child.pid;
    child.once('exit', () => resolve());
    signalGroup(pid, 'SIGTERM');
    setTimeout(() => signalGroup(pid, 'SIGKILL'), 1000).unref();
  });
}

function signalGroup(pid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(-pid, signal);
  } catch {
    // Already gone.
  }
}
