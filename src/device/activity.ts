// What the tools are moving right now, reported by each tool and read by the device integration
// (wake lock, page title, notifications) and the update prompt, which must not reload the page
// under a running transfer. DOM-free, so its rules are unit-tested.

/** One transfer as a tool sees it: a file going out or coming in, or a bulk run. */
export interface TransferSnapshot {
  /** Stable for the transfer's life (a file's transfer id; both ends of a loopback share it). */
  id: string;
  kind: 'file' | 'bulk';
  /** The file's name (data, shown as is), or '' for a bulk run. */
  name: string;
  way: 'in' | 'out';
  done: number;
  total: number;
  state: 'active' | 'done' | 'stopped';
}

/** A transfer that was running and is over. */
export interface TransferEnd {
  id: string;
  kind: 'file' | 'bulk';
  name: string;
  /** 'in' when this page received it (even over loopback, where it also sent it). */
  way: 'in' | 'out';
  ok: boolean;
}

export interface Progress {
  done: number;
  total: number;
  /** The first running transfer's name ('' for a bulk run). */
  name: string;
  kind: 'file' | 'bulk';
  /** How many transfers are running. */
  count: number;
}

type Listener = () => void;
type EndListener = (end: TransferEnd) => void;

/** Snapshots of one source, merged by id (a loopback lists each file on both of its ends). */
export function merge(snapshots: readonly TransferSnapshot[]): Map<string, TransferSnapshot> {
  const out = new Map<string, TransferSnapshot>();
  for (const s of snapshots) {
    const seen = out.get(s.id);
    if (!seen) {
      out.set(s.id, { ...s });
      continue;
    }
    // Running on either end means running; the receiving end names the outcome.
    const state =
      seen.state === 'active' || s.state === 'active'
        ? 'active'
        : seen.state === 'stopped' || s.state === 'stopped'
          ? 'stopped'
          : 'done';
    const way = seen.way === 'in' || s.way === 'in' ? 'in' : 'out';
    out.set(s.id, { ...seen, state, way, done: Math.max(seen.done, s.done) });
  }
  return out;
}

/**
 * The transfers of every source. A source reports its whole list each time; transfers that were
 * running and are now over (or gone) are announced once to `onEnd` listeners.
 */
export class Activity {
  private readonly sources = new Map<string, Map<string, TransferSnapshot>>();
  private readonly listeners = new Set<Listener>();
  private readonly endListeners = new Set<EndListener>();

  report(source: string, snapshots: readonly TransferSnapshot[]): void {
    const before = this.sources.get(source) ?? new Map<string, TransferSnapshot>();
    const now = merge(snapshots);
    const ends: TransferEnd[] = [];
    for (const [id, was] of before) {
      if (was.state !== 'active') continue;
      const is = now.get(id);
      if (is?.state === 'active') continue;
      const { kind, name } = was;
      const way = is?.way ?? was.way;
      ends.push({ id, kind, name, way, ok: is?.state === 'done' });
    }
    // Only running transfers are kept: a finished one that is listed again is not news.
    const running = new Map([...now].filter(([, s]) => s.state === 'active'));
    const changed = !sameRunning(before, running);
    if (running.size) this.sources.set(source, running);
    else this.sources.delete(source);
    for (const end of ends) for (const l of this.endListeners) l(end);
    if (changed || ends.length) for (const l of this.listeners) l();
  }

  /** A transfer is running somewhere. */
  get busy(): boolean {
    return this.sources.size > 0;
  }

  /** The running transfers, summed; null when none runs. */
  progress(): Progress | null {
    const running = [...this.sources.values()].flatMap((m) => [...m.values()]);
    if (running.length === 0) return null;
    const first = running[0]!;
    return {
      done: running.reduce((n, s) => n + s.done, 0),
      total: running.reduce((n, s) => n + s.total, 0),
      name: first.name,
      kind: first.kind,
      count: running.length,
    };
  }

  /** Calls `listener` whenever the running transfers or their progress change. */
  subscribe(listener: Listener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  onEnd(listener: EndListener): () => void {
    this.endListeners.add(listener);
    return () => this.endListeners.delete(listener);
  }
}

function sameRunning(a: Map<string, TransferSnapshot>, b: Map<string, TransferSnapshot>): boolean {
  if (a.size !== b.size) return false;
  for (const [id, s] of a) {
    const t = b.get(id);
    if (!t || t.done !== s.done || t.total !== s.total) return false;
  }
  return true;
}

/** The page's one registry. */
export const activity = new Activity();
