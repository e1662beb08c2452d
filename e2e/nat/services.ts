import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { daemon, run, type Daemon } from './exec';
import { addresses, ports } from './topology';

const repo = fileURLToPath(new URL('../..', import.meta.url));
const pipingServer = join(repo, 'node_modules/piping-server/dist/src/index.js');
const staticServer = fileURLToPath(new URL('./static-server.mjs', import.meta.url));

/** The user every lab TURN URL takes. */
export const turnUser = { username: 'test', credential: 'test' } as const;

/**
 * Runs `cmd` in namespace `netns`. It stops when this process ends (see `daemon`); no `timeout`
 * in front, as that would move it out of the process group `stop()` signals.
 */
function inNetns(netns: string, name: string, dir: string, cmd: string[]): Daemon {
  return daemon(name, 'ip', ['netns', 'exec', netns, ...cmd], join(dir, `${name}.log`));
}

/**
 * Starts coturn, the piping-server and the app's static host on the wan bridge, and resolves
 * once all of them accept connections.
 */
export async function startServices(wan: string, dir: string, appDir: string): Promise<Daemon[]> {
  const { server, altServer } = addresses;
  // coturn's defaults (config file, pid file, SQLite user db) are machine-wide: give this one
  // its own, so labs running side by side do not share them.
  const config = join(dir, 'turnserver.conf');
  writeFileSync(config, '');
  const daemons = [
    inNetns(wan, 'coturn', dir, [
      'stdbuf',
      '-oL',
      'turnserver',
      '-c',
      config,
      `--pidfile=${join(dir, 'turnserver.pid')}`,
      `--userdb=${join(dir, 'turndb')}`,
      // Two listening addresses give RFC 5780 NAT behaviour discovery its OTHER-ADDRESS.
      `--listening-ip=${server}`,
      `--listening-ip=${altServer}`,
      `--relay-ip=${server}`,
      `--listening-port=${ports.turn}`,
      `--user=${turnUser.username}:${turnUser.credential}`,
      '--realm=test',
      '--lt-cred-mech',
      '--no-tls',
      '--no-dtls',
      '--no-cli',
      // Checks relayed towards a peer's private host candidate fail with "Network is
      // unreachable", and coturn then drops the whole allocation.
      '--denied-peer-ip=10.0.0.0-10.255.255.255',
      '--log-file=stdout',
      '--simple-log',
    ]),
    inNetns(wan, 'piping-server', dir, [
      process.execPath,
      pipingServer,
      '--host',
      server,
      '--http-port',
      String(ports.piping),
    ]),
    inNetns(wan, 'app', dir, [process.execPath, staticServer, appDir, server, String(ports.app)]),
  ];
  try {
    await waitForTcp(wan, [
      `${server}/${ports.turn}`,
      `${altServer}/${ports.turn}`,
      `${server}/${ports.piping}`,
      `${server}/${ports.app}`,
    ]);
  } catch (error) {
    await Promise.all(daemons.map((d) => d.stop()));
    throw error;
  }
  return daemons;
}

/** Polls `host/port` targets from inside `netns` (bash's /dev/tcp): one process for all. */
async function waitForTcp(netns: string, targets: string[]): Promise<void> {
  const script =
    'for t in "$@"; do until { : <>"/dev/tcp/$t"; } 2>/dev/null; do sleep 0.02; done; done';
  try {
    await run('ip', [
      'netns',
      'exec',
      netns,
      'timeout',
      '10',
      'bash',
      '-c',
      script,
      '_',
      ...targets,
    ]);
  } catch {
    throw new Error(`NAT lab services did not all listen within 10 s: ${targets.join(', ')}`);
  }
}
