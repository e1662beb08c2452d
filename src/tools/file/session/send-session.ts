// One batch going to one peer: its manifest offered on the control channel, its bytes sent from
// where the receiver says it stands, the receiver's verdicts counted, and an early end told to
// the other side. Events in, effects out, like the BatchSender it drives.
import { encodeManifest, type BatchManifest } from '../protocol/manifest';
import { manifestParts, type BatchControl } from '../protocol/batch-control';
import {
  BatchSender,
  type SendLimits,
  type SenderEffect,
  type SenderEvent,
  type SenderSnapshot,
} from '../send/batch-sender';
import type { SessionOutcome } from './session-outcome';

export type SendSessionEvent =
  /** Offer the batch (send its manifest). */
  | { t: 'offer' }
  /** A batch message from the receiver. */
  | { t: 'control'; message: BatchControl }
  /** The user stops the batch. */
  | { t: 'abort' }
  | Extract<SenderEvent, { t: 'read' | 'digested' | 'buffered' | 'read-failed' | 'closed' }>;

export type SendSessionEffect =
  | { t: 'control'; message: BatchControl }
  | Extract<SenderEffect, { t: 'read' | 'digest' | 'send' }>
  | { t: 'ended'; outcome: SessionOutcome };

export class SendSession {
  private sender: BatchSender | null = null;
  private outcome: SessionOutcome | null = null;

  constructor(
    private readonly manifest: BatchManifest,
    private readonly limits: SendLimits,
  ) {}

  get id(): string {
    return this.manifest.id;
  }

  handle(event: SendSessionEvent): SendSessionEffect[] {
    if (this.outcome) return [];
    switch (event.t) {
      case 'offer':
        return manifestParts(this.id, encodeManifest(this.manifest)).map((message) => ({
          t: 'control',
          message,
        }));
      case 'control':
        return this.control(event.message);
      case 'abort': {
        const index = this.sender?.snapshot().current ?? 0;
        const tell = { t: 'batch-end', id: this.id, code: 'aborted', index } as const;
        return this.end([{ t: 'control', message: tell }], {
          t: 'ended',
          code: 'aborted',
          index,
          by: 'here',
        });
      }
      case 'closed':
        if (!this.sender) return this.end([], { t: 'interrupted' });
        return this.relay(this.sender.handle(event));
      default:
        return this.sender ? this.relay(this.sender.handle(event)) : [];
    }
  }

  snapshot(): { outcome: SessionOutcome | null; sending: SenderSnapshot | null } {
    return { outcome: this.outcome, sending: this.sender?.snapshot() ?? null };
  }

  private control(message: BatchControl): SendSessionEffect[] {
    if (message.id !== this.id) return [];
    switch (message.t) {
      case 'batch-accept':
        if (this.sender) return [];
        if (message.from.index > this.manifest.files.length)
          return this.refuse('out-of-order', message.from.index);
        this.sender = new BatchSender(this.manifest, this.limits, message.from);
        return this.relay(this.sender.handle({ t: 'start' }));
      case 'batch-verified': {
        if (!this.sender) return [];
        const effects: SenderEffect[] = [];
        for (const index of message.ok)
          effects.push(...this.sender.handle({ t: 'verified', index, ok: true }));
        for (const index of message.bad)
          effects.push(...this.sender.handle({ t: 'verified', index, ok: false }));
        return this.relay(effects);
      }
      case 'batch-end':
        return this.end([], { t: 'ended', code: message.code, index: message.index, by: 'there' });
      default:
        return [];
    }
  }

  /** Passes the sender's effects on; its end becomes the session's (told to the receiver). */
  private relay(effects: SenderEffect[]): SendSessionEffect[] {
    const out: SendSessionEffect[] = [];
    for (const effect of effects) {
      if (effect.t !== 'ended') {
        out.push(effect);
        continue;
      }
      const o = effect.outcome;
      if (o.t === 'complete') return this.end(out, { t: 'complete', corrupt: o.corrupt });
      if (o.t === 'interrupted') return this.end(out, { t: 'interrupted' });
      if (o.t === 'failed') {
        out.push(...this.refuse('unreadable', o.index));
        return out;
      }
      return this.end(out, { t: 'ended', code: 'aborted', index: 0, by: o.by });
    }
    return out;
  }

  /** Ends here for `code`, telling the receiver. */
  private refuse(code: 'unreadable' | 'out-of-order', index: number): SendSessionEffect[] {
    const tell = { t: 'batch-end', id: this.id, code, index } as const;
    return this.end([{ t: 'control', message: tell }], { t: 'ended', code, index, by: 'here' });
  }

  private end(out: SendSessionEffect[], outcome: SessionOutcome): SendSessionEffect[] {
    this.outcome = outcome;
    out.push({ t: 'ended', outcome });
    return out;
  }
}
