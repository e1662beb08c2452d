import type { RoomPeer } from '../../rtc/room-peer';
import type { FileReceiver } from './file-receiver';
import type { FileSender, Held } from './file-sender';

/** This side's ends towards one peer: the loopback's other end (peer null) or a room peer. */
export interface FileEnds {
  peer: RoomPeer | null;
  sender: FileSender;
  receiver: FileReceiver;
}

const holds = (ends: FileEnds, id: string) => ends.sender.items.find((i) => i.id === id);

/**
 * The receiver on `to` holds part of transfer `held.id`. The ends that were sending it (on an
 * earlier connection, or these) resume it there, with the rest of their interrupted files; when
 * no ends have its file any more, it is listed for the user to choose the file again.
 */
export function routeHeld(all: readonly FileEnds[], to: FileEnds, held: Held): void {
  const owner = all.find((e) => holds(e, held.id));
  const item = owner && holds(owner, held.id)!;
  if (!owner || !item) return to.sender.addHeld(held);
  if (item.state !== 'interrupted') return; // going on already (or over)
  if (owner === to) {
    if (!item.needsFile) to.sender.resume(held.id);
    return;
  }
  to.sender.adopt(owner.sender.takeInterrupted(), true);
}

/** Ends that give way to new ones hand their interrupted files over, to resume there. */
export function handOver(leaving: readonly FileEnds[], to: FileEnds): void {
  for (const e of leaving) {
    const parked = e.sender.takeInterrupted();
    if (parked.length) to.sender.adopt(parked, false);
  }
}

/** Moves one interrupted item from `from` to `to` (the user resumed it there). */
export function moveInterrupted(from: FileEnds, to: FileEnds, id: string): void {
  if (from === to) return;
  to.sender.adopt(from.sender.takeInterrupted(new Set([id])), false);
}
