import { createHash, type Hash } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isFrameError, parseFrame } from '../protocol/batch-frames';
import type { BatchManifest } from '../protocol/manifest';
import {
  BatchSender,
  type BatchPosition,
  type SendLimits,
  type SendOutcome,
  type SenderEvent,
} from './batch-sender';

const sha = (bytes: Uint8Array) => new Uint8Array(createHash('sha256').update(bytes).digest());

function manifestOf(contents: Uint8Array[]): BatchManifest {
  const files = contents.map((c, i) => ({
    path: `d/f${i}`,
    size: c.length,
    type: '',
    lastModified: 0,
  }));
  return { t: 'batch', id: 'b', files, emptyFolders: [] };
}

interface Run {
  outcome: SendOutcome | null;
  /** What a receiver would store of each file, from the messages sent. */
  files: Map<number, Uint8Array>;
  /** The SHA-256 each END carried. */
  ends: Map<number, Uint8Array>;
  /** DATA records that lie before the resume position. */
  before: number;
  maxMessage: number;
  maxBuffered: number;
  maxReading: number;
}

/**
 * Performs the sender's effects as a worker would (reading `contents`, hashing with node's
 * SHA-256, a channel that drains whenever the sender waits) and plays a receiver that stores the
 * DATA records and judges each END. `cutAfter` closes the channel after that many messages;
 * `bad` files get a negative verdict whatever arrived.
 */
function run(
  contents: Uint8Array[],
  limits: SendLimits,
  from: BatchPosition = { index: 0, offset: 0 },
  options: { cutAfter?: number; unreadable?: number; bad?: ReadonlySet<number> } = {},
): Run {
  const manifest = manifestOf(contents);
  const sender = new BatchSender(manifest, limits, from);
  const hashes = new Map<number, Hash>();
  const events: SenderEvent[] = [{ t: 'start' }];
  const result: Run = {
    outcome: null,
    files: new Map(),
    ends: new Map(),
    before: 0,
    maxMessage: 0,
    maxBuffered: 0,
    maxReading: 0,
  };
  const pieces = new Map<number, Uint8Array[]>();
  let buffered = 0;
  let reading = 0;
  let messages = 0;
  const receive = (message: Uint8Array) => {
    const records = parseFrame(message, contents.length);
    if (isFrameError(records)) throw new Error(`unparsable message: ${records.code}`);
    for (const r of records) {
      if (r.kind === 'end') {
        result.ends.set(r.index, r.sha256.slice());
        const ok = !options.bad?.has(r.index);
        events.push({ t: 'verified', index: r.index, ok });
        continue;
      }
      if (r.index < from.index || (r.index === from.index && r.offset < from.offset))
        result.before++;
      const held =
        result.files.get(r.index) ??
        contents[r.index].slice(0, from.index === r.index ? from.offset : 0);
      expect(r.offset).toBe(held.length);
      const grown = new Uint8Array(held.length + r.bytes.length);
      grown.set(held);
      grown.set(r.bytes, held.length);
      result.files.set(r.index, grown);
    }
  };
  for (let steps = 0; ; steps++) {
    if (steps > 100_000) throw new Error('the sender stalled');
    if (events.length === 0) {
      if (result.outcome) break;
      // Nothing more to answer: the channel drains.
      buffered = 0;
      events.push({ t: 'buffered', amount: 0 });
    }
    const event = events.shift()!;
    if (event.t === 'read') reading -= event.bytes.length;
    for (const effect of sender.handle(event)) {
      if (result.outcome) throw new Error('an effect after the end');
      switch (effect.t) {
        case 'read': {
          const { index, offset, length } = effect;
          if (index === options.unreadable) {
            events.push({ t: 'read-failed', index, name: 'NotReadableError', message: 'gone' });
            break;
          }
          const bytes = contents[index].subarray(offset, offset + length);
          expect(bytes.length).toBe(length);
          const hash = hashes.get(index) ?? createHash('sha256');
          hashes.set(index, hash.update(bytes));
          reading += length;
          result.maxReading = Math.max(result.maxReading, reading);
          events.push({ t: 'read', index, offset, bytes: bytes.slice() });
          break;
        }
        case 'digest': {
          const hash = hashes.get(effect.index) ?? createHash('sha256');
          events.push({
            t: 'digested',
            index: effect.index,
            sha256: new Uint8Array(hash.digest()),
          });
          break;
        }
        case 'send':
          result.maxMessage = Math.max(result.maxMessage, effect.message.length);
          buffered += effect.message.length;
          result.maxBuffered = Math.max(result.maxBuffered, buffered);
          receive(effect.message);
          if (++messages === options.cutAfter) events.splice(0, events.length, { t: 'closed' });
          break;
        case 'ended':
          result.outcome = effect.outcome;
          break;
      }
    }
  }
  for (const [index, held] of pieces) result.files.set(index, Buffer.concat(held));
  return result;
}

