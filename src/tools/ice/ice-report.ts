import { msg, str } from '@lit/localize';
import { formatSeconds } from '../../i18n/format';
import { addressFamily, componentName, formatPriority, type IpFamily } from './candidate';
import type { NatVerdict } from './nat-type';
import type { RelayCheck } from './gatherer';
import type { GatherError, GatheredCandidate, Verdict } from './verdict';

/** The report's format: `docs/ice-report.md` describes each field; a change bumps `version`. */
export const REPORT_SCHEMA = 'dckit-ice-report';
export const REPORT_VERSION = 1;

export interface IceReport {
  schema: typeof REPORT_SCHEMA;
  version: typeof REPORT_VERSION;
  at: string;
  userAgent: string;
  options: {
    policy: RTCIceTransportPolicy;
    poolSize: number;
    timeoutSeconds: number;
    eachAlone: boolean;
  };
  servers: string[];
  candidates: Array<{
    t: number;
    component: string;
    type: string;
    foundation: string;
    protocol: string;
    address: string;
    port: number;
    priority: string;
    /** The address's IP family; absent for a name (mDNS). */
    family?: IpFamily;
    url?: string;
    relayProtocol?: string;
    tcpType?: string;
  }>;
  errors: GatherError[];
  done: { seconds: number; timedOut: boolean } | null;
  verdicts: Verdict[];
  /** Every transport of every TURN entry, proven by data through its relay. */
  relayChecks: RelayCheckReport[];
  /** The NAT's mapping behaviour, told from two STUN servers when possible. */
  nat?: NatVerdict;
}

export interface RelayCheckReport {
  server: string;
  url: string;
  transport: 'UDP' | 'TCP' | 'TLS';
  ok: boolean;
  rttMs?: number;
  MBps?: number;
  reason?: string;
  seconds: number;
}

export function buildReport(input: {
  userAgent: string;
  options: IceReport['options'];
  servers: string[];
  rows: readonly GatheredCandidate[];
  errors: readonly GatherError[];
  done: IceReport['done'];
  verdicts: Verdict[];
  relayChecks: readonly RelayCheck[];
  nat?: NatVerdict;
}): IceReport {
  return {
    schema: REPORT_SCHEMA,
    version: REPORT_VERSION,
    at: new Date().toISOString(),
    userAgent: input.userAgent,
    options: input.options,
    servers: input.servers,
    candidates: input.rows.map((r) => ({
      t: Number(r.t.toFixed(3)),
      component: componentName(r.candidate.component),
      type: r.candidate.type,
      foundation: r.candidate.foundation,
      protocol: r.candidate.protocol,
      address: r.candidate.address,
      port: r.candidate.port,
      priority: formatPriority(r.candidate.priority),
      ...familyOf(r.candidate.address),
      ...(r.url ? { url: r.url } : {}),
      ...(r.relayProtocol ? { relayProtocol: r.relayProtocol } : {}),
      ...(r.candidate.tcpType ? { tcpType: r.candidate.tcpType } : {}),
    })),
    errors: [...input.errors],
    done: input.done,
    verdicts: input.verdicts,
    relayChecks: input.relayChecks.flatMap(({ server, url, transport, proof }) =>
      proof
        ? [
            {
              server,
              url,
              transport,
              ...(proof.ok
                ? { ok: true, rttMs: round(proof.rttMs), MBps: round(proof.MBps) }
                : { ok: false, reason: proof.reason }),
              seconds: round(proof.seconds),
            },
          ]
        : [],
    ),
    ...(input.nat ? { nat: input.nat } : {}),
  };
}

/** One line fit for a bug report. */
export function summaryLine(report: IceReport): string {
  const counts = new Map<string, number>();
  for (const c of report.candidates) counts.set(c.type, (counts.get(c.type) ?? 0) + 1);
  const kinds = ['host', 'srflx', 'prflx', 'relay']
    .map((k) => `${k} ${counts.get(k) ?? 0}`)
    .join(', ');
  const verdicts = report.verdicts
    .map(({ server, level, words }) => {
      const why = words.replace(/[.。]$/, '');
      return level === 'ok' ? msg(str`${server} OK (${why})`) : msg(str`${server} FAIL (${why})`);
    })
    .join('; ');
  const seconds = report.done ? formatSeconds(report.done.seconds, 3) : '';
  const time = !report.done
    ? msg('not finished')
    : report.done.timedOut
      ? msg(str`timed out after ${seconds}`)
      : msg(str`done in ${seconds}`);
  const { policy, poolSize } = report.options;
  const outcome = verdicts || msg('No servers.');
  return msg(str`ICE gathering (${policy}, pool ${poolSize}): ${kinds}; ${time}. ${outcome}`);
}

function round(value: number): number {
  return Number(value.toFixed(3));
}

function familyOf(address: string): { family?: IpFamily } {
  const family = addressFamily(address);
  return family ? { family } : {};
}
