// For unit tests in Node: runs a copy of a worker module with a stand-in `self` of its own, so
// two workers (a batch's sender and receiver) can run side by side in one test.
import { vi } from 'vitest';
import { parseControl } from '../protocol/file-protocol';
import { joinBytes } from '../test-bytes';

export interface WorkerModule<Request, Reply> {
  readonly replies: Reply[];
  /** Whether the worker closed itself. */
  readonly closed: boolean;
  /** What the page would post to the worker. */
  post(message: Request): unknown;
  /** Hears every reply from now on. */
  on(listener: (reply: Reply) => void): void;
  /** Resolves with the first reply that `test` accepts (from now or before). */
  until<R extends Reply>(test: (reply: Reply) => reply is R): Promise<R>;
}

/** `load` imports the worker module (a fresh copy: modules are reset first). */
export async function runWorkerModule<Request, Reply>(
  load: () => Promise<unknown>,
): Promise<WorkerModule<Request, Reply>> {
  const replies: Reply[] = [];
  const listeners: ((reply: Reply) => void)[] = [];
  const scope = {
    onmessage: null as ((e: { data: Request }) => unknown) | null,
    closed: false,
    postMessage(reply: Reply) {
      replies.push(reply);
      for (const l of [...listeners]) l(reply);
    },
    close() {
      this.closed = true;
    },
  };
  vi.stubGlobal('self', scope);
  vi.resetModules();
  await load();
  return {
    replies,
    get closed() {
      return scope.closed;
    },
    post: (message) => scope.onmessage!({ data: message }),
    on: (listener) => listeners.push(listener),
    until: <R extends Reply>(test: (reply: Reply) => reply is R) =>
      new Promise<R>((resolve) => {
        const found = replies.find(test);
        if (found) return resolve(found);
        listeners.push((reply) => test(reply) && resolve(reply));
      }),
  };
}

/** One end of a data channel pair: a message arrives at the other end a task later. */
export class FakeChannelEnd extends EventTarget {
  readyState: RTCDataChannelState = 'open';
  binaryType = 'blob';
  bufferedAmount = 0;
  bufferedAmountLowThreshold = 0;
  onmessage: ((e: MessageEvent) => void) | null = null;
  onopen: (() => void) | null = null;
  onclose: (() => void) | null = null;
  onbufferedamountlow: (() => void) | null = null;
  peer!: FakeChannelEnd;
  /** Bytes of the binary messages sent. */
  bytesSent = 0;
  /** The most the buffer ever held. */
  maxBuffered = 0;
  messagesSent = 0;
  /**
   * The network is lost at the message that would make this many: the messages before it
   * arrive, it and later ones do not, and then both ends close.
   */
  cutAtMessage = Infinity;
  private lost = false;
  /** Changes a message on its way, if it returns a copy. */
  alter: (message: Uint8Array, n: number) => Uint8Array | null = () => null;

  send(data: string | ArrayBufferView): void {
    if (this.readyState !== 'open') throw new DOMException('closed', 'InvalidStateError');
    if (this.lost) return;
    if (this.messagesSent + 1 >= this.cutAtMessage) {
      // The network goes: what was sent before still arrives, then both ends close.
      this.lost = true;
      setTimeout(() => this.cut());
      return;
    }
    const n = this.messagesSent++;
    let copy: string | Uint8Array =
      typeof data === 'string'
        ? data
        : new Uint8Array(data.buffer, data.byteOffset, data.byteLength).slice();
    if (typeof copy !== 'string') {
      this.bytesSent += copy.byteLength;
      copy = this.alter(copy, n) ?? copy;
    }
    const size = typeof copy === 'string' ? copy.length : copy.byteLength;
    this.bufferedAmount += size;
    this.maxBuffered = Math.max(this.maxBuffered, this.bufferedAmount);
    const message = typeof copy === 'string' ? copy : copy.buffer;
    setTimeout(() => {
      this.bufferedAmount -= size;
      if (this.bufferedAmount <= this.bufferedAmountLowThreshold) {
        this.onbufferedamountlow?.();
        this.dispatchEvent(new Event('bufferedamountlow'));
      }
      if (this.peer.readyState !== 'open') return;
      const event = new MessageEvent('message', { data: message });
      this.peer.onmessage?.(event);
      this.peer.dispatchEvent(event);
    });
  }

  close(): void {
    if (this.readyState === 'closed') return;
    this.readyState = 'closed';
    setTimeout(() => this.peer.close());
    this.onclose?.();
    this.dispatchEvent(new Event('close'));
  }

  /** The network is gone: both ends close. */
  cut(): void {
    this.close();
    this.peer.close();
  }
}

export function channelPair(): [FakeChannelEnd, FakeChannelEnd] {
  const a = new FakeChannelEnd();
  const b = new FakeChannelEnd();
  a.peer = b;
  b.peer = a;
  return [a, b];
}

/**
 * A `Worker` class (to install with `vi.stubGlobal`) that runs the module `load` imports here.
 * With `refuseChannels` set it throws DataCloneError on a data channel, as browsers that cannot
 * move one to a worker do; buffers still move.
 */
export function moduleWorker<Request, Reply>(load: () => Promise<unknown>) {
  return class ModuleWorker {
    static refuseChannels = false;
    static created = 0;
    onmessage: ((e: { data: Reply }) => void) | null = null;
    onerror: ((e: { message: string }) => void) | null = null;
    terminated = false;
    private readonly module: Promise<WorkerModule<Request, Reply>>;
    constructor() {
      ModuleWorker.created++;
      this.module = runWorkerModule<Request, Reply>(load);
      void this.module.then((w) =>
        w.on((reply) => {
          if (!this.terminated) this.onmessage?.({ data: reply });
        }),
      );
    }
    postMessage(message: Request, transfer: unknown[] = []): void {
      if (ModuleWorker.refuseChannels && transfer.some((t) => !(t instanceof ArrayBuffer)))
        throw new DOMException('An RTCDataChannel cannot be moved', 'DataCloneError');
      void this.module.then((w) => w.post(message));
    }
    terminate(): void {
      this.terminated = true;
    }
  };
}

/**
 * What arrives at `far` (the file protocol's bytes channel): the control messages parsed, the
 * binary parts, and the kind of each message in order.
 */
export function arrivals(far: FakeChannelEnd) {
  const controls: unknown[] = [];
  const parts: Uint8Array[] = [];
  const kinds: ('control' | 'bytes')[] = [];
  far.onmessage = ({ data }: MessageEvent) => {
    kinds.push(typeof data === 'string' ? 'control' : 'bytes');
    if (typeof data === 'string') controls.push(parseControl(data));
    else parts.push(new Uint8Array(data as ArrayBuffer));
  };
  return { controls, parts, kinds, bytes: () => joinBytes(parts) };
}
