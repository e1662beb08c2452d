// A batch through both of its real workers (send/batch-send.worker.ts and
// receive/batch-receive.worker.ts), run in Node: the test plays the two pages (relaying control
// messages, accepting, resuming from the records), a fake channel pair carries the bytes and an
// in-memory OPFS holds the pack.
import fc from 'fast-check';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { FakeOpfs } from '../../../store/fake-opfs';
import { batchLimits } from './outgoing-batches';
import { channelPair, runWorkerModule, type FakeChannelEnd } from './worker-module';
import type {
  BatchReceiveRequest,
  BatchSendRequest,
  BatchWorkerReply,
  CutFile,
  PackedFile,
} from './batch-worker-messages';
import type { BatchPosition } from '../protocol/batch-control';
import { patterned as contents, sha256Hex as sha256 } from '../test-bytes';
import {
  DATA_HEADER_BYTES,
  END_RECORD_BYTES,
  isFrameError,
  parseFrame,
} from '../protocol/batch-frames';

vi.mock('./outgoing-batches', async () => {
  // Only its limits are wanted here, not its page-side imports.
  const KiB = 1024;
  return {
    batchLimits: (chunk: number) => ({
      maxMessage: chunk,
      readSize: 256 * KiB,
      readAhead: Math.max(4 * 1024 * KiB, 2 * chunk + 256 * KiB),
      highWater: 4 * 1024 * KiB,
    }),
  };
});

const KiB = 1024;
const ended = (r: BatchWorkerReply): r is Extract<BatchWorkerReply, { t: 'ended' }> =>
  r.t === 'ended';

interface Connection {
  outcomes: { sent: BatchWorkerReply; received: BatchWorkerReply };
  stored: PackedFile[];
  partial?: CutFile;
  channel: FakeChannelEnd;
}

/**
 * One connection: the sender offers the batch, the receiver accepts from `from` into `pack`
 * (with the cut file's first bytes from `resume`), until both workers end. `prepare` may set
 * the channel to cut or alter messages.
 */
async function connect(
  opfs: FakeOpfs,
  files: File[],
  options: {
    chunk: number;
    pack: string;
    from?: BatchPosition;
    resume?: { pack: string; start: number };
    prepare?: (channel: FakeChannelEnd) => void;
  },
): Promise<Connection> {
  vi.stubGlobal('navigator', opfs.navigator);
  const sender = await runWorkerModule<BatchSendRequest, BatchWorkerReply>(
    () => import('../send/batch-send.worker'),
  );
  const receiver = await runWorkerModule<BatchReceiveRequest, BatchWorkerReply>(
    () => import('../receive/batch-receive.worker'),
  );
  const [out, into] = channelPair();
  options.prepare?.(out);
  const id = 'batch-1';
  let closed = false;
  // The pages relay control messages on the control channel, which a cut closes too.
  const relay = (to: typeof sender | typeof receiver) => (r: BatchWorkerReply) => {
    if (r.t === 'control' && !closed)
      setTimeout(() => to.post({ t: 'control', message: r.message }));
  };
  sender.on(relay(receiver));
  receiver.on(relay(sender));
  receiver.on((r) => {
    if (r.t === 'offered')
      void receiver.post({
        t: 'accept',
        id,
        from: options.from ?? { index: 0, offset: 0 },
        dir: 'received',
        pack: options.pack,
        ...(options.resume && { resume: options.resume }),
      });
  });
  out.onclose = null;
  const watchCut = () => {
    if (out.readyState === 'closed' && !closed) {
      closed = true;
      setTimeout(() => {
        void sender.post({ t: 'closed' });
        void receiver.post({ t: 'closed' });
      });
    }
  };
  const timer = setInterval(watchCut, 5);
  void sender.post({ t: 'files', files });
  void sender.post({ t: 'channel', channel: out as unknown as RTCDataChannel });
  void receiver.post({ t: 'channel', channel: into as unknown as RTCDataChannel });
  void sender.post({
    t: 'start',
    id,
    paths: files.map((f, i) => `tree/${i % 3}/${f.name}`),
    emptyFolders: [],
    limits: batchLimits(options.chunk),
    rate: 0,
  });
  const [sent, received] = await Promise.all([sender.until(ended), receiver.until(ended)]);
  clearInterval(timer);
  const stored = receiver.replies.flatMap((r) => (r.t === 'stored' ? r.files : []));
  return {
    outcomes: { sent, received },
    stored,
    ...(received.partial && { partial: received.partial }),
    channel: out,
  };
}

/** The stored bytes of a file, from its pack. */
function storedBytes(opfs: FakeOpfs, pack: string, start: number, size: number): Uint8Array {
  return opfs.file('received', pack)!.bytes.subarray(start, start + size);
}

afterEach(() => vi.unstubAllGlobals());

const sizes = fc.array(
  fc.oneof(
    fc.integer({ min: 0, max: 40 * KiB }),
    fc.constantFrom(0, 1, 16 * KiB, 16 * KiB - 1, 16 * KiB + 1, 64 * KiB),
  ),
  { minLength: 1, maxLength: 40 },
);

