import { resolveIceServer, type TurnRestCredential } from '../../rtc/turn-rest';
import type { IceServerEntry } from '../../store/ice-servers';
import { parseCandidate } from './candidate';
import { matchServer, type GatherError, type GatheredCandidate } from './verdict';

export interface GatherOptions {
  servers: IceServerEntry[];
  policy: RTCIceTransportPolicy;
  poolSize: number;
  timeoutMs: number;
  /** One peer connection per server, so each verdict is unambiguous. */
  eachAlone: boolean;
}

/**
 * Gathers ICE candidates with the given servers and records them as they trickle in, with the
 * server each came from, and every icecandidateerror. Fires `change` on each event.
 */
export class IceGathering extends EventTarget {
  readonly rows: GatheredCandidate[] = [];
  readonly errors: GatherError[] = [];
  /** Time-limited credentials computed from TURN REST shared secrets, by server URL. */
  readonly restCredentials = new Map<string, TurnRestCredential>();
  /** Set when every connection finished (or timed out). */
  done: { seconds: number; timedOut: boolean } | null = null;
  /**
   * Each server gathers on its own although not asked to: the browser does not say which server
   * a candidate came from (Firefox), so a shared gathering could not be attributed.
   */
  readonly splitForVerdicts: boolean;
  private readonly pcs: RTCPeerConnection[] = [];
  private t0 = 0;
  private stopped = false;

  constructor(private readonly options: GatherOptions) {
    super();
    this.splitForVerdicts =
      !options.eachAlone && options.servers.length > 1 && !browserNamesCandidateServers();
  }

  async start(): Promise<void> {
    this.t0 = performance.now();
    const { servers, eachAlone } = this.options;
    const groups = eachAlone || this.splitForVerdicts ? servers.map((s) => [s]) : [servers];
    const results = await Promise.all(groups.map((group) => this.gather(group)));
    if (this.stopped) return;
    this.done = {
      seconds: (performance.now() - this.t0) / 1000,
      timedOut: results.includes(false),
    };
    this.changed();
  }

  stop(): void {
    this.stopped = true;
    for (const pc of this.pcs) pc.close();
  }

  /** Resolves true when gathering completed, false on time-out. */
  private async gather(group: IceServerEntry[]): Promise<boolean> {
    const urls = group.map((s) => s.url);
    // With one server in the connection, everything not local came from it.
    const alone = group.length === 1 ? urls[0] : undefined;
    const resolved = await Promise.all(group.map((entry) => resolveIceServer(entry)));
    resolved.forEach(({ rest }, i) => rest && this.restCredentials.set(urls[i], rest));
    if (this.stopped) return false;
    const pc = new RTCPeerConnection({
      iceServers: resolved.map((r) => r.server),
      iceTransportPolicy: this.options.policy,
      iceCandidatePoolSize: this.options.poolSize,
    });
    this.pcs.push(pc);
    pc.createDataChannel('probe');
    const finished = new Promise<boolean>((resolve) => {
      const timer = setTimeout(() => resolve(false), this.options.timeoutMs);
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
        this.rows.push({
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
        this.errors.push({
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
      this.errors.push({ url: urls.join(', '), code: 0, text: String(error) });
      return false;
    }
    const completed = await finished;
    await this.fillUrlsFromStats(pc, urls, alone);
    pc.close();
    return completed;
  }

  /** What the event left out (server URL, relay protocol), from the local-candidate stats. */
  private async fillUrlsFromStats(pc: RTCPeerConnection, urls: string[], alone?: string) {
    if (pc.signalingState === 'closed') return;
    const stats = await pc.getStats();
    stats.forEach((s: Record<string, unknown>) => {
      if (s.type !== 'local-candidate') return;
      for (const row of this.rows) {
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
