import type { Browser } from '@playwright/test';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildLabApp } from './app-build';
import { launchIn, type LabBrowserName, type LabLaunchOptions } from './browser';
import type { Daemon } from './exec';
import { impairments, type ImpairCounts, type Impairment } from './impair';
import type { NatBehaviour } from './rules';
import { startServices, turnUser } from './services';
import { sweepStaleLabs } from './sweep';
import {
  addresses,
  applyNat,
  createTopology,
  destroyTopology,
  destroyTopologySync,
  labNamespaces,
  ports,
  type Namespaces,
  type Side,
} from './topology';

const { server, altServer } = addresses;

/** Where every lab serves what, and what its app build uses (the same in every lab). */
export const labUrls = {
  app: `http://${server}:${ports.app}/`,
  piping: `http://${server}:${ports.piping}`,
  stun: `stun:${server}:${ports.turn}`,
  altStun: `stun:${altServer}:${ports.turn}`,
  turn: {
    udp: `turn:${server}:${ports.turn}?transport=udp`,
    tcp: `turn:${server}:${ports.turn}?transport=tcp`,
  },
} as const;

/** The app's default ICE servers in the lab build: the lab's coturn as STUN and as TURN/UDP. */
export const labIceServers: readonly RTCIceServer[] = [
  { urls: labUrls.stun },
  { urls: labUrls.turn.udp, ...turnUser },
];

/** The lab's app build, made (or found in the cache) once per worker. */
let appBuild: Promise<string> | undefined;
export function labApp(): Promise<string> {
  appBuild ??= buildLabApp({
    VITE_ICE_SERVERS: JSON.stringify(labIceServers),
    VITE_PIPING_URL: labUrls.piping,
  });
  return appBuild;
}

export interface NatLab {
  readonly nat: NatBehaviour;
  readonly namespaces: Namespaces;
  /** The app, served from the wan namespace; a lab browser treats its origin as secure. */
  readonly appUrl: string;
  readonly pipingUrl: string;
  readonly stunUrl: string;
  /** The same coturn on a second address, for NAT behaviour discovery. */
  readonly altStunUrl: string;
  readonly turnUrls: { readonly udp: string; readonly tcp: string };
  readonly turnUser: { readonly username: string; readonly credential: string };
  /** What the lab's app build has as its default ICE servers. */
  readonly iceServers: readonly RTCIceServer[];
  /** Each side's address as the WAN sees it (its router's). */
  readonly publicAddress: Readonly<Record<Side, string>>;
  /** Each side's host address on its LAN. */
  readonly privateAddress: Readonly<Record<Side, string>>;
  /** Milliseconds spent building the network and starting its servers. */
  readonly setupMs: { readonly topology: number; readonly services: number };
  /** A browser running in host namespace lan-`side`; closed by `stop()`. */
  launch(side: Side, options?: LabLaunchOptions): Promise<Browser>;
  /** The one browser of host namespace lan-`side`, launched at the first call; closed by `stop()`. */
  browserOn(side: Side): Promise<Browser>;
  /** Closes every page the lab's browsers have open (their browsers stay up for the next case). */
  closePages(): Promise<void>;
  /**
   * Changes both routers' behaviour, or `side`'s only (and forgets their existing mappings):
   * `nat` then names what the other router does no longer.
   */
  setNat(nat: NatBehaviour, side?: Side): Promise<void>;
  /**
   * Delays and drops frames on `side`'s WAN link, per direction (`up` leaves its router), or
   * restores the plain link with null. New settings apply at once, without a break in the link;
   * frames already delayed still arrive (in order).
   */
  impair(side: Side, impairment: Impairment | null): Promise<void>;
  /** Restores both WAN links. */
  clearImpairments(): Promise<void>;
  /** Frames `side`'s impaired link forwarded and dropped so far; null when it is plain. */
  impairCounts(side: Side): Promise<ImpairCounts | null>;
  /** The servers' logs so far, by server name. */
  logs(): Record<string, string>;
  /** Closes the browsers, stops the servers and deletes the namespaces. Safe to call twice. */
  stop(): Promise<void>;
}

