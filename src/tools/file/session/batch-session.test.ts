import { createHash, type Hash } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isFrameError, parseFrame } from '../protocol/batch-frames';
import {
  encodeBatchControl,
  parseBatchControl,
  type BatchControl,
  type BatchPosition,
} from '../protocol/batch-control';
import type { BatchManifest } from '../protocol/manifest';
import { ReceiveSession, type ReceiveSessionEvent } from './receive-session';
import { SendSession, type SendSessionEvent } from './send-session';
import type { SessionOutcome } from './session-outcome';

/** What goes wrong in a run: each fault at a step of the run (a delivery of anything). */
interface Faults {
  /** The connection drops: both sides see their channels close. */
  cutAt?: number;
  /** A byte of the n-th bytes message is flipped on the way. */
  tamper?: { message: number; at: number };
  /** The receiver's storage fails at this step. */
  storageAt?: number;
  /** This file cannot be read by the sender. */
  unreadable?: number;
  /** A user aborts, on this side, at this step. */
  abort?: { at: number; side: 'sender' | 'receiver' };
  /** The receiver declines the offer (`unsafe`: for the path at that index). */
  decline?: true | { unsafe: number };
}

interface Result {
  sender: SessionOutcome | null;
  receiver: SessionOutcome | null;
  /** Bytes the receiver stored of each file (its storage, which outlives a run). */
  stored: Uint8Array[];
  /** DATA records the sender sent for bytes before the position it was accepted from. */
  resent: number;
}

const sha = (bytes: Uint8Array) => new Uint8Array(createHash('sha256').update(bytes).digest());
const same = (a: Uint8Array, b: Uint8Array) => Buffer.compare(a, b) === 0;

function manifestOf(contents: Uint8Array[]): BatchManifest {
  const files = contents.map((c, i) => ({
    path: `tree/d${i % 3}/f${i}`,
    size: c.length,
    type: '',
    lastModified: 0,
  }));
  return { t: 'batch', id: 'batch-1', files, emptyFolders: ['tree/empty'] };
}

/**
 * Two sessions joined by a fake link: two control channels and a bytes channel, each in order,
 * delivered in an order `pick` chooses; fake workers on both sides (the sender's reads and
 * hashes `contents`, the receiver's writes to `stored` and hashes what it stored). Control
 * messages cross as text, as they would. Runs until nothing is left to deliver.
 */