/**
 * Files whose sizes hit the edges: empty, one byte, exact multiples of the message size. Small
 * messages get small files, so a case stays a few hundred messages.
 */
const batch = (maxMessage: number) =>
  fc.array(
    fc.oneof(
      fc.constantFrom(0, 1, maxMessage, 2 * maxMessage, maxMessage - 1),
      fc.integer({ min: 0, max: maxMessage < 16384 ? 3 * maxMessage : 40_000 }),
    ),
    { maxLength: 25 },
  );

function contentsOf(sizes: number[], seed: number): Uint8Array[] {
  return sizes.map((size, i) => {
    const bytes = new Uint8Array(size);
    for (let j = 0; j < size; j++) bytes[j] = (seed + i * 31 + j * 7) & 255;
    return bytes;
  });
}

/** Byte-equal, without a slow element-by-element diff on success. */
const same = (a: Uint8Array | undefined, b: Uint8Array) =>
  a !== undefined && Buffer.compare(a, b) === 0;

const limitsArb = fc
  .record({
    maxMessage: fc.oneof(fc.integer({ min: 64, max: 600 }), fc.constantFrom(16384, 65536)),
    readSize: fc.oneof(fc.integer({ min: 16, max: 5000 }), fc.constant(65536)),
    extra: fc.integer({ min: 0, max: 100_000 }),
    highWater: fc.integer({ min: 1, max: 300_000 }),
  })
  .map(({ maxMessage, readSize, extra, highWater }) => ({
    maxMessage,
    readSize,
    readAhead: 2 * maxMessage + readSize + extra,
    highWater,
  }));

