import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  FramePacker,
  FRAME_VERSION,
  isFrameError,
  parseFrame,
  type FrameRecord,
} from '../protocol/batch-frames';
import type { BatchManifest } from '../protocol/manifest';
import {
  BatchReceiver,
  type BatchFailure,
  type BatchOutcome,
  type BatchPosition,
  type ReceiverEffect,
  type ReceiverEvent,
} from './batch-receiver';

// --- The batch: a manifest and the files' contents ------------------------------------------

interface Batch {
  manifest: BatchManifest;
  contents: Uint8Array[];
  maxMessage: number;
}

/** Deterministic content from a seed: cheap at 100 KiB, and shrinks with the seed. */
function contentOf(size: number, seed: number): Uint8Array {
  const words = new Uint32Array(Math.ceil(size / 4));
  let x = seed | 1;
  for (let i = 0; i < words.length; i++) {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    words[i] = x;
  }
  return new Uint8Array(words.buffer, 0, size);
}

function sha256(bytes: Uint8Array): Uint8Array {
  return new Uint8Array(createHash('sha256').update(bytes).digest());
}

const MAX_SIZE = 100 * 1024;
/** The payload of a full message holding one DATA record (version byte and header off). */
const payloadOf = (maxMessage: number) => maxMessage - 19;

/** A size kind, turned into bytes once the message size is known. */
const sizeKind = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom(0, 1) },
  { weight: 4, arbitrary: fc.integer({ min: 2, max: 400 }) },
  { weight: 2, arbitrary: fc.constant(-1) }, // a multiple of the message size
  { weight: 2, arbitrary: fc.constant(-2) }, // a multiple of a full message's payload
  { weight: 1, arbitrary: fc.integer({ min: 401, max: MAX_SIZE }) },
);

function sizeFrom(kind: number, times: number, maxMessage: number): number {
  if (kind >= 0) return kind;
  const unit = kind === -1 ? maxMessage : payloadOf(maxMessage);
  return unit * Math.max(1, Math.min(times, Math.floor(MAX_SIZE / unit)));
}

/** Small messages make many of them: most runs use sizes a channel would, some the smallest. */
const maxMessageArb = fc.oneof(
  fc.integer({ min: 64, max: 300 }),
  fc.integer({ min: 300, max: 70_000 }),
);

const batchArb: fc.Arbitrary<Batch> = fc
  .record({
    maxMessage: maxMessageArb,
    files: fc.array(
      fc.record({ kind: sizeKind, times: fc.integer({ min: 1, max: 4 }), seed: fc.integer() }),
      { maxLength: 60, size: 'medium' },
    ),
  })
  .map(({ maxMessage, files }) => {
    const sizes = files.map((file) => sizeFrom(file.kind, file.times, maxMessage));
    return {
      maxMessage,
      contents: files.map((file, i) => contentOf(sizes[i], file.seed)),
      manifest: {
        t: 'batch',
        id: 'b',
        files: sizes.map((size, i) => ({ path: `d/${i}`, size, type: '', lastModified: 0 })),
        emptyFolders: [],
      },
    };
  });

/** What the sender puts on the channel from `from` on: each file's bytes in pieces, then END. */
function messagesOf(
  batch: Batch,
  from: BatchPosition,
  maxMessage = batch.maxMessage,
): Uint8Array[] {
  const packer = new FramePacker(maxMessage);
  const messages: Uint8Array[] = [];
  for (let index = from.index; index < batch.contents.length; index++) {
    const content = batch.contents[index];
    const start = index === from.index ? from.offset : 0;
    // Pieces as a reader hands them (16 KiB), so records split at both piece and message ends.
    for (let offset = start; offset < content.length; offset += 16_384)
      packer.data(
        index,
        offset,
        content.subarray(offset, Math.min(offset + 16_384, content.length)),
      );
    packer.end(index, sha256(content));
    messages.push(...packer.take());
  }
  messages.push(...packer.flush());
  return messages;
}

function recordsOf(message: Uint8Array, fileCount: number): FrameRecord[] {
  const records = parseFrame(message, fileCount);
  if (isFrameError(records)) throw new Error(`test sender made a bad message: ${records.code}`);
  return records;
}

// --- The fake worker: stores, hashes, answers digests, checks the order of effects ----------