function run(
  contents: Uint8Array[],
  stored: Uint8Array[],
  from: BatchPosition,
  pick: number[],
  faults: Faults = {},
  maxMessage = 256,
): Result {
  const manifest = manifestOf(contents);
  const sending = new SendSession(manifest, {
    maxMessage,
    readSize: 100,
    readAhead: 2 * maxMessage + 100 + 300,
    highWater: 1000,
  });
  const receiving = new ReceiveSession();
  const toReceiver: string[] = [];
  const toSender: string[] = [];
  const bytes: Uint8Array[] = [];
  const senderWork: SendSessionEvent[] = [];
  const receiverWork: ReceiveSessionEvent[] = [];
  const senderHashes = new Map<number, Hash>();
  const result: Result = { sender: null, receiver: null, stored, resent: 0 };
  let bytesSent = 0;
  let bytesBuffered = 0;

  const toSenderSide = (event: SendSessionEvent) => {
    for (const e of sending.handle(event)) {
      if (e.t === 'ended') {
        expect(result.sender).toBeNull();
        result.sender = e.outcome;
      } else if (e.t === 'control') toReceiver.push(encodeBatchControl(e.message));
      else if (e.t === 'send') {
        let message = e.message;
        if (faults.tamper?.message === bytesSent++) {
          message = message.slice();
          message[faults.tamper.at % message.length] ^= 0x5a;
        }
        const records = parseFrame(e.message, contents.length);
        if (!isFrameError(records))
          for (const r of records)
            if (
              r.kind === 'data' &&
              (r.index < from.index || (r.index === from.index && r.offset < from.offset))
            )
              result.resent++;
        bytes.push(message);
        bytesBuffered += message.length;
      } else if (e.t === 'read') {
        if (e.index === faults.unreadable) {
          senderWork.push({
            t: 'read-failed',
            index: e.index,
            name: 'NotReadableError',
            message: '',
          });
          continue;
        }
        const part = contents[e.index].subarray(e.offset, e.offset + e.length);
        senderHashes.set(e.index, (senderHashes.get(e.index) ?? createHash('sha256')).update(part));
        senderWork.push({ t: 'read', index: e.index, offset: e.offset, bytes: part.slice() });
      } else if (e.t === 'digest') {
        const hash = senderHashes.get(e.index) ?? createHash('sha256');
        senderWork.push({ t: 'digested', index: e.index, sha256: new Uint8Array(hash.digest()) });
      }
    }
  };

  const toReceiverSide = (event: ReceiveSessionEvent) => {
    for (const e of receiving.handle(event)) {
      if (e.t === 'ended') {
        expect(result.receiver).toBeNull();
        result.receiver = e.outcome;
      } else if (e.t === 'control') toSender.push(encodeBatchControl(e.message));
      else if (e.t === 'offered') {
        expect(e.manifest).toEqual(manifest);
        receiverWork.push(
          faults.decline === true
            ? { t: 'decline' }
            : faults.decline
              ? { t: 'decline', unsafe: faults.decline.unsafe }
              : { t: 'accept', from },
        );
      } else if (e.t === 'write') {
        const file = stored[e.index];
        // Writes go on exactly where the file ends: no gap, no overlap.
        expect(e.offset).toBe(file.length);
        const grown = new Uint8Array(file.length + e.bytes.length);
        grown.set(file);
        grown.set(e.bytes, file.length);
        stored[e.index] = grown;
      } else if (e.t === 'digest') {
        receiverWork.push({ t: 'digested', index: e.index, sha256: sha(stored[e.index]) });
      } else if (e.t === 'verified') {
        // Never a file called good with other bytes than the sender's (a good file can be
        // called bad, when the damage hit the SHA-256 that came with it).
        if (e.ok) expect(same(stored[e.index], contents[e.index])).toBe(true);
      }
    }
  };

  toSenderSide({ t: 'offer' });
  for (let step = 0; ; step++) {
    if (step > 200_000) throw new Error('the run did not settle');
    if (step === faults.cutAt) {
      toReceiver.length = toSender.length = bytes.length = 0;
      senderWork.length = receiverWork.length = 0;
      toSenderSide({ t: 'closed' });
      toReceiverSide({ t: 'closed' });
      break;
    }
    if (step === faults.storageAt)
      toReceiverSide({ t: 'storage-failed', name: 'QuotaExceededError', message: 'full' });
    if (step === faults.abort?.at)
      (faults.abort.side === 'sender' ? toSenderSide : toReceiverSide)({ t: 'abort' });
    const queues = [toReceiver, bytes, toSender, senderWork, receiverWork];
    const ready = queues.map((q, i) => (q.length ? i : -1)).filter((i) => i >= 0);
    if (ready.length === 0) break;
    const which = ready[pick[step % pick.length] % ready.length];
    if (which === 0) {
      const message = parseBatchControl(toReceiver.shift()!);
      expect(message).not.toBeNull();
      toReceiverSide({ t: 'control', message: message! });
    } else if (which === 1) {
      const data = bytes.shift()!;
      bytesBuffered -= data.length;
      toReceiverSide({ t: 'message', data });
      toSenderSide({ t: 'buffered', amount: bytesBuffered });
    } else if (which === 2) {
      const message = parseBatchControl(toSender.shift()!);
      expect(message).not.toBeNull();
      toSenderSide({ t: 'control', message: message! as BatchControl });
    } else if (which === 3) toSenderSide(senderWork.shift()!);
    else toReceiverSide(receiverWork.shift()!);
  }
  return result;
}

const sizesArb = fc.array(
  fc.oneof(fc.constantFrom(0, 1, 256, 512, 255), fc.integer({ min: 0, max: 1500 })),
  { maxLength: 12 },
);

function contentsOf(sizes: number[], seed: number): Uint8Array[] {
  return sizes.map((size, i) => {
    const out = new Uint8Array(size);
    for (let j = 0; j < size; j++) out[j] = (seed * 7 + i * 13 + j * 29) & 255;
    return out;
  });
}

const fresh = (n: number) => Array.from({ length: n }, () => new Uint8Array());
const pickArb = fc.array(fc.nat({ max: 20 }), { minLength: 1, maxLength: 30 });

