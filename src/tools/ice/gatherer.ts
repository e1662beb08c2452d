import { resolveIceServer, type TurnRestCredential } from '../../rtc/turn-rest';
import type { IceServerEntry } from '../../store/ice-servers';
import { parseCandidate } from './candidate';
import { relayCells, type RelayCell } from './relay-cells';
import { proveRelay, type RelayProof } from './relay-proof';
import { matchServer, type GatherError, type GatheredCandidate } from './verdict';

export interface GatherOptions {
  servers: IceServerEntry[];
  policy: RTCIceTransportPolicy;
  poolSize: number;
  timeoutMs: number;
  /** One peer connection per server, so each verdict is unambiguous. */
  eachAlone: boolean;
}

/** One transport of one TURN entry and, once known, what data through its relay showed. */
export interface RelayCheck extends RelayCell {
  proof: RelayProof | null;
}

/** Candidates and errors of one or more connections. */
export interface Gathered {
  readonly rows: GatheredCandidate[];
  readonly errors: GatherError[];
}

/**
 * Gathers ICE candidates with the given servers and records them as they trickle in, with the
 * server each came from, and every icecandidateerror. Fires `change` on each event.
 *
 * With several servers, each one also gathers on a connection of its own, at the same time, so
 * its verdict rests on what it alone did: on a shared connection a browser lists an address
 * once, for whichever server answered first, and Firefox names no server at all. The shared
 * connection, one socket asking every server, is what tells the NAT type.
 */
export class IceGathering extends EventTarget {
  /** What the Candidates table shows. */
  readonly rows: GatheredCandidate[] = [];
  readonly errors: GatherError[] = [];
  /** What the verdicts rest on: each server's own gathering. */
  readonly forVerdicts: Gathered;
  /** One connection that asked every server, or null (each gathered alone). */
  readonly shared: Gathered | null;
  /** Every transport of every TURN entry, proven by data (the entry's own transport first). */
  readonly relayChecks: RelayCheck[] = [];
  /** Time-limited credentials computed from TURN REST shared secrets, by server URL. */
  readonly restCredentials = new Map<string, TurnRestCredential>();
  /** Set when every connection finished (or timed out). */
  done: { seconds: number; timedOut: boolean } | null = null;
  /**
   * The table shows each server's own gathering although not asked to: the browser does not
   * say which server a candidate came from (Firefox), so a shared table could not be attributed.
   */
  readonly splitForVerdicts: boolean;
  private readonly pcs: RTCPeerConnection[] = [];
  private readonly stopping = new AbortController();
  private t0 = 0;
  private stopped = false;

  constructor(private readonly options: GatherOptions) {
    super();
    const several = options.servers.length > 1;
    const apart = options.eachAlone && several;
    const named = browserNamesCandidateServers();
    this.splitForVerdicts = !options.eachAlone && several && !named;
    const table: Gathered = { rows: this.rows, errors: this.errors };
    const hidden: Gathered = { rows: [], errors: [] };
    this.shared = apart ? null : !several || named ? table : hidden;
    this.forVerdicts = !several || apart || !named ? table : hidden;
  }

  async start(): Promise<void> {
    this.t0 = performance.now();
    const { servers } = this.options;
    const runs: Promise<boolean>[] = [];
    if (this.shared) runs.push(this.gather(servers, this.shared));
    if (this.forVerdicts !== this.shared) {
      runs.push(...servers.map((server) => this.gather([server], this.forVerdicts)));
    }
    const proofs = servers.flatMap((entry) =>
      relayCells(entry.url).map((cell) => this.prove(entry, cell)),
    );
    const [results] = await Promise.all([Promise.all(runs), Promise.all(proofs)]);
    if (this.stopped) return;
    this.done = {
      seconds: (performance.now() - this.t0) / 1000,
      timedOut: results.includes(false),
    };
    this.changed();
  }

  /** Each TURN entry's relay over the entry's own transport, proven by data, by entry. */
  get relayProofs(): Map<string, RelayProof> {
    return new Map(
      this.relayChecks.flatMap((c) => (c.url === c.server && c.proof ? [[c.server, c.proof]] : [])),
    );
  }

  stop(): void {
    this.stopped = true;
    this.stopping.abort();
    for (const pc of this.pcs) pc.close();
  }

