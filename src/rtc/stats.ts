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
    address: String(c.address || c.ip || '(hidden)'),
    port: Number(c.port ?? 0),
    protocol: String(c.protocol ?? '?'),
    ...(typeof c.relayProtocol === 'string' ? { relayProtocol: c.relayProtocol } : {}),
  };
}
