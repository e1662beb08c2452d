import { spawn, type ChildProcess } from 'node:child_process';
import { closeSync, existsSync, openSync } from 'node:fs';
import type { Socket } from 'node:net';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { run } from './exec';
import { sides, type Namespaces, type Side } from './topology';

/** One direction of a side's WAN link. */
export interface LinkImpairment {
  /** Added to every frame; default 0. */
  delayMs?: number;
  /** Share of frames dropped at random, 0 to 1; 1 is a blackout. Default 0. */
  loss?: number;
}

/** `up` runs from the side's router towards the WAN, `down` from the WAN to the router. */
export interface Impairment {
  up?: LinkImpairment;
  down?: LinkImpairment;
}

export interface FrameCounts {
  forwarded: number;
  dropped: number;
  /** Frames the forwarder could not send (too large: an offload left on). */
  failed: number;
  /** Frames waiting out their delay. */
  queued: number;
}
export type ImpairCounts = Record<'up' | 'down', FrameCounts>;

export interface Impairments {
  /** Impairs `side`'s link (replacing its previous settings), or restores it with null. */
  set(side: Side, impairment: Impairment | null): Promise<void>;
  /** What `side`'s forwarder did since it went in; null when its link is plain. */
  counts(side: Side): Promise<ImpairCounts | null>;
  /** Restores both links. */
  clear(): Promise<void>;
  /** Stops the forwarders, leaving the links as they are: for a lab about to be deleted. */
  stop(): Promise<void>;
}

const script = fileURLToPath(new URL('./impair.py', import.meta.url));
// The distribution's interpreter: a version manager's shim in front costs ~0.3 s a start.
const python = existsSync('/usr/bin/python3') ? '/usr/bin/python3' : 'python3';

/**
 * Per-direction delay and loss on a side's WAN link, with no netem in the kernel: on request,
 * the router's port leaves the wan bridge and impair.py copies frames between it and a veth
 * pair whose other end joins the bridge in its place.
 */
export function impairments(ns: Namespaces, dir: string): Impairments {
  const forwarders = new Map<Side, Forwarder>();
  // One change at a time per side: a second insertion must see the first.
  const queues = new Map<Side, Promise<unknown>>();
  const serial = <T>(side: Side, task: () => Promise<T>): Promise<T> => {
    const next = (queues.get(side) ?? Promise.resolve()).then(task, task);
    queues.set(
      side,
      next.catch(() => {}),
    );
    return next;
  };
  // -force: a restore goes on past links that a failed insertion never made.
  const inWan = (...commands: string[]) =>
    run('ip', ['-n', ns.wan, '-force', '-batch', '-'], lines(...commands));
  const names = (side: Side) => ({
    port: `port-${side}`,
    imp: `imp-${side}`,
    impbr: `impbr-${side}`,
  });

  const insert = async (side: Side): Promise<Forwarder> => {
    const { port, imp, impbr } = names(side);
    let forwarder: Forwarder | undefined;
    try {
      await inWan(
        `link add ${imp} type veth peer name ${impbr}`,
        // Unbridged, these would answer ARP for the wan's addresses and take its traffic.
        `link set ${imp} arp off`,
        `link set ${port} arp off`,
        `link set ${imp} up`,
        `link set ${impbr} up`,
      );
      // Frames reach the forwarder as their sender leaves them: with checksums left to offload
      // or up to 64 KiB of segments in one. Its senders must finish both in software.
      await ethtool(
        `netns exec ${ns.router[side]} ethtool -K wan0 tx off tso off gso off`,
        `netns exec ${ns.wan} ethtool -K ${impbr} tx off tso off gso off`,
        `netns exec ${ns.wan} ethtool -K ${imp} gro off`,
        `netns exec ${ns.wan} ethtool -K ${port} gro off`,
      );
      forwarder = new Forwarder(ns.wan, port, imp, join(dir, `impair-${side}.log`));
      await forwarder.ready;
      await inWan(`link set ${port} nomaster`, `link set ${impbr} master br0`);
      return forwarder;
    } catch (error) {
      await restore(side, forwarder).catch(() => {});
      throw error;
    }
  };

  /** Puts the router's port back on the bridge, then takes the forwarder and its links away. */
  const restore = async (side: Side, forwarder?: Forwarder): Promise<void> => {
    const { port, imp, impbr } = names(side);
    const errors: unknown[] = [];
    const step = (task: Promise<unknown> | undefined) =>
      task?.catch((e: unknown) => errors.push(e));
    // The bridge first: the frames still queued are dropped, as a link going down would.
    await step(
      inWan(`link set ${impbr} nomaster`, `link set ${port} master br0`, `link set ${port} arp on`),
    );
    await step(forwarder?.stop());
    await step(inWan(`link del ${imp}`));
    await step(ethtool(`netns exec ${ns.router[side]} ethtool -K wan0 tx on tso on gso on`));
    if (errors.length) throw errors[0];
  };

  const remove = async (side: Side): Promise<void> => {
    const forwarder = forwarders.get(side);
    if (!forwarder) return;
    forwarders.delete(side);
    await restore(side, forwarder);
  };

  return {
    set: (side, impairment) =>
      serial(side, async () => {
        if (!impairment) return remove(side);
        const command = JSON.stringify({
          up: checked(impairment.up),
          down: checked(impairment.down),
        });
        let forwarder = forwarders.get(side);
        if (!forwarder) {
          forwarder = await insert(side);
          forwarders.set(side, forwarder);
        }
        await forwarder.request(command);
      }),
    counts: (side) => serial(side, async () => (await forwarders.get(side)?.request('{}')) ?? null),
    clear: async () => {
      await Promise.all(sides.map((side) => serial(side, () => remove(side))));
    },
    stop: async () => {
      await Promise.all([...forwarders.values()].map((f) => f.stop()));
    },
  };
}

