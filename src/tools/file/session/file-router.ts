import type { FileReceiver } from '../receive/file-receiver';
import type { FileSender } from '../send/file-sender';
import { parseControl } from '../protocol/file-protocol';
import { onChannelMessage } from '../../../rtc/early-messages';
import { parseBatchControl } from '../protocol/batch-control';
import type { OutgoingBatches } from './outgoing-batches';
import type { IncomingBatches } from './incoming-batches';

/** The batches (folders sent as one transfer) on one channel end, either may be absent. */
export interface BatchEnds {
  out: OutgoingBatches | null;
  in: IncomingBatches | null;
}

/**
 * Dispatches a channel's control messages: replies about our files (and what the receiver holds
 * of interrupted ones) go to the sender; the sender's device id, headers, folders and aborts go
 * to the receiver; batch messages go to the batch they name. Either side may be absent (loopback
 * uses one channel end for each). Malformed
 * messages are ignored, and so are bytes: each file's go on a channel of their own.
 */
export function routeFileMessages(
  channel: RTCDataChannel,
  sender: FileSender | null,
  receiver: FileReceiver | null,
  batches: BatchEnds = { out: null, in: null },
): void {
  onChannelMessage(channel, ({ data }) => {
    if (typeof data !== 'string') return;
    const message = parseControl(data);
    if (!message) {
      // A batch's messages: its sender's go to our incoming batches, its receiver's to ours.
      const batch = parseBatchControl(data);
      if (batch && !batches.out?.handleControl(batch)) batches.in?.handleControl(batch);
      return;
    }
    switch (message.t) {
      case 'device':
        receiver?.handleDevice(message.id);
        return;
      case 'header':
      case 'folder':
        receiver?.handleControl(message);
        return;
      case 'held':
        sender?.handleHeld(message);
        return;
      case 'abort':
        if (message.by === 'sender') receiver?.handleControl(message);
        else sender?.handleReply(message);
        return;
      case 'from':
      case 'end':
        return; // only on a file's bytes channel
      case 'accept':
      case 'decline':
      case 'verified':
        sender?.handleReply(message);
        return;
    }
  });
}
