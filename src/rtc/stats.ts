import { msg, str } from '@lit/localize';

/** The active candidate pair of a connection, as the connection-details panel shows it. */
export interface SelectedPair {
  local: CandidateSummary;
  remote: CandidateSummary;
  /** Seconds, when measured. */
  rtt?: number;
  bytesSent: number;
  bytesReceived: number;
}

export interface CandidateSummary {
  type: string;
  address: string;
  port: number;
  protocol: string;
  relayProtocol?: string;
  /** The STUN/TURN server it came from, when the browser says (Chromium does, Firefox not). */
  url?: string;
}

type StatsLike = Pick<RTCStatsReport, 'forEach' | 'get'>;
type Entry = Record<string, unknown>;

/**
 * Finds the selected pair through the transport's `selectedCandidatePairId`: more than one pair
 * can read `nominated: true`, so that flag alone is not enough.
 */
export function selectedPair(report: StatsLike): SelectedPair | null {
  let pairId: string | undefined;
  report.forEach((entry: Entry) => {
    if (entry.type === 'transport' && typeof entry.selectedCandidatePairId === 'string') {
      pairId ??= entry.selectedCandidatePairId;
    }
  });
  const pair = pairId ? (report.get(pairId) as Entry | undefined) : undefined;
  if (!pair) return null;
  const local = report.get(pair.localCandidateId as string) as Entry | undefined;
  const remote = report.get(pair.remoteCandidateId as string) as Entry | undefined;
  if (!local || !remote) return null;
  return {
    local: summarize(local),
    remote: summarize(remote),
    ...(typeof pair.currentRoundTripTime === 'number' ? { rtt: pair.currentRoundTripTime } : {}),
    bytesSent: Number(pair.bytesSent ?? 0),
    bytesReceived: Number(pair.bytesReceived ?? 0),
  };
}

function summarize(c: Entry): CandidateSummary {
  return {
    type: String(c.candidateType ?? '?'),
    // Chromium leaves the address empty for host candidates it hides behind mDNS names.
    address: String(c.address || c.ip || msg('(hidden)')),
    port: Number(c.port ?? 0),
    protocol: String(c.protocol ?? '?'),
    ...(typeof c.relayProtocol === 'string' ? { relayProtocol: c.relayProtocol } : {}),
    ...(typeof c.url === 'string' && c.url ? { url: c.url } : {}),
  };
}

/**
 * How the data flows, in words: "direct (srflx)" when neither side relays, otherwise through
 * which TURN server ("relayed through turn:…", or the peer's).
 */
export function describePath(pair: Pick<SelectedPair, 'local' | 'remote'>): string {
  const { local, remote } = pair;
  if (local.type === 'relay') {
    const url = local.url;
    const transport = local.relayProtocol?.toUpperCase();
    if (url !== undefined) {
      return transport
        ? msg(str`relayed through ${url} over ${transport}`)
        : msg(str`relayed through ${url}`);
    }
    return transport
      ? msg(str`relayed through your TURN server over ${transport}`)
      : msg('relayed through your TURN server');
  }
  if (remote.type === 'relay') return msg("relayed through the peer's TURN server");
  const type = local.type;
  return msg(str`direct (${type})`);
}