function lines(...commands: string[]): string {
  return `${commands.join('\n')}\n`;
}

async function ethtool(...commands: string[]): Promise<void> {
  try {
    await run('ip', ['-batch', '-'], lines(...commands));
  } catch (error) {
    throw new Error(
      `impairing a NAT lab link needs ethtool (apt-get install -y ethtool): ${String(error)}`,
    );
  }
}

function checked({ delayMs = 0, loss = 0 }: LinkImpairment = {}): Required<LinkImpairment> {
  if (!(delayMs >= 0 && delayMs < 60_000))
    throw new RangeError(`delayMs ${delayMs} is not in [0, 60000)`);
  if (!(loss >= 0 && loss <= 1)) throw new RangeError(`loss ${loss} is not in [0, 1]`);
  return { delayMs, loss };
}

/**
 * impair.py in the wan namespace, told its settings line by line on stdin. Its stdin closes
 * when this process ends, however it ends, and it exits then: nothing to clean up after a crash.
 */
class Forwarder {
  readonly ready: Promise<ImpairCounts>;
  private readonly child: ChildProcess;
  private readonly exited: Promise<void>;
  private gone: Error | undefined;
  private readonly waiting: { resolve: (c: ImpairCounts) => void; reject: (e: Error) => void }[] =
    [];
  private output = '';

  constructor(netns: string, upIn: string, upOut: string, logFile: string) {
    const log = openSync(logFile, 'a');
    this.child = spawn('ip', ['netns', 'exec', netns, python, script, upIn, upOut], {
      stdio: ['pipe', 'pipe', log],
    });
    closeSync(log);
    this.child.stdout!.setEncoding('utf8').on('data', (chunk: string) => {
      this.output += chunk;
      for (let end; (end = this.output.indexOf('\n')) >= 0;) {
        const line = this.output.slice(0, end);
        this.output = this.output.slice(end + 1);
        this.waiting.shift()?.resolve(JSON.parse(line) as ImpairCounts);
      }
      this.hold();
    });
    this.child.stdin!.on('error', () => {}); // it died: `exited` says so
    this.exited = new Promise((resolve) => {
      this.child.once('error', () => resolve());
      this.child.once('exit', () => resolve());
    });
    void this.exited.then(() => {
      this.gone = new Error(`the impairment forwarder exited; see ${logFile}`);
      this.waiting.splice(0).forEach((w) => w.reject(this.gone!));
    });
    this.child.unref();
    // It answers once when its sockets are open.
    this.ready = this.next();
  }

  /** Sends one line and resolves with the counts it is answered with. */
  request(line: string): Promise<ImpairCounts> {
    const reply = this.next();
    this.child.stdin!.write(`${line}\n`);
    return reply;
  }

  /** Closes its stdin, which makes it log its counts and exit. */
  async stop(): Promise<void> {
    if (this.gone) return;
    this.child.stdin!.end();
    const timer = setTimeout(() => this.child.kill('SIGKILL'), 2000);
    await this.exited;
    clearTimeout(timer);
  }

  private next(): Promise<ImpairCounts> {
    if (this.gone) return Promise.reject(this.gone);
    const reply = new Promise<ImpairCounts>((resolve, reject) =>
      this.waiting.push({ resolve, reject }),
    );
    this.hold();
    return reply;
  }

  /** Keeps this process alive only while an answer is awaited: idle, it must not hold it up. */
  private hold(): void {
    for (const pipe of [this.child.stdin, this.child.stdout] as Socket[]) {
      if (this.waiting.length) pipe.ref();
      else pipe.unref();
    }
  }
}
