import { readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { run } from './exec';
import { destroyTopology, labNamespaces, netnsDir, netnsPrefix } from './topology';

/** Older than any set-up: a lab this old whose wan runs nothing has lost its worker. */
const STALE_MS = 60_000;

/**
 * Deletes what labs of workers killed outright (SIGKILL: no teardown, no exit hook) left: their
 * namespaces and temp folders. Their servers are gone already (see `daemon`), so a lab's wan
 * namespace running nothing a minute after its creation belongs to no one.
 */
export async function sweepStaleLabs(): Promise<void> {
  let names: string[];
  try {
    names = readdirSync(netnsDir);
  } catch {
    return; // No namespace was ever named here.
  }
  const wans = names.filter((name) => name.startsWith(netnsPrefix) && name.endsWith('-wan'));
  for (const wan of wans) {
    try {
      // A namespace's file dates from its creation.
      if (Date.now() - statSync(join(netnsDir, wan)).mtimeMs < STALE_MS) continue;
      if ((await run('ip', ['netns', 'pids', wan])).trim()) continue;
    } catch {
      continue; // Deleted meanwhile.
    }
    await destroyTopology(labNamespaces(wan.slice(0, -'-wan'.length)));
    for (const dir of readdirSync(tmpdir()).filter((d) => d.startsWith(`dckit-${wan}-`))) {
      rmSync(join(tmpdir(), dir), { recursive: true, force: true });
    }
  }
}