describe('BatchSender', () => {
  it('sends every file whole, within the message size, the buffer mark and the read-ahead', () => {
    fc.assert(
      fc.property(
        limitsArb.chain((limits) => fc.tuple(fc.constant(limits), batch(limits.maxMessage))),
        fc.integer({ min: 0, max: 255 }),
        ([limits, sizes], seed) => {
          const contents = contentsOf(sizes, seed);
          const r = run(contents, limits);
          expect(r.outcome).toEqual({ t: 'complete', corrupt: [] });
          contents.forEach((c, i) => {
            expect(same(r.files.get(i) ?? new Uint8Array(), c)).toBe(true);
            expect(same(r.ends.get(i), sha(c))).toBe(true);
          });
          expect(r.maxMessage).toBeLessThanOrEqual(limits.maxMessage);
          expect(r.maxBuffered).toBeLessThan(limits.highWater + limits.maxMessage);
          expect(r.maxReading).toBeLessThanOrEqual(limits.readAhead + limits.readSize);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('resumes at a position: nothing before it is sent, and each END hashes the whole file', () => {
    fc.assert(
      fc.property(
        limitsArb.chain((limits) => fc.tuple(fc.constant(limits), batch(limits.maxMessage))),
        fc.integer({ min: 0, max: 255 }),
        fc.nat(),
        fc.double({ min: 0, max: 1, noNaN: true }),
        ([limits, sizes], seed, pick, part) => {
          const contents = contentsOf(sizes, seed);
          const index = sizes.length ? pick % (sizes.length + 1) : 0;
          const offset = index < sizes.length ? Math.floor(sizes[index] * part) : 0;
          const r = run(contents, limits, { index, offset });
          expect(r.outcome).toEqual({ t: 'complete', corrupt: [] });
          expect(r.before).toBe(0);
          for (let i = 0; i < index; i++) expect(r.ends.has(i)).toBe(false);
          for (let i = index; i < contents.length; i++) {
            const stored = r.files.get(i) ?? contents[i].slice(0, i === index ? offset : 0);
            expect(same(stored, contents[i])).toBe(true);
            expect(same(r.ends.get(i), sha(contents[i]))).toBe(true);
          }
        },
      ),
      { numRuns: 300 },
    );
  });

  it('a cut channel interrupts, an unreadable file fails, and nothing follows the end', () => {
    fc.assert(
      fc.property(
        limitsArb.chain((limits) => fc.tuple(fc.constant(limits), batch(limits.maxMessage))),
        fc.nat(),
        fc.boolean(),
        ([limits, sizes], pick, cut) => {
          const contents = contentsOf(sizes, 1);
          if (cut) {
            const r = run(contents, limits, undefined, { cutAfter: 1 + (pick % 8) });
            // Either the cut came before the last message, or everything was already sent.
            expect(['interrupted', 'complete']).toContain(r.outcome?.t);
          } else if (sizes.some((s) => s > 0)) {
            const unreadable = sizes.findIndex((s) => s > 0);
            const r = run(contents, limits, undefined, { unreadable });
            expect(r.outcome).toMatchObject({ t: 'failed', code: 'unreadable', index: unreadable });
            // Files after it were never read.
            for (let i = unreadable + 1; i < contents.length; i++)
              expect(r.files.has(i)).toBe(false);
          }
        },
      ),
      { numRuns: 300 },
    );
  });

  it('completes only once every file has its verdict, and lists the damaged ones', () => {
    fc.assert(
      fc.property(batch(16384), fc.array(fc.nat()), (sizes, picks) => {
        const contents = contentsOf(sizes, 2);
        const bad = new Set(picks.filter((p) => p < sizes.length));
        const limits = {
          maxMessage: 16384,
          readSize: 65536,
          readAhead: 1 << 20,
          highWater: 1 << 20,
        };
        const r = run(contents, limits, undefined, { bad });
        expect(r.outcome).toEqual({ t: 'complete', corrupt: [...bad].sort((a, b) => a - b) });
      }),
      { numRuns: 200 },
    );
  });

  it('waits for verdicts after the last message, and an abort ends it', () => {
    const contents = contentsOf([10, 0, 20], 3);
    const limits = { maxMessage: 16384, readSize: 65536, readAhead: 1 << 20, highWater: 1 << 20 };
    const sender = new BatchSender(manifestOf(contents), limits);
    const effects = sender.handle({ t: 'start' });
    expect(effects.map((e) => e.t)).toEqual(['read', 'digest', 'digest', 'read', 'digest']);
    sender.handle({ t: 'read', index: 0, offset: 0, bytes: contents[0] });
    sender.handle({ t: 'digested', index: 0, sha256: sha(contents[0]) });
    sender.handle({ t: 'digested', index: 1, sha256: sha(contents[1]) });
    sender.handle({ t: 'read', index: 2, offset: 0, bytes: contents[2] });
    const last = sender.handle({ t: 'digested', index: 2, sha256: sha(contents[2]) });
    expect(last.map((e) => e.t)).toEqual(['send']);
    expect(sender.snapshot()).toMatchObject({ bytes: 30, totalBytes: 30, outcome: null });
    expect(sender.handle({ t: 'verified', index: 0, ok: true })).toEqual([]);
    expect(sender.handle({ t: 'abort', by: 'there' })).toEqual([
      { t: 'ended', outcome: { t: 'aborted', by: 'there' } },
    ]);
    expect(sender.handle({ t: 'verified', index: 1, ok: true })).toEqual([]);
  });

  it('an empty batch completes at once', () => {
    const limits = { maxMessage: 64, readSize: 1, readAhead: 129, highWater: 1 };
    const sender = new BatchSender(manifestOf([]), limits);
    expect(sender.handle({ t: 'start' })).toEqual([
      { t: 'ended', outcome: { t: 'complete', corrupt: [] } },
    ]);
  });
});
