import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { run } from './exec';
import { routerRules, type NatBehaviour } from './rules';

export type Side = 'a' | 'b';

export const sides: readonly Side[] = ['a', 'b'];

/** TEST-NET-3 plays the internet; each router hides a 10.0.x.0/24 LAN. */
export const addresses = {
  /** coturn, the piping-server and the app, on the wan bridge. */
  server: '203.0.113.10',
  /** A second coturn listener on the same bridge (RFC 5780 NAT behaviour discovery). */
  altServer: '203.0.113.11',
  router: {
    a: { wan: '203.0.113.1', lan: '10.0.1.1' },
    b: { wan: '203.0.113.2', lan: '10.0.2.1' },
  },
  host: { a: '10.0.1.2', b: '10.0.2.2' },
} as const;

/** The wan bridge's own (locally administered) address, the same in every lab. */
const bridgeMac = '02:00:cb:00:71:0a';

/** Each lab has a wan namespace of its own, so its ports can be fixed. */
export const ports = { turn: 3478, piping: 8080, app: 8000 } as const;

/** Every lab namespace starts with this, followed by a random per-lab id. */
export const netnsPrefix = 'dk';

export interface Namespaces {
  wan: string;
  router: Record<Side, string>;
  host: Record<Side, string>;
}

/** Where iproute2 keeps named namespaces. */
export const netnsDir = '/var/run/netns';

/** Fresh, short names: a random id keeps parallel runs and workers apart. */
export function labNamespaces(id = freshId()): Namespaces {
  return {
    wan: `${id}-wan`,
    router: { a: `${id}-nat-a`, b: `${id}-nat-b` },
    host: { a: `${id}-lan-a`, b: `${id}-lan-b` },
  };
}

function freshId(): string {
  for (;;) {
    const id = `${netnsPrefix}${randomBytes(3).toString('hex')}`;
    // A failed set-up deletes all its names: they must not be another lab's.
    if (!existsSync(join(netnsDir, `${id}-wan`))) return id;
  }
}

function allOf(ns: Namespaces): string[] {
  return [ns.wan, ...sides.map((s) => ns.router[s]), ...sides.map((s) => ns.host[s])];
}

/** One `ip` process per namespace: `-batch` makes the ~40 commands cost a handful of forks. */
function ipBatch(lines: string[], netns?: string): Promise<string> {
  return run('ip', [...(netns ? ['-n', netns] : []), '-batch', '-'], `${lines.join('\n')}\n`);
}

/**
 * Creates the namespaces and links: a `wan` bridge, two routers and two hosts. Interfaces are
 * created directly inside their namespaces, so nothing ever appears in the host's network.
 * Routers and `wan` get no default route: nothing in the lab can reach beyond it.
 */
export async function createTopology(ns: Namespaces, nat: NatBehaviour): Promise<void> {
  const noIpv6 = 'net.ipv6.conf.all.disable_ipv6=1 net.ipv6.conf.default.disable_ipv6=1';
  await ipBatch([
    ...allOf(ns).map((n) => `netns add ${n}`),
    // IPv6 off (before links exist, so they inherit it): no link-local candidates or traffic.
    ...[ns.wan, ...sides.map((s) => ns.host[s])].map((n) => `netns exec ${n} sysctl -qw ${noIpv6}`),
    // Forwarding is off in a new namespace.
    ...sides.map((s) => `netns exec ${ns.router[s]} sysctl -qw net.ipv4.ip_forward=1 ${noIpv6}`),
    ...sides.flatMap((s) => [
      `link add wan0 netns ${ns.router[s]} type veth peer name port-${s} netns ${ns.wan}`,
      `link add lan0 netns ${ns.router[s]} type veth peer name eth0 netns ${ns.host[s]}`,
    ]),
  ]);
  const { server, altServer, router, host } = addresses;
  await Promise.all([
    ipBatch(
      [
        'link set lo up',
        // A bridge takes its lowest port's address unless given one, and a new address would
        // leave the routers' ARP entries pointing nowhere when an impaired link changes ports.
        `link add br0 address ${bridgeMac} type bridge`,
        ...sides.flatMap((s) => [`link set dev port-${s} master br0`, `link set dev port-${s} up`]),
        'link set br0 up',
        `addr add ${server}/24 dev br0`,
        `addr add ${altServer}/24 dev br0`,
      ],
      ns.wan,
    ),
    ...sides.map((s) =>
      ipBatch(
        [
          'link set lo up',
          `addr add ${router[s].wan}/24 dev wan0`,
          `addr add ${router[s].lan}/24 dev lan0`,
          'link set wan0 up',
          'link set lan0 up',
        ],
        ns.router[s],
      ),
    ),
    ...sides.map((s) =>
      ipBatch(
        [
          'link set lo up',
          `addr add ${host[s]}/24 dev eth0`,
          'link set eth0 up',
          `route add default via ${router[s].lan}`,
        ],
        ns.host[s],
      ),
    ),
  ]);
  await applyNat(ns, nat);
}

/**
 * Replaces both routers' rules (or `only` one's), then forgets their old mappings (conntrack
 * keeps them).
 */
export async function applyNat(ns: Namespaces, nat: NatBehaviour, only?: Side): Promise<void> {
  const rules = routerRules(nat, { address: addresses.server, ports: [ports.piping, ports.app] });
  await Promise.all(
    (only ? [only] : sides).map(async (s) => {
      await run('ip', ['netns', 'exec', ns.router[s], 'iptables-restore'], rules);
      await run('ip', ['netns', 'exec', ns.router[s], 'conntrack', '-F']);
    }),
  );
}

function deleteLines(ns: Namespaces): string {
  return `${allOf(ns)
    .map((n) => `netns del ${n}`)
    .join('\n')}\n`;
}

/**
 * Deletes whatever exists of the lab's namespaces (their links go with them). `-force` goes on
 * past names that were never created, so it also cleans up after a half-done set-up.
 */
export async function destroyTopology(ns: Namespaces): Promise<void> {
  await run('ip', ['-force', '-batch', '-'], deleteLines(ns)).catch(() => {
    // Some names did not exist; the others are gone.
  });
}

/** The same, for a `process.on('exit')` hook, where nothing asynchronous runs any more. */
export function destroyTopologySync(ns: Namespaces): void {
  try {
    execFileSync('ip', ['-force', '-batch', '-'], { input: deleteLines(ns), stdio: 'pipe' });
  } catch {
    // As above.
  }
}