class FakeWorker {
  readonly stored: Uint8Array[];
  readonly written: number[];
  /** Each verdict, and whether the stored bytes were the file's content when it came. */
  readonly verdicts: { index: number; ok: boolean; intact: boolean }[] = [];
  private readonly sizes: number[];
  readonly outcomes: BatchOutcome[] = [];
  /** Digest answers held back until after the next message. */
  private held: ReceiverEvent[] = [];
  private turn = 0;

  constructor(
    private readonly receiver: BatchReceiver,
    /** What the sender sent: the fake stores whatever comes, this is only to judge verdicts. */
    private readonly contents: Uint8Array[],
    /** How each digest is answered, in turn (cycled). */
    private readonly answers: Answer[],
    from?: { stored: Uint8Array[]; at: BatchPosition },
  ) {
    const sizes = contents.map((content) => content.length);
    this.sizes = sizes;
    this.stored = sizes.map((size, i) => from?.stored[i].slice() ?? new Uint8Array(size));
    this.written = sizes.map((size, i) =>
      !from || i > from.at.index ? 0 : i < from.at.index ? size : from.at.offset,
    );
  }

  start(): void {
    this.perform(this.receiver.start());
  }

  /** One message, then the digests held back before it. */
  message(data: Uint8Array): void {
    const held = this.held;
    this.held = [];
    this.send({ t: 'message', data });
    for (const event of held) this.send(event);
  }

  /** The digests still held, as a worker that is done would answer them. */
  drain(): void {
    while (this.held.length > 0) this.send(this.held.shift() as ReceiverEvent);
  }

  send(event: ReceiverEvent): void {
    this.perform(this.receiver.handle(event));
  }

  get outcome(): BatchOutcome | undefined {
    return this.outcomes[0];
  }

  private perform(effects: ReceiverEffect[]): void {
    for (const effect of effects) {
      // Nothing may follow the end, in the same answer or any later one. (Plain checks: `expect`
      // per write would cost more than the whole receiver.)
      if (this.outcomes.length > 0) throw new Error(`${effect.t} after the end`);
      switch (effect.t) {
        case 'write': {
          // In order, without gap or overlap, never past the file's size.
          const { index, offset, bytes } = effect;
          if (offset !== this.written[index])
            throw new Error(`write of file ${index} at ${offset}, not ${this.written[index]}`);
          if (bytes.length === 0 || offset + bytes.length > this.sizes[index])
            throw new Error(`write of ${bytes.length} bytes of file ${index} at ${offset}`);
          this.stored[index].set(bytes, offset);
          this.written[index] += bytes.length;
          break;
        }
        case 'digest': {
          const { index } = effect;
          if (this.written[index] !== this.sizes[index])
            throw new Error(`digest of file ${index} with ${this.written[index]} bytes written`);
          const event: ReceiverEvent = { t: 'digested', index, sha256: sha256(this.stored[index]) };
          const answer =
            this.answers.length > 0 ? this.answers[this.turn++ % this.answers.length] : 'now';
          if (answer === 'later') this.held.push(event);
          else this.send(event);
          // Stray answers, for this file again and for one whose END has not come: they must
          // change nothing.
          if (answer === 'twice') {
            const stray = new Uint8Array(32);
            this.held.push({ ...event, sha256: stray });
            const unasked = this.receiver.snapshot().current;
            if (unasked < this.sizes.length)
              this.send({ t: 'digested', index: unasked, sha256: stray });
          }
          break;
        }
        case 'verified': {
          const { index, ok } = effect;
          this.verdicts.push({ index, ok, intact: same(this.stored[index], this.contents[index]) });
          break;
        }
        case 'ended':
          this.outcomes.push(effect.outcome);
          break;
      }
    }
  }
}

/** A run of the whole stream from `from`, digests answered as `answers` says. */
function deliver(
  batch: Batch,
  messages: Uint8Array[],
  answers: Answer[],
  from?: { stored: Uint8Array[]; at: BatchPosition },
): FakeWorker {
  const receiver = new BatchReceiver(batch.manifest, from?.at);
  const worker = new FakeWorker(receiver, batch.contents, answers, from);
  worker.start();
  for (const message of messages) worker.message(message);
  worker.drain();
  return worker;
}

function expectStoredExactly(worker: FakeWorker, batch: Batch, indexes: Iterable<number>): void {
  for (const i of indexes) {
    expect(worker.written[i]).toBe(batch.contents[i].length);
    expect(same(worker.stored[i], batch.contents[i]), `file ${i}`).toBe(true);
  }
}

