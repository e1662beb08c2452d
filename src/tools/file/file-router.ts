import type { FileReceiver } from './file-receiver';
import type { FileSender } from './file-sender';
import { parseControl } from './file-protocol';

/**
 * Dispatches a channel's messages: replies about our files (and what the receiver holds of
 * interrupted ones) go to the sender; the sender's device id, headers, chunks, ends and the
 * sender's aborts go to the receiver. Either may be absent (loopback uses one
 * channel end for each). Malformed messages are ignored.
 */
export function routeFileMessages(
  channel: RTCDataChannel,
  sender: FileSender | null,
  receiver: FileReceiver | null,
): void {
  channel.addEventListener('message', ({ data }) => {
    if (typeof data !== 'string') {
      receiver?.handleChunk(data as ArrayBuffer);
      return;
    }
    const message = parseControl(data);
    if (!message) return;
    switch (message.t) {
      case 'device':
        receiver?.handleDevice(message.id);
        return;
      case 'header':
      case 'folder':
      case 'from':
      case 'end':
        receiver?.handleControl(message);
        return;
      case 'held':
        sender?.handleHeld(message);
        return;
      case 'abort':
        if (message.by === 'sender') receiver?.handleControl(message);
        else sender?.handleReply(message);
        return;
      case 'accept':
      case 'decline':
      case 'verified':
        sender?.handleReply(message);
        return;
    }
  });
}
