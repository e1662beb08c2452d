import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { delimiter, join } from 'node:path';
// @ts-expect-error plain ESM module shared with the benchmarks
import { chromiumPath } from '../../scripts/chromium.mjs';
// @ts-expect-error plain ESM module shared with the benchmarks
import { firefoxBinary } from '../../scripts/firefox.mjs';
import type { LabBrowserName } from './browser';
import { netnsPrefix } from './topology';

const tools = ['ip', 'iptables-restore', 'conntrack', 'turnserver', 'bash', 'timeout', 'stdbuf'];

const browserPaths: Record<LabBrowserName, string> = {
  chromium: chromiumPath as string,
  firefox: firefoxBinary as string,
};

let cached: string | null | undefined;

/**
 * Why this machine cannot run the NAT lab with `browserName`, or null when it can. Checked once
 * per worker: root, the tools the lab runs, and whether a network namespace can really be created
 * (uid 0 in a container may still lack the capability).
 */
export function natLabUnavailable(browserName: LabBrowserName = 'chromium'): string | null {
  if (cached === undefined) cached = check();
  if (cached) return cached;
  const path = browserPaths[browserName];
  return existsSync(path) ? null : `the NAT lab needs ${browserName} at ${path}`;
}

function check(): string | null {
  if (process.getuid?.() !== 0) return 'the NAT lab needs root (network namespaces, iptables)';
  const missing = tools.filter((tool) => !onPath(tool));
  if (missing.length) {
    return `the NAT lab needs ${missing.join(', ')} (apt-get install -y iproute2 iptables conntrack coturn)`;
  }
  const probe = `${netnsPrefix}probe${process.pid}`;
  try {
    execFileSync('ip', ['netns', 'add', probe], { stdio: 'pipe' });
    execFileSync('ip', ['netns', 'del', probe], { stdio: 'pipe' });
  } catch (error) {
    const stderr = (error as { stderr?: Buffer }).stderr?.toString().trim();
    return `the NAT lab needs \`ip netns add\`, which failed: ${stderr || String(error)}`;
  }
  return null;
}

function onPath(command: string): boolean {
  const dirs = (process.env.PATH ?? '').split(delimiter);
  return dirs.some((dir) => dir && existsSync(join(dir, command)));
}