/** `toEqual` compares typed arrays element by element, far too slowly for 100 KiB files. */
function same(a: Uint8Array, b: Uint8Array): boolean {
  return Buffer.compare(a, b) === 0;
}

function range(from: number, to: number): number[] {
  return Array.from({ length: Math.max(0, to - from) }, (_, i) => from + i);
}

/** A file is never said to be ok unless its stored bytes were its content. */
function expectNoFalseOk(worker: FakeWorker): void {
  for (const { index, ok, intact } of worker.verdicts)
    if (ok) expect(intact, `file ${index} said ok`).toBe(true);
}

/** Each property takes 0.2-3 s alone; the margin is for a busy machine. */
const PROPERTY_TIMEOUT = 20_000;

/** A digest is answered at once, after the next message, or at once and again (wrongly) later. */
type Answer = 'now' | 'later' | 'twice';

const answersArb = fc.array(fc.constantFrom<Answer>('now', 'later', 'twice'), { maxLength: 8 });

// --- Properties -------------------------------------------------------------------------------

describe('BatchReceiver properties', () => {
  it(
    'receives a batch without faults: every file stored, verified once and ok',
    () => {
      fc.assert(
        fc.property(batchArb, answersArb, (batch, answers) => {
          const worker = deliver(batch, messagesOf(batch, { index: 0, offset: 0 }), answers);
          const count = batch.contents.length;
          expect(worker.outcomes).toEqual([{ t: 'complete', corrupt: [] }]);
          expectStoredExactly(worker, batch, range(0, count));
          expect(worker.verdicts.map((v) => v.index).sort((a, b) => a - b)).toEqual(
            range(0, count),
          );
          expect(worker.verdicts.every((v) => v.ok)).toBe(true);
        }),
        { numRuns: 300 },
      );
    },
    PROPERTY_TIMEOUT,
  );

  it(
    'names a file whose payload was tampered with corrupt, and only that file',
    () => {
      fc.assert(
        fc.property(
          batchArb,
          answersArb,
          fc.array(
            fc.record({ record: fc.nat(), byte: fc.nat(), mask: fc.integer({ min: 1, max: 255 }) }),
            {
              minLength: 1,
              maxLength: 3,
            },
          ),
          (batch, answers, flips) => {
            const count = batch.contents.length;
            const messages = messagesOf(batch, { index: 0, offset: 0 }).map((m) => m.slice());
            const data = messages.flatMap((message) =>
              recordsOf(message, count).flatMap((record) =>
                record.kind === 'data' ? [{ message, record }] : [],
              ),
            );
            const tampered = new Set<number>();
            const flipped = new Set<string>();
            if (data.length > 0)
              for (const flip of flips) {
                const { message, record } = data[flip.record % data.length];
                const at =
                  record.bytes.byteOffset - message.byteOffset + (flip.byte % record.bytes.length);
                const key = `${messages.indexOf(message)}:${at}`;
                // A second flip of the same byte could undo the first.
                if (flipped.has(key)) continue;
                flipped.add(key);
                message[at] ^= flip.mask;
                tampered.add(record.index);
              }
            const worker = deliver(batch, messages, answers);
            const corrupt = [...tampered].sort((a, b) => a - b);
            expect(worker.outcomes).toEqual([{ t: 'complete', corrupt }]);
            expect(worker.verdicts).toHaveLength(count);
            for (const { index, ok } of worker.verdicts) expect(ok).toBe(!tampered.has(index));
            expectNoFalseOk(worker);
            expectStoredExactly(
              worker,
              batch,
              range(0, count).filter((i) => !tampered.has(i)),
            );
          },
        ),
        { numRuns: 200 },
      );
    },
    PROPERTY_TIMEOUT,
  );

  it(
    'stops at a cut with a position to resume from, and the resumed run completes',
    () => {
      fc.assert(
        fc.property(
          batchArb,
          answersArb,
          fc.nat(),
          maxMessageArb,
          answersArb,
          (batch, answers, cutAt, resumeMaxMessage, resumeAnswers) => {
            const count = batch.contents.length;
            const messages = messagesOf(batch, { index: 0, offset: 0 });
            const cut = cutAt % (messages.length + 1);
            const receiver = new BatchReceiver(batch.manifest);
            const first = new FakeWorker(receiver, batch.contents, answers);
            first.start();
            for (const message of messages.slice(0, cut)) first.message(message);
            first.send({ t: 'closed' });
            // Digests answered after the close change nothing.
            first.drain();
            expect(first.outcomes).toHaveLength(1);
            expectNoFalseOk(first);
            const outcome = first.outcome as BatchOutcome;
            if (outcome.t === 'complete') {
              // Only a batch whose every message and digest were in can be complete.
              expect(cut).toBe(messages.length);
              expectStoredExactly(first, batch, range(0, count));
              return;
            }
            expect(outcome.t).toBe('interrupted');
            const at = (outcome as { at: BatchPosition }).at;
            expect(receiver.position()).toEqual(at);
            expectStoredExactly(first, batch, range(0, at.index));
            const verified = new Set(first.verdicts.map((v) => v.index));
            expect(range(0, at.index).every((i) => verified.has(i))).toBe(true);
            if (at.index < count) {
              expect(first.written[at.index]).toBe(at.offset);
              const held = first.stored[at.index].subarray(0, at.offset);
              expect(same(held, batch.contents[at.index].subarray(0, at.offset))).toBe(true);
            }
            const resumed = messagesOf(batch, at, resumeMaxMessage);
            for (const message of resumed)
              for (const record of recordsOf(message, count)) {
                expect(record.index).toBeGreaterThanOrEqual(at.index);
                if (record.kind === 'data' && record.index === at.index)
                  expect(record.offset).toBeGreaterThanOrEqual(at.offset);
              }
            const second = deliver(batch, resumed, resumeAnswers, { stored: first.stored, at });
            expect(second.outcomes).toEqual([{ t: 'complete', corrupt: [] }]);
            expectStoredExactly(second, batch, range(0, count));
            expect(second.verdicts.map((v) => v.index).sort((a, b) => a - b)).toEqual(
              range(at.index, count),
            );
          },
        ),
        { numRuns: 200 },
      );
    },
    PROPERTY_TIMEOUT,
  );

  it(
    'fails a stream that is reordered, duplicated, cut short, forged or garbled, with its code',
    () => {
      fc.assert(
        fc.property(batchArb, answersArb, faultArb, (batch, answers, fault) => {
          const messages = messagesOf(batch, { index: 0, offset: 0 });
          const injected = inject(batch, messages, fault);
          fc.pre(injected !== null);
          const { stream, expected } = injected as Injected;
          const worker = deliver(batch, stream, answers);
          if (expected === 'interrupted') {
            // The last message went missing: nothing can tell until the channel closes.
            expect(worker.outcomes).toEqual([]);
            worker.send({ t: 'closed' });
            expect(worker.outcome?.t).toBe('interrupted');
          } else {
            expect(worker.outcomes).toEqual([
              { t: 'failed', code: expected.code, index: expected.index },
            ]);
          }
          expect(worker.outcomes).toHaveLength(1);
          expectNoFalseOk(worker);
          expect(worker.verdicts.every((v) => v.ok)).toBe(true);
        }),
        { numRuns: 350 },
      );
    },
    PROPERTY_TIMEOUT,
  );

  it(
    'fails on a storage error at any point, and does nothing after',
    () => {
      fc.assert(
        fc.property(batchArb, answersArb, fc.nat(), (batch, answers, failAt) => {
          const messages = messagesOf(batch, { index: 0, offset: 0 });
          const at = failAt % (messages.length + 1);
          const receiver = new BatchReceiver(batch.manifest);
          const worker = new FakeWorker(receiver, batch.contents, answers);
          worker.start();
          for (const message of messages.slice(0, at)) worker.message(message);
          const done = worker.outcome !== undefined;
          const position = receiver.position();
          worker.send({ t: 'storage-failed', name: 'QuotaExceededError', message: 'full' });
          for (const message of messages.slice(at)) worker.message(message);
          worker.drain();
          worker.send({ t: 'closed' });
          expect(worker.outcomes).toHaveLength(1);
          if (done) expect(worker.outcome?.t).toBe('complete');
          else
            expect(worker.outcome).toEqual({
              t: 'failed',
              code: 'storage',
              index: position.index,
              cause: { name: 'QuotaExceededError', message: 'full' },
            });
          expect(receiver.snapshot().outcome).toBe(worker.outcome);
        }),
        { numRuns: 150 },
      );
    },
    PROPERTY_TIMEOUT,
  );
});

