// The order the received list shows files in: folders' files first, by path, so each tree stands
// together; then loose files, newest first.
import type { ReceivedFileRecord } from './received-files';

const byPath = new Intl.Collator().compare;

/** Negative when `a` shows before `b`; 0 between loose files (they keep the order they came in). */
function compare(a: ReceivedFileRecord, b: ReceivedFileRecord): number {
  if (a.path !== undefined && b.path !== undefined) return byPath(a.path, b.path);
  return a.path !== undefined ? -1 : b.path !== undefined ? 1 : 0;
}

/** `files` (stored newest loose file first) in the list's order. */
export function receivedOrder(files: readonly ReceivedFileRecord[]): ReceivedFileRecord[] {
  return [...files].sort(compare);
}

/**
 * `sorted` (in the list's order) with the files just stored added in their places, and any
 * earlier record of the same file replaced: a batch's rows come in as its files arrive, and a
 * list of thousands takes them without being sorted again.
 */
export function withArrived(
  sorted: readonly ReceivedFileRecord[],
  arrived: readonly ReceivedFileRecord[],
): ReceivedFileRecord[] {
  const ids = new Set(arrived.map((r) => r.id));
  const list = sorted.filter((r) => !ids.has(r.id));
  // Loose files just stored are the newest: they go first among the loose ones.
  const loose = arrived.filter((r) => r.path === undefined);
  list.splice(firstLoose(list), 0, ...loose);
  for (const r of arrived) if (r.path !== undefined) list.splice(placeOf(list, r), 0, r);
  return list;
}

function firstLoose(list: readonly ReceivedFileRecord[]): number {
  let low = 0;
  let high = list.length;
  while (low < high) {
    const mid = (low + high) >> 1;
    if (list[mid]!.path !== undefined) low = mid + 1;
    else high = mid;
  }
  return low;
}

/** After every file that shows before or with `r`. */
function placeOf(list: readonly ReceivedFileRecord[], r: ReceivedFileRecord): number {
  let low = 0;
  let high = list.length;
  while (low < high) {
    const mid = (low + high) >> 1;
    if (compare(list[mid]!, r) <= 0) low = mid + 1;
    else high = mid;
  }
  return low;
}
