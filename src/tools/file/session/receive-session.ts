// One batch coming from one peer: its manifest gathered from its parts and offered, accepted
// from what this side already holds, its bytes handed to the BatchReceiver, the verdicts told
// to the sender several at a time, and an early end told to the other side.
import { parseManifest, type BatchManifest } from '../protocol/manifest';
import type { BatchControl, BatchEndCode, BatchPosition } from '../protocol/batch-control';
import {
  BatchReceiver,
  type BatchSnapshot,
  type ReceiverEffect,
  type ReceiverEvent,
} from '../receive/batch-receiver';
import type { SessionOutcome } from './session-outcome';

export type ReceiveSessionEvent =
  /** A batch message from the sender. */
  | { t: 'control'; message: BatchControl }
  /** Take the offered batch, from what storage holds of it (from the start: index 0, offset 0). */
  | { t: 'accept'; from: BatchPosition }
  /** Not taken: by the user, or (`unsafe`) for the path at that index (see 'unsafe-path'). */
  | { t: 'decline'; unsafe?: number }
  /** The user stops the batch. */
  | { t: 'abort' }
  | Extract<ReceiverEvent, { t: 'message' | 'digested' | 'storage-failed' | 'closed' }>;

export type ReceiveSessionEffect =
  | { t: 'control'; message: BatchControl }
  /** The whole manifest came: accept or decline it. */
  | { t: 'offered'; manifest: BatchManifest }
  | Extract<ReceiverEffect, { t: 'write' | 'digest' | 'verified' }>
  | { t: 'ended'; outcome: SessionOutcome };

export class ReceiveSession {
  private id = '';
  private readonly parts: string[] = [];
  private partCount = 0;
  private manifest: BatchManifest | null = null;
  private receiver: BatchReceiver | null = null;
  private outcome: SessionOutcome | null = null;

  handle(event: ReceiveSessionEvent): ReceiveSessionEffect[] {
    if (this.outcome) return [];
    switch (event.t) {
      case 'control':
        return this.control(event.message);
      case 'accept': {
        if (!this.manifest || this.receiver) return [];
        const { from } = event;
        this.receiver = new BatchReceiver(this.manifest, from);
        const accept: ReceiveSessionEffect = {
          t: 'control',
          message: { t: 'batch-accept', id: this.id, from },
        };
        return [accept, ...this.relay(this.receiver.start())];
      }
      case 'decline':
        if (!this.manifest || this.receiver) return [];
        return event.unsafe === undefined
          ? this.refuse('declined', 0)
          : this.refuse('unsafe-path', event.unsafe);
      case 'abort':
        // Nothing was offered yet: there is nothing to stop.
        if (!this.manifest) return [];
        return this.refuse('aborted', this.receiver?.position().index ?? 0);
      case 'closed':
        if (!this.receiver) return this.end([], { t: 'interrupted' });
        return this.relay(this.receiver.handle(event));
      case 'message':
        // Bytes before this side accepted are out of turn.
        if (!this.receiver) return this.manifest ? this.refuse('out-of-order', 0) : [];
        return this.relay(this.receiver.handle(event));
      default:
        return this.receiver ? this.relay(this.receiver.handle(event)) : [];
    }
  }

  snapshot(): { outcome: SessionOutcome | null; receiving: BatchSnapshot | null } {
    return { outcome: this.outcome, receiving: this.receiver?.snapshot() ?? null };
  }

  private control(message: BatchControl): ReceiveSessionEffect[] {
    if (message.t === 'batch-part') return this.part(message);
    if (message.id !== this.id) return [];
    if (message.t !== 'batch-end') return [];
    // The sender ended it: the receiver stops too, and writes nothing more.
    this.receiver?.handle({ t: 'abort', by: 'there' });
    return this.end([], { t: 'ended', code: message.code, index: message.index, by: 'there' });
  }

  /** Gathers the manifest; parts must come in order, under one id, and parse whole. */
  private part(m: Extract<BatchControl, { t: 'batch-part' }>): ReceiveSessionEffect[] {
    if (this.manifest) return this.id === m.id ? this.refuse('malformed', 0) : [];
    if (this.parts.length === 0) {
      this.id = m.id;
      this.partCount = m.parts;
    }
    if (m.id !== this.id || m.parts !== this.partCount || m.part !== this.parts.length)
      return this.refuse('malformed', 0);
    this.parts.push(m.text);
    if (this.parts.length < this.partCount) return [];
    const manifest = parseManifest(this.parts.join(''));
    this.parts.length = 0;
    if (!manifest || manifest.id !== this.id) return this.refuse('malformed', 0);
    this.manifest = manifest;
    return [{ t: 'offered', manifest }];
  }

  /**
   * Passes the receiver's effects on, with its verdicts gathered into one message for the
   * sender; its end becomes the session's (a failure found here is told to the sender).
   */
  private relay(effects: ReceiverEffect[]): ReceiveSessionEffect[] {
    const out: ReceiveSessionEffect[] = [];
    const ok: number[] = [];
    const bad: number[] = [];
    let ended: SessionOutcome | null = null;
    let tell: BatchControl | null = null;
    for (const effect of effects) {
      if (effect.t === 'verified') (effect.ok ? ok : bad).push(effect.index);
      if (effect.t !== 'ended') {
        out.push(effect);
        continue;
      }
      const o = effect.outcome;
      if (o.t === 'complete') ended = { t: 'complete', corrupt: o.corrupt };
      else if (o.t === 'interrupted') ended = { t: 'interrupted', at: o.at };
      else {
        const code: BatchEndCode = o.t === 'failed' ? o.code : 'aborted';
        const index = o.t === 'failed' ? o.index : (this.receiver?.position().index ?? 0);
        ended = { t: 'ended', code, index, by: 'here' };
        tell = { t: 'batch-end', id: this.id, code, index };
      }
    }
    if (ok.length || bad.length)
      out.push({ t: 'control', message: { t: 'batch-verified', id: this.id, ok, bad } });
    if (tell) out.push({ t: 'control', message: tell });
    return ended ? this.end(out, ended) : out;
  }

  /** Ends here for `code`, telling the sender. */
  private refuse(code: BatchEndCode, index: number): ReceiveSessionEffect[] {
    this.receiver?.handle({ t: 'abort', by: 'here' });
    const tell: ReceiveSessionEffect = {
      t: 'control',
      message: { t: 'batch-end', id: this.id || 'unknown', code, index },
    };
    return this.end([tell], { t: 'ended', code, index, by: 'here' });
  }

  private end(out: ReceiveSessionEffect[], outcome: SessionOutcome): ReceiveSessionEffect[] {
    this.outcome = outcome;
    out.push({ t: 'ended', outcome });
    return out;
  }
}