// --- Faults for the stream property ---------------------------------------------------------

type Fault =
  | { t: 'swap'; a: number; b: number }
  | { t: 'duplicate'; a: number }
  | { t: 'drop'; a: number }
  | { t: 'forge-index'; a: number; r: number; shift: number }
  | { t: 'forge-offset'; a: number; r: number; shift: number }
  | { t: 'grow'; a: number; extra: number }
  | { t: 'shrink'; a: number; less: number }
  | { t: 'garble'; a: number; byte: number; mask: number };

const faultArb: fc.Arbitrary<Fault> = fc.oneof(
  fc.record({ t: fc.constant('swap' as const), a: fc.nat(), b: fc.nat() }),
  fc.record({ t: fc.constant('duplicate' as const), a: fc.nat() }),
  fc.record({ t: fc.constant('drop' as const), a: fc.nat() }),
  fc.record({
    t: fc.constant('forge-index' as const),
    a: fc.nat(),
    r: fc.nat(),
    shift: fc.integer({ min: 1, max: 70 }),
  }),
  fc.record({
    t: fc.constant('forge-offset' as const),
    a: fc.nat(),
    r: fc.nat(),
    shift: fc.integer({ min: -3, max: 3 }).filter((s) => s !== 0),
  }),
  fc.record({
    t: fc.constant('grow' as const),
    a: fc.nat(),
    extra: fc.integer({ min: 1, max: 40 }),
  }),
  fc.record({
    t: fc.constant('shrink' as const),
    a: fc.nat(),
    less: fc.integer({ min: 1, max: 40 }),
  }),
  fc.record({
    t: fc.constant('garble' as const),
    a: fc.nat(),
    byte: fc.nat(),
    mask: fc.integer({ min: 1, max: 255 }),
  }),
);