/** Labs not yet stopped, removed on the way out if a worker exits without its teardown. */
const live = new Set<{ ns: Namespaces; dir: string; daemons: Daemon[] }>();
process.once('exit', () => {
  for (const { ns, dir, daemons } of live) {
    daemons.forEach((d) => d.kill());
    destroyTopologySync(ns);
    rmSync(dir, { recursive: true, force: true });
  }
});

export interface NatLabOptions {
  /** The browser `launch()` starts unless told otherwise; default Chromium. */
  browserName?: LabBrowserName;
}

/** Builds a lab whose routers behave as `nat`. Callers must `stop()` it (see `withNatLab`). */
export async function startNatLab(
  nat: NatBehaviour,
  { browserName = 'chromium' }: NatLabOptions = {},
): Promise<NatLab> {
  const [appDir] = await Promise.all([labApp(), sweepStaleLabs()]);
  const ns = labNamespaces();
  const dir = mkdtempSync(join(tmpdir(), `dckit-${ns.wan}-`));
  const entry = { ns, dir, daemons: [] as Daemon[] };
  live.add(entry);
  const started = performance.now();
  let built = started;
  try {
    await createTopology(ns, nat);
    built = performance.now();
    entry.daemons = await startServices(ns.wan, dir, appDir);
  } catch (error) {
    await destroyTopology(ns);
    live.delete(entry);
    rmSync(dir, { recursive: true, force: true });
    throw error;
  }
  const setupMs = { topology: built - started, services: performance.now() - built };
  const links = impairments(ns, dir);

  const browsers: Browser[] = [];
  const sideBrowsers = new Map<Side, Promise<Browser>>();
  const launch = async (side: Side, options?: LabLaunchOptions) => {
    const browser = await launchIn(ns.host[side], new URL(labUrls.app).origin, {
      browserName,
      ...options,
    });
    browsers.push(browser);
    return browser;
  };
  let current = nat;
  let stopping: Promise<void> | undefined;
  const stop = async () => {
    await Promise.allSettled(browsers.map((b) => b.close()));
    await links.stop();
    await Promise.all(entry.daemons.map((d) => d.stop()));
    await destroyTopology(ns);
    live.delete(entry);
    rmSync(dir, { recursive: true, force: true });
  };

  return {
    get nat() {
      return current;
    },
    namespaces: ns,
    appUrl: labUrls.app,
    pipingUrl: labUrls.piping,
    stunUrl: labUrls.stun,
    altStunUrl: labUrls.altStun,
    turnUrls: labUrls.turn,
    turnUser,
    iceServers: labIceServers,
    publicAddress: { a: addresses.router.a.wan, b: addresses.router.b.wan },
    privateAddress: addresses.host,
    setupMs,
    launch,
    browserOn(side) {
      let browser = sideBrowsers.get(side);
      if (!browser) {
        browser = launch(side);
        sideBrowsers.set(side, browser);
        // A launch that failed is tried again at the next call.
        browser.catch(() => sideBrowsers.delete(side));
      }
      return browser;
    },
    async closePages() {
      await Promise.allSettled(
        browsers.flatMap((b) => b.contexts().map((context) => context.close())),
      );
    },
    async setNat(next, side) {
      await applyNat(ns, next, side);
      current = next;
    },
    impair: links.set,
    clearImpairments: links.clear,
    impairCounts: links.counts,
    logs() {
      const logs: Record<string, string> = {};
      if (!existsSync(dir)) return logs; // stopped
      for (const file of readdirSync(dir).filter((f) => f.endsWith('.log'))) {
        logs[file.replace(/\.log$/, '')] = readFileSync(join(dir, file), 'utf8');
      }
      return logs;
    },
    stop() {
      stopping ??= stop();
      return stopping;
    },
  };
}

/** Runs `body` with a fresh lab, and tears the lab down whatever happens. */
export async function withNatLab<T>(
  nat: NatBehaviour,
  body: (lab: NatLab) => Promise<T>,
  options?: NatLabOptions,
): Promise<T> {
  const lab = await startNatLab(nat, options);
  try {
    return await body(lab);
  } finally {
    await lab.stop();
  }
}
