import type { TransferSnapshot } from '../../device/activity';
import type { BulkEndpoint } from './bulk-endpoint';

/** A bulk run as the activity registry sees it: both ends of a loopback are one run. */
export function bulkSnapshots(
  sender: BulkEndpoint | null,
  receiver: BulkEndpoint | null,
): TransferSnapshot[] {
  const out: TransferSnapshot[] = [];
  for (const [end, way] of [
    [sender, 'out'],
    [receiver, 'in'],
  ] as const) {
    if (!end || end.phase === 'idle') continue;
    const { phase } = end;
    const active = phase === 'starting' || phase === 'sending' || phase === 'receiving';
    out.push({
      id: 'bulk',
      kind: 'bulk',
      name: '',
      way,
      done: way === 'out' ? end.transmitted : end.bytes,
      total: end.total,
      state: active ? 'active' : phase === 'done' ? 'done' : 'stopped',
    });
  }
  return out;
}