interface Injected {
  stream: Uint8Array[];
  expected: { code: BatchFailure; index: number } | 'interrupted';
}

/** A record with where the receiver stands just before it, in a stream without faults. */
interface Placed {
  message: number;
  record: FrameRecord;
  /** The file expected at this record. */
  index: number;
}

function placed(messages: Uint8Array[], count: number): Placed[] {
  return messages.flatMap((message, m) =>
    recordsOf(message, count).map((record) => ({ message: m, record, index: record.index })),
  );
}

/** What the receiver must say when `record` arrives where a record of file `index` was due. */
function refusal(record: FrameRecord, index: number): { code: BatchFailure; index: number } {
  return {
    code: record.kind === 'end' && record.index === index ? 'short' : 'out-of-order',
    index,
  };
}

/** The message re-made with records of one's choice, each in one piece, valid check bytes. */
function repack(records: FrameRecord[]): Uint8Array {
  const size = records.reduce((n, r) => n + 38 + (r.kind === 'data' ? r.bytes.length : 0), 1);
  const packer = new FramePacker(Math.max(64, size + 64));
  for (const record of records)
    if (record.kind === 'data') packer.data(record.index, record.offset, record.bytes);
    else packer.end(record.index, record.sha256);
  const out = packer.flush();
  expect(out).toHaveLength(1);
  return out[0];
}