  private async prove(entry: IceServerEntry, cell: RelayCell): Promise<void> {
    const check: RelayCheck = { ...cell, proof: null };
    this.relayChecks.push(check);
    const { server } = await resolveIceServer({ ...entry, url: cell.url });
    if (this.stopped) return;
    check.proof = await proveRelay(server, this.options.timeoutMs, this.stopping.signal);
    this.changed();
  }

  /** Resolves true when gathering completed, false on time-out. */
  private async gather(group: IceServerEntry[], into: Gathered): Promise<boolean> {
    const urls = group.map((s) => s.url);
    // With one server in the connection, everything not local came from it.
    const alone = group.length === 1 ? urls[0] : undefined;
    const resolved = await Promise.all(group.map((entry) => resolveIceServer(entry)));
    resolved.forEach(({ rest }, i) => rest && this.restCredentials.set(urls[i], rest));
    if (this.stopped) return false;
    let pc: RTCPeerConnection;
    try {
      pc = new RTCPeerConnection({
        iceServers: resolved.map((r) => r.server),
        iceTransportPolicy: this.options.policy,
        iceCandidatePoolSize: this.options.poolSize,
      });
    } catch (error) {
      // The browser refused the configuration (Firefox refuses blocked ports such as 9 or 25):
      // nothing gathers, and the error says why.
      into.errors.push({ url: urls.join(', '), code: 0, text: describe(error), server: alone });
      this.changed();
      return true;
    }
    this.pcs.push(pc);
    pc.createDataChannel('probe');
    let timer = 0;
    const finished = new Promise<boolean>((resolve) => {
      timer = window.setTimeout(() => resolve(false), this.options.timeoutMs);
      pc.addEventListener('icecandidate', (e) => {
        if (!e.candidate) {
          clearTimeout(timer);
          resolve(true);
          return;
        }
        const parsed = parseCandidate(e.candidate.candidate);
        if (!parsed) return;
        // Chromium names the server on the candidate (newer) or the event (older); the DOM
        // typings know neither, nor relayProtocol.
        const extra = e.candidate as { url?: string | null; relayProtocol?: string | null };
        const url = extra.url ?? (e as { url?: string | null }).url ?? undefined;
        const server = alone ?? matchServer(url, urls);
        into.rows.push({
          t: (performance.now() - this.t0) / 1000,
          candidate: parsed,
          ...(url ? { url } : {}),
          ...(extra.relayProtocol ? { relayProtocol: extra.relayProtocol } : {}),
          ...(server && parsed.type !== 'host' ? { server } : {}),
        });
        this.changed();
      });
      pc.addEventListener('icecandidateerror', (e) => {
        const server = alone ?? matchServer(e.url, urls);
        into.errors.push({
          t: (performance.now() - this.t0) / 1000,
          url: e.url,
          code: e.errorCode,
          text: e.errorText,
          ...(server ? { server } : {}),
        });
        this.changed();
      });
    });
    try {
      await pc.setLocalDescription();
    } catch (error) {
      into.errors.push({ url: urls.join(', '), code: 0, text: describe(error), server: alone });
      clearTimeout(timer);
      pc.close();
      this.changed();
      return false;
    }
    const completed = await finished;
    await this.fillUrlsFromStats(pc, into.rows, urls, alone);
    pc.close();
    return completed;
  }

  /** What the event left out (server URL, relay protocol), from the local-candidate stats. */
  private async fillUrlsFromStats(
    pc: RTCPeerConnection,
    rows: GatheredCandidate[],
    urls: string[],
    alone?: string,
  ) {
    if (pc.signalingState === 'closed') return;
    const stats = await pc.getStats();
    stats.forEach((s: Record<string, unknown>) => {
      if (s.type !== 'local-candidate') return;
      for (const row of rows) {
        if (row.candidate.address !== s.address || row.candidate.port !== s.port) continue;
        if (!row.relayProtocol && typeof s.relayProtocol === 'string')
          row.relayProtocol = s.relayProtocol;
        if (row.url || typeof s.url !== 'string') continue;
        row.url = s.url;
        const server = alone ?? matchServer(s.url, urls);
        if (server && row.candidate.type !== 'host') row.server = server;
      }
    });
    this.changed();
  }

  private changed(): void {
    this.dispatchEvent(new Event('change'));
  }
}

/** Whether ICE candidate events name the server they came from (Chromium does, Firefox not). */
export function browserNamesCandidateServers(): boolean {
  return 'url' in RTCIceCandidate.prototype || 'url' in RTCPeerConnectionIceEvent.prototype;
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