describe('a batch between two sessions', () => {
  it('arrives whole and verified, whatever the order of deliveries', () => {
    fc.assert(
      fc.property(sizesArb, fc.nat(255), pickArb, (sizes, seed, pick) => {
        const contents = contentsOf(sizes, seed);
        const r = run(contents, fresh(sizes.length), { index: 0, offset: 0 }, pick);
        expect(r.sender).toEqual({ t: 'complete', corrupt: [] });
        expect(r.receiver).toEqual({ t: 'complete', corrupt: [] });
        contents.forEach((c, i) => expect(same(r.stored[i], c)).toBe(true));
      }),
      { numRuns: 250 },
    );
  });

  it('cut anywhere, it resumes from what the receiver holds, re-sending nothing before it', () => {
    fc.assert(
      fc.property(sizesArb, pickArb, fc.nat(400), (sizes, pick, cutAt) => {
        const contents = contentsOf(sizes, 3);
        const stored = fresh(sizes.length);
        const first = run(contents, stored, { index: 0, offset: 0 }, pick, { cutAt });
        // Both sides end, and agree unless only the last verdicts were lost.
        expect(first.sender).not.toBeNull();
        expect(first.receiver).not.toBeNull();
        if (first.receiver!.t === 'complete') {
          expect(['complete', 'interrupted']).toContain(first.sender!.t);
          return;
        }
        expect(first.receiver!.t).toBe('interrupted');
        const at = (first.receiver as { at?: BatchPosition }).at ?? { index: 0, offset: 0 };
        // What the receiver holds before `at` is exactly the sender's.
        for (let i = 0; i < at.index; i++) expect(same(stored[i], contents[i])).toBe(true);
        if (at.index < sizes.length) {
          expect(same(stored[at.index], contents[at.index].subarray(0, at.offset))).toBe(true);
          // A file past the position starts over (its storage is cut back to the position).
          for (let i = at.index + 1; i < sizes.length; i++) stored[i] = new Uint8Array();
        }
        const again = run(contents, stored, at, pick);
        expect(again.resent).toBe(0);
        expect(again.sender).toEqual({ t: 'complete', corrupt: [] });
        expect(again.receiver).toEqual({ t: 'complete', corrupt: [] });
        contents.forEach((c, i) => expect(same(stored[i], c)).toBe(true));
      }),
      { numRuns: 300 },
    );
  });

  it('a damaged message is named on both sides: a corrupt file, or a malformed batch', () => {
    fc.assert(
      fc.property(sizesArb, pickArb, fc.nat(40), fc.nat(1000), (sizes, pick, message, at) => {
        const contents = contentsOf(sizes, 5);
        const r = run(contents, fresh(sizes.length), { index: 0, offset: 0 }, pick, {
          tamper: { message, at },
        });
        if (r.receiver!.t === 'complete') {
          // The same files called corrupt on both sides (the run checked each verdict's truth).
          expect(r.sender).toEqual(r.receiver);
        } else {
          expect(r.receiver).toMatchObject({ t: 'ended', by: 'here' });
          const { code, index } = r.receiver as { code: string; index: number };
          expect(r.sender).toEqual({ t: 'ended', code, index, by: 'there' });
        }
      }),
      { numRuns: 300 },
    );
  });

  it('a storage failure, an unreadable file, an abort or a refusal ends both sides alike', () => {
    fc.assert(
      fc.property(
        sizesArb.filter((s) => s.some((n) => n > 0)),
        pickArb,
        fc.nat(300),
        fc.constantFrom(
          'storage',
          'unreadable',
          'abort-sender',
          'abort-receiver',
          'decline',
          'unsafe',
        ),
        (sizes, pick, step, fault) => {
          const contents = contentsOf(sizes, 9);
          const faults: Faults =
            fault === 'storage'
              ? { storageAt: step }
              : fault === 'unreadable'
                ? { unreadable: sizes.findIndex((n) => n > 0) }
                : fault === 'decline'
                  ? { decline: true }
                  : fault === 'unsafe'
                    ? { decline: { unsafe: sizes.length - 1 } }
                    : {
                        abort: { at: step, side: fault === 'abort-sender' ? 'sender' : 'receiver' },
                      };
          const r = run(contents, fresh(sizes.length), { index: 0, offset: 0 }, pick, faults);
          expect(r.sender).not.toBeNull();
          expect(r.receiver).not.toBeNull();
          // Done before the fault struck: both complete.
          if (r.receiver!.t === 'complete' || r.sender!.t === 'complete') {
            expect(fault === 'storage' || fault.startsWith('abort')).toBe(true);
            if (r.sender!.t === 'complete') expect(r.receiver!.t).toBe('complete');
            return;
          }
          const [teller, told] =
            r.sender!.t === 'ended' && r.sender!.by === 'here'
              ? [r.sender!, r.receiver!]
              : [r.receiver!, r.sender!];
          expect(teller).toMatchObject({ t: 'ended', by: 'here' });
          const { code, index } = teller as { code: string; index: number };
          expect(told).toEqual({ t: 'ended', code, index, by: 'there' });
          const expected = {
            storage: 'storage',
            unreadable: 'unreadable',
            'abort-sender': 'aborted',
            'abort-receiver': 'aborted',
            decline: 'declined',
            unsafe: 'unsafe-path',
          }[fault];
          expect(code).toBe(expected);
          // The sender hears which path was refused.
          if (fault === 'unsafe') expect(index).toBe(sizes.length - 1);
        },
      ),
      { numRuns: 300 },
    );
  });
});