/** The stream with `fault` in it and what the receiver must make of it; null if it cannot apply. */
function inject(batch: Batch, messages: Uint8Array[], fault: Fault): Injected | null {
  const count = batch.contents.length;
  const n = messages.length;
  if (n === 0) return null;
  const all = placed(messages, count);
  const firstOf = (m: number) => all.find((p) => p.message === m) as Placed;
  /** The file the receiver expects when message m begins. */
  const dueAt = (m: number) => firstOf(m).index;
  const a = fault.a % n;
  const stream = messages.slice();
  switch (fault.t) {
    case 'swap': {
      if (n < 2) return null;
      const b = fault.b % n;
      if (a === b) return null;
      const [i, j] = a < b ? [a, b] : [b, a];
      [stream[i], stream[j]] = [stream[j], stream[i]];
      return { stream, expected: refusal(firstOf(j).record, dueAt(i)) };
    }
    case 'duplicate': {
      // A copy of the last message may come after the batch completed: only earlier ones count.
      if (n < 2) return null;
      const d = fault.a % (n - 1);
      stream.splice(d + 1, 0, messages[d]);
      // After message d, everything in it is behind the receiver.
      return { stream, expected: { code: 'out-of-order', index: dueAt(d + 1) } };
    }
    case 'drop': {
      stream.splice(a, 1);
      if (a === n - 1) return { stream, expected: 'interrupted' };
      return { stream, expected: refusal(firstOf(a + 1).record, dueAt(a)) };
    }
    case 'forge-index':
    case 'forge-offset': {
      const records = recordsOf(messages[a], count);
      const r = fault.r % records.length;
      const record = records[r];
      const due = all.filter((p) => p.message === a)[r].index;
      let forged: FrameRecord;
      if (fault.t === 'forge-index') {
        // Past the manifest the message is malformed; within it, another file's is out of order.
        const index = (record.index + fault.shift) % (count + 2);
        if (index === record.index) return null;
        forged = { ...record, index };
        stream[a] = repack(records.map((x, i) => (i === r ? forged : x)));
        // A message that does not parse is refused where the receiver stood before it.
        if (index >= count) return { stream, expected: { code: 'malformed', index: dueAt(a) } };
        return { stream, expected: { code: 'out-of-order', index: due } };
      }
      if (record.kind !== 'data' || record.offset + fault.shift < 0) return null;
      forged = { ...record, offset: record.offset + fault.shift };
      stream[a] = repack(records.map((x, i) => (i === r ? forged : x)));
      return { stream, expected: { code: 'out-of-order', index: due } };
    }
    case 'grow':
    case 'shrink': {
      // A file's last DATA record, made longer (past its size) or shorter (its END comes early).
      const ends = all.filter(
        (p) =>
          p.record.kind === 'data' &&
          p.record.offset + p.record.bytes.length === batch.contents[p.index].length,
      );
      if (ends.length === 0) return null;
      const { message, record } = ends[a % ends.length];
      if (record.kind !== 'data') return null;
      const records = recordsOf(messages[message], count);
      const bytes =
        fault.t === 'grow'
          ? new Uint8Array([...record.bytes, ...new Uint8Array(fault.extra)])
          : record.bytes.subarray(0, record.bytes.length - fault.less);
      if (bytes.length === 0) return null;
      const changed = records.map((x) =>
        x.kind === 'data' && x.index === record.index && x.offset === record.offset
          ? { ...x, bytes }
          : x,
      );
      stream[message] = repack(changed);
      const code = fault.t === 'grow' ? 'oversize' : 'short';
      return { stream, expected: { code, index: record.index } };
    }
    case 'garble': {
      // The version byte, or a byte the first record's check covers: the message cannot parse.
      const copy = messages[a].slice();
      const first = firstOf(a).record;
      const covered = first.kind === 'data' ? 17 : 5;
      const at = fault.byte % (covered + 1) === 0 ? 0 : 2 + (fault.byte % covered);
      copy[at] ^= fault.mask;
      stream[a] = copy;
      return { stream, expected: { code: 'malformed', index: dueAt(a) } };
    }
  }
}

// --- Examples ---------------------------------------------------------------------------------

function manifestOf(sizes: number[]): BatchManifest {
  return {
    t: 'batch',
    id: 'b',
    files: sizes.map((size, i) => ({ path: `f${i}`, size, type: '', lastModified: 0 })),
    emptyFolders: [],
  };
}

function batchOf(sizes: number[], maxMessage = 1024): Batch {
  return {
    manifest: manifestOf(sizes),
    contents: sizes.map((size, i) => contentOf(size, i + 1)),
    maxMessage,
  };
}