describe('a batch through both workers', () => {
  it('every file arrives verified and byte-identical, packed into one stored pack', async () => {
    await fc.assert(
      fc.asyncProperty(sizes, fc.constantFrom(1 * KiB, 16 * KiB, 64 * KiB), async (list, chunk) => {
        const opfs = new FakeOpfs();
        const data = list.map((size, i) => contents(size, i));
        const files = data.map((d, i) => new File([d], `f${i}.bin`));
        const c = await connect(opfs, files, { chunk, pack: 'p1' });
        expect(c.outcomes.sent).toMatchObject({ outcome: { t: 'complete', corrupt: [] } });
        expect(c.outcomes.received).toMatchObject({ outcome: { t: 'complete', corrupt: [] } });
        expect(c.stored.map((f) => f.index).sort((a, b) => a - b)).toEqual(data.map((_, i) => i));
        for (const f of c.stored) {
          expect(f.sha256).toBe(sha256(data[f.index]!));
          expect(sha256(storedBytes(opfs, 'p1', f.start, data[f.index]!.byteLength))).toBe(
            f.sha256,
          );
        }
        expect(opfs.file('received', 'p1')!.held).toBe(false);
      }),
      { numRuns: 25 },
    );
  });

  it('cut after any message, goes on from the records: finished files are not sent again, the cut file goes on from its kept bytes', async () => {
    await fc.assert(
      fc.asyncProperty(sizes, fc.integer({ min: 1, max: 60 }), async (list, cutAt) => {
        const opfs = new FakeOpfs();
        const data = list.map((size, i) => contents(size, i + 1));
        const files = data.map((d, i) => new File([d], `f${i}.bin`));
        const total = data.reduce((n, d) => n + d.byteLength, 0);
        const first = await connect(opfs, files, {
          chunk: 4 * KiB,
          pack: 'p1',
          prepare: (ch) => (ch.cutAtMessage = cutAt),
        });
        const done = new Set(first.stored.map((f) => f.index));
        if (
          first.outcomes.received.t === 'ended' &&
          first.outcomes.received.outcome.t === 'complete'
        ) {
          // Cut after the last message: nothing is left to resume.
          expect(done.size).toBe(files.length);
          return;
        }
        expect(first.outcomes.received).toMatchObject({ outcome: { t: 'interrupted' } });
        // Where the receiver stands: the first file it does not hold, and the cut file's part.
        let index = 0;
        while (done.has(index)) index++;
        const partial = first.partial?.index === index ? first.partial : undefined;
        const from = { index, offset: partial?.length ?? 0 };
        const second = await connect(opfs, files, {
          chunk: 4 * KiB,
          pack: 'p2',
          from,
          ...(partial && { resume: { pack: 'p1', start: partial.start } }),
        });
        expect(second.outcomes.received).toMatchObject({ outcome: { t: 'complete', corrupt: [] } });
        const all = [
          ...first.stored.map((f) => ({ ...f, pack: 'p1' })),
          ...second.stored.map((f) => ({ ...f, pack: 'p2' })),
        ];
        expect(all.map((f) => f.index).sort((a, b) => a - b)).toEqual(data.map((_, i) => i));
        for (const f of all)
          expect(sha256(storedBytes(opfs, f.pack, f.start, data[f.index]!.byteLength))).toBe(
            sha256(data[f.index]!),
          );
        // Nothing before the receiver's position went again: only the rest, with its framing.
        const before = data.slice(0, index).reduce((n, d) => n + d.byteLength, 0) + from.offset;
        const rest = total - before;
        // Framing: a version byte per message, a DATA header per record (a message boundary or
        // a new file begins one), an END record per file.
        const messages = second.channel.messagesSent;
        const left = files.length - index;
        const framing = messages + (messages + left) * DATA_HEADER_BYTES + left * END_RECORD_BYTES;
        expect(second.channel.bytesSent).toBeLessThanOrEqual(rest + framing);
      }),
      { numRuns: 40 },
    );
  });

  it('a byte changed on the way makes that file corrupt on both sides, and only that file', async () => {
    const opfs = new FakeOpfs();
    const data = [contents(30 * KiB, 1), contents(30 * KiB, 2), contents(30 * KiB, 3)];
    const files = data.map((d, i) => new File([d], `f${i}.bin`));
    const c = await connect(opfs, files, {
      chunk: 16 * KiB,
      pack: 'p1',
      // The last byte of the first message that carries bytes of the second file, flipped.
      prepare: (ch) => {
        let done = false;
        ch.alter = (m) => {
          const records = parseFrame(m, files.length);
          if (done || isFrameError(records)) return null;
          const record = records.find((r) => r.kind === 'data' && r.index === 1);
          if (!record || record.kind !== 'data') return null;
          done = true;
          const copy = m.slice();
          copy[record.bytes.byteOffset + record.bytes.byteLength - 1]! ^= 0x01;
          return copy;
        };
      },
    });
    expect(c.outcomes.received).toMatchObject({ outcome: { t: 'complete', corrupt: [1] } });
    expect(c.outcomes.sent).toMatchObject({ outcome: { t: 'complete', corrupt: [1] } });
    expect(c.stored.map((f) => f.index).sort()).toEqual([0, 2]);
  });

  it('a full disk ends the batch on both sides as a storage failure', async () => {
    const opfs = new FakeOpfs();
    opfs.failWrite = (at) =>
      at > 0 ? new DOMException('The disk is full.', 'QuotaExceededError') : null;
    const data = Array.from({ length: 8 }, (_, i) => contents(600 * KiB, i));
    const files = data.map((d, i) => new File([d], `f${i}.bin`));
    const c = await connect(opfs, files, { chunk: 64 * KiB, pack: 'p1' });
    expect(c.outcomes.received).toMatchObject({ outcome: { t: 'ended', code: 'storage' } });
    expect(c.outcomes.sent).toMatchObject({ outcome: { t: 'ended', code: 'storage' } });
  });
});
