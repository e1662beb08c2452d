import type { TransferSnapshot } from '../../../device/activity';
import type { FileEnds } from '../session/file-ends';
import type { TransferState } from '../session/transfer-item';
import type { ShownItem } from './note-text';
import { batchItem } from './batch-item';

const running: ReadonlySet<TransferState> = new Set([
  'queued',
  'waiting',
  'sending',
  'receiving',
  'verifying',
]);

/** The file tool's transfers as the activity registry sees them (folders are not transfers). */
export function fileSnapshots(ends: readonly FileEnds[]): TransferSnapshot[] {
  const out: TransferSnapshot[] = [];
  for (const { sender, receiver, batchesOut, batchesIn } of ends) {
    for (const i of sender.items) if (!i.folder) out.push(snapshot(i, 'out', sender.progress(i)));
    for (const i of receiver.items) if (!i.folder) out.push(snapshot(i, 'in', i.bytes));
    for (const v of batchesOut.views())
      out.push(snapshot(batchItem(v, 'out'), 'out', v.progress.bytes));
    for (const v of batchesIn.views())
      out.push(snapshot(batchItem(v, 'in'), 'in', v.progress.bytes));
  }
  return out;
}

function snapshot(item: ShownItem, way: 'in' | 'out', done: number): TransferSnapshot {
  // An offered file waits for the user to accept it: nothing runs yet.
  const state = running.has(item.state) ? 'active' : item.state === 'done' ? 'done' : 'stopped';
  const { id, name, size } = item;
  return { id, kind: 'file', name, way, done, total: size, state };
}
