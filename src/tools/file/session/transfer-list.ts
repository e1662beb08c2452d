import { encodeControl, type FileControl } from '../protocol/file-protocol';
import type { TransferItem, TransferNote } from './transfer-item';

/**
 * What the file sender and receiver share: a list of transfers on one channel, control
 * messages to the peer, and a `change` event whenever an item moves.
 */
export class TransferList extends EventTarget {
  readonly items: TransferItem[] = [];

  constructor(protected readonly channel: RTCDataChannel) {
    super();
  }

  protected sendControl(message: FileControl): void {
    this.channel.send(encodeControl(message));
  }

  /** Sends if the channel still can; a closed channel tells the peer by itself. */
  protected trySend(message: FileControl): void {
    try {
      this.sendControl(message);
    } catch {
      // The channel is gone: the peer learns of it from the channel closing.
    }
  }

  protected update(item: TransferItem, state: TransferItem['state'], message: TransferNote): void {
    item.state = state;
    item.message = message;
    this.changed();
  }

  protected end(item: TransferItem, state: TransferItem['state'], message: TransferNote): void {
    item.endedAt = performance.now();
    this.update(item, state, message);
  }

  protected changed(): void {
    this.dispatchEvent(new Event('change'));
  }
}
