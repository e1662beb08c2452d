import { AsyncQueue } from './async-queue';
import type { SignalMessage, Signaling } from './signaling';

class LoopbackEnd implements Signaling {
  readonly inbox = new AsyncQueue<SignalMessage>();
  peer!: LoopbackEnd;

  send(message: SignalMessage): void {
    // Cloned, as a wire would, so neither side can share objects with the other.
    this.peer.inbox.push(structuredClone(message));
  }

  messages(): AsyncIterable<SignalMessage> {
    return this.inbox;
  }

  close(): void {
    this.inbox.end();
    this.peer.inbox.end();
  }
}

/** Two Signaling ends joined in memory: what one sends, the other receives. */
export function createLoopbackPair(): [Signaling, Signaling] {
  const a = new LoopbackEnd();
  const b = new LoopbackEnd();
  a.peer = b;
  b.peer = a;
  return [a, b];
}