describe('BatchReceiver', () => {
  it('ends an empty batch, or one resumed past its last file, at start', () => {
    expect(new BatchReceiver(manifestOf([])).start()).toEqual([
      { t: 'ended', outcome: { t: 'complete', corrupt: [] } },
    ]);
    const resumed = new BatchReceiver(manifestOf([3]), { index: 1, offset: 0 });
    expect(resumed.handle({ t: 'closed' })).toEqual([
      { t: 'ended', outcome: { t: 'complete', corrupt: [] } },
    ]);
    expect(resumed.handle({ t: 'closed' })).toEqual([]);
  });

  it('refuses a resume position outside the batch', () => {
    expect(() => new BatchReceiver(manifestOf([3]), { index: 2, offset: 0 })).toThrow(RangeError);
    expect(() => new BatchReceiver(manifestOf([3]), { index: 0, offset: 4 })).toThrow(RangeError);
    expect(() => new BatchReceiver(manifestOf([3]), { index: 1, offset: 1 })).toThrow(RangeError);
    expect(() => new BatchReceiver(manifestOf([3]), { index: 0, offset: 0.5 })).toThrow(RangeError);
  });

  it('verifies an empty file from its END alone', () => {
    const batch = batchOf([0]);
    const receiver = new BatchReceiver(batch.manifest);
    const [message] = messagesOf(batch, { index: 0, offset: 0 });
    expect(receiver.handle({ t: 'message', data: message })).toEqual([{ t: 'digest', index: 0 }]);
    expect(receiver.handle({ t: 'digested', index: 0, sha256: sha256(new Uint8Array()) })).toEqual([
      { t: 'verified', index: 0, ok: true },
      { t: 'ended', outcome: { t: 'complete', corrupt: [] } },
    ]);
  });

  it('ignores a digest that was not asked for, or comes twice', () => {
    const batch = batchOf([5, 5]);
    const receiver = new BatchReceiver(batch.manifest);
    const hash = sha256(batch.contents[0]);
    expect(receiver.handle({ t: 'digested', index: 0, sha256: hash })).toEqual([]);
    for (const message of messagesOf(batch, { index: 0, offset: 0 }))
      receiver.handle({ t: 'message', data: message });
    expect(receiver.handle({ t: 'digested', index: 0, sha256: hash })).toEqual([
      { t: 'verified', index: 0, ok: true },
    ]);
    expect(receiver.handle({ t: 'digested', index: 0, sha256: new Uint8Array(32) })).toEqual([]);
    expect(receiver.handle({ t: 'digested', index: 7, sha256: hash })).toEqual([]);
    expect(receiver.snapshot()).toMatchObject({ filesVerified: 1, filesCorrupt: 0, bytes: 10 });
  });

  it('resumes at a file whose digest is pending with its size as the offset', () => {
    const batch = batchOf([300, 200]);
    const receiver = new BatchReceiver(batch.manifest);
    for (const message of messagesOf(batch, { index: 0, offset: 0 }))
      receiver.handle({ t: 'message', data: message });
    receiver.handle({ t: 'digested', index: 1, sha256: sha256(batch.contents[1]) });
    expect(receiver.position()).toEqual({ index: 0, offset: 300 });
    expect(receiver.handle({ t: 'closed' })).toEqual([
      { t: 'ended', outcome: { t: 'interrupted', at: { index: 0, offset: 300 } } },
    ]);
    // The sender then sends only that file's END, and the rest again.
    const [first] = messagesOf(batch, { index: 0, offset: 300 });
    expect(recordsOf(first, 2)[0]).toMatchObject({ kind: 'end', index: 0 });
  });

  it('ends on an abort from either side, once', () => {
    for (const by of ['here', 'there'] as const) {
      const receiver = new BatchReceiver(manifestOf([1]));
      expect(receiver.handle({ t: 'abort', by })).toEqual([
        { t: 'ended', outcome: { t: 'aborted', by } },
      ]);
      expect(receiver.handle({ t: 'message', data: new Uint8Array([FRAME_VERSION]) })).toEqual([]);
      expect(receiver.snapshot().outcome).toEqual({ t: 'aborted', by });
    }
  });

  it('gives snapshots the UI cannot change, counting files stored before a resume', () => {
    const receiver = new BatchReceiver(manifestOf([10, 20, 30]), { index: 1, offset: 5 });
    const snapshot = receiver.snapshot();
    expect(snapshot).toEqual({
      filesVerified: 1,
      filesCorrupt: 0,
      bytes: 15,
      totalBytes: 60,
      fileCount: 3,
      current: 1,
    });
    expect(Object.isFrozen(snapshot)).toBe(true);
    receiver.handle({ t: 'closed' });
    const outcome = receiver.snapshot().outcome;
    expect(Object.isFrozen(outcome)).toBe(true);
    expect(outcome).toEqual({ t: 'interrupted', at: { index: 1, offset: 5 } });
  });

  it('takes 10,000 files through one run, a snapshot after every message', () => {
    const batch = batchOf(
      Array.from({ length: 10_000 }, (_, i) => i % 7),
      16_384,
    );
    const receiver = new BatchReceiver(batch.manifest);
    const worker = new FakeWorker(receiver, batch.contents, ['now', 'later', 'twice']);
    for (const message of messagesOf(batch, { index: 0, offset: 0 })) {
      worker.message(message);
      receiver.snapshot();
    }
    worker.drain();
    expect(worker.outcomes).toEqual([{ t: 'complete', corrupt: [] }]);
    expect(receiver.snapshot()).toMatchObject({ filesVerified: 10_000, current: 10_000 });
  });
});
