import { msg, str } from '@lit/localize';
import { AsyncQueue } from './async-queue';
import { PipingError, isAbort, refused } from './piping-errors';
import { additionalData, open, seal } from './room-crypto';
import type { SignalMessage, Signaling } from './signaling';

export type RoomRole = 'creator' | 'joiner';

export interface PipingSignalingOptions {
  /** piping-server URL without a trailing '/' */
  server: string;
  roomId: string;
  key: CryptoKey;
  role: RoomRole;
  /** Called once, when the first message from the peer has been verified. */
  onPeerSeen?: () => void;
  fetch?: typeof fetch;
  /** How long `close()` lets queued messages (the farewell) reach a peer before giving up. */
  flushOnCloseMs?: number;
}

const encoder = new TextEncoder();
const decoder = new TextDecoder();

/** Direction names: creator to joiner, joiner to creator. */
const OUT: Record<RoomRole, string> = { creator: 'c2j', joiner: 'j2c' };
const IN: Record<RoomRole, string> = { creator: 'j2c', joiner: 'c2j' };

/** `<server>/<room>/<direction>/<seq>`: a piping-server path carries exactly one transfer. */
export function messagePath(server: string, roomId: string, direction: string, seq: number) {
  return `${server}/${roomId}/${direction}/${seq}`;
}

/**
 * Signaling through a piping-server. Each direction is a sequence of paths, one POST each; at
 * most one POST is outstanding per direction (Chromium allows 6 connections per host, and a GET
 * stuck behind its own POSTs would deadlock the handshake), so messages queued meanwhile go out
 * together in the next POST. Every body is sealed (see room-crypto).
 */
export class PipingSignaling implements Signaling {
  private readonly inbox = new AsyncQueue<SignalMessage>();
  private readonly outbox: SignalMessage[] = [];
  private readonly receiving = new AbortController();
  private readonly sending = new AbortController();
  private readonly fetch: typeof fetch;
  private sendSeq = 0;
  private recvSeq = 0;
  /** The drain loop in progress, if any: the only place POSTs are made. */
  private posting: Promise<void> | null = null;
  private started = false;
  private closed = false;
  private peerSeen = false;

  constructor(private readonly options: PipingSignalingOptions) {
    this.fetch = options.fetch ?? fetch.bind(globalThis);
  }

  send(message: SignalMessage): void {
    if (this.closed) throw new Error('signaling closed');
    this.outbox.push(message);
    this.posting ??= this.drain();
  }

  messages(): AsyncIterable<SignalMessage> {
    if (!this.started) {
      this.started = true;
      void this.receive();
    }
    return this.inbox;
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.receiving.abort();
    this.inbox.end();
    // Nobody has listened yet: nothing to say goodbye to, so leave nothing pending on the server.
    if (!this.peerSeen) {
      this.sending.abort();
      return;
    }
    // Let a queued farewell reach a peer that is still listening, but never linger.
    const deadline = setTimeout(() => this.sending.abort(), this.options.flushOnCloseMs ?? 3000);
    void (this.posting ?? Promise.resolve()).finally(() => {
      clearTimeout(deadline);
      this.sending.abort();
    });
  }

  /** Resolves once every message sent so far has been delivered (or sending stopped). */
  async flush(): Promise<void> {
    while (this.posting) await this.posting;
  }

  /** Number of POSTs made so far (for tests of the one-at-a-time rule). */
  get postsSent(): number {
    return this.sendSeq;
  }

  private async drain(): Promise<void> {
    try {
      await this.postAll();
    } finally {
      // Synchronously after the loop saw an empty outbox, so no message can slip in between.
      this.posting = null;
    }
  }

  private async postAll(): Promise<void> {
    const { server, roomId, key, role } = this.options;
    while (this.outbox.length > 0) {
      const batch = this.outbox.splice(0);
      const seq = this.sendSeq++;
      const body = await seal(
        key,
        additionalData(roomId, OUT[role], seq),
        encoder.encode(JSON.stringify(batch)),
      );
      try {
        const response = await this.fetch(messagePath(server, roomId, OUT[role], seq), {
          method: 'POST',
          body: new Blob([new Uint8Array(body)]),
          cache: 'no-store',
          signal: this.sending.signal,
        });
        if (!response.ok) throw await refused(server, response);
        // The POST is complete only once the server says the receiver got it all.
        await response.text();
      } catch (error) {
        if (this.closed || isAbort(error)) return;
        this.inbox.end(asPipingError(error, server));
        return;
      }
    }
  }

  private async receive(): Promise<void> {
    const { server, roomId, key, role } = this.options;
    while (!this.closed) {
      const seq = this.recvSeq;
      try {
        const response = await this.fetch(messagePath(server, roomId, IN[role], seq), {
          cache: 'no-store',
          signal: this.receiving.signal,
        });
        if (!response.ok) throw await refused(server, response);
        const sealed = new Uint8Array(await response.arrayBuffer());
        const plain = await open(key, additionalData(roomId, IN[role], seq), sealed);
        const batch = parseBatch(decoder.decode(plain));
        this.recvSeq++;
        if (!this.peerSeen) {
          this.peerSeen = true;
          this.options.onPeerSeen?.();
        }
        for (const message of batch) this.inbox.push(message);
      } catch (error) {
        if (this.closed || isAbort(error)) return;
        this.inbox.end(asPipingError(error, server));
        return;
      }
    }
  }
}

function parseBatch(text: string): SignalMessage[] {
  const value: unknown = JSON.parse(text);
  if (!Array.isArray(value)) throw new Error(msg('malformed signaling batch'));
  return value as SignalMessage[];
}

/** Network failures after the initial check mean the server went away mid-handshake. */
export function asPipingError(error: unknown, server: string): unknown {
  if (error instanceof TypeError) {
    return new PipingError(
      msg(
        str`Lost contact with the piping-server at ${server} (it stopped answering mid-handshake).`,
      ),
      'lost',
    );
  }
  return error;
}
