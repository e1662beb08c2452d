// The receiving worker, run in Node (see session/worker-module.ts): an in-memory OPFS, and the bytes channel
// played by the test. Cut after any message, a file resumes from the last checkpoint and ends
// verified; a changed byte, a stray message or a failing disk are named.
import fc from 'fast-check';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { FakeOpfs } from '../../../store/fake-opfs';
import { encodeControl } from '../protocol/file-protocol';
import type { ReceiveReply, ReceiveRequest } from './receive.worker';
import { runWorkerModule } from '../session/worker-module';
import { patterned as fileOf, sha256Hex as sha256 } from '../test-bytes';

const KiB = 1024;
const MiB = 1024 * KiB;

/** A fresh copy of the worker module, with its bytes channel (messages handed over at once). */
async function startWorker() {
  const worker = await runWorkerModule<ReceiveRequest, ReceiveReply>(
    () => import('./receive.worker'),
  );
  const channel = {
    binaryType: 'blob',
    closed: false,
    onmessage: null as ((e: { data: string | ArrayBuffer }) => void) | null,
    close() {
      this.closed = true;
    },
  };
  const post = (m: ReceiveRequest) => worker.post(m);
  await post({ t: 'channel', channel: channel as unknown as RTCDataChannel });
  const deliver = (data: string | Uint8Array) =>
    channel.onmessage!({ data: typeof data === 'string' ? data : data.slice().buffer });
  return { replies: worker.replies, post, deliver, channel };
}

/** Opens stored file `id` from what an earlier worker kept of it (or from its start). */
function openFile(
  w: Awaited<ReturnType<typeof startWorker>>,
  id: string,
  size: number,
  kept?: { bytes: number; hashState: Uint8Array },
) {
  return w.post({
    t: 'open',
    dir: 'in',
    id,
    at: kept?.bytes ?? 0,
    size,
    ...(kept && { hashState: kept.hashState }),
  });
}

/** The bytes of `file` from `from`, in messages of `chunk` bytes. */
function messages(file: Uint8Array, from: number, chunk: number): Uint8Array[] {
  const out: Uint8Array[] = [];
  for (let at = from; at < file.byteLength; at += chunk) out.push(file.subarray(at, at + chunk));
  return out;
}

const last = <T extends ReceiveReply['t']>(replies: ReceiveReply[], t: T) =>
  replies.filter((r) => r.t === t).at(-1) as Extract<ReceiveReply, { t: T }> | undefined;

afterEach(() => vi.unstubAllGlobals());

describe('receive.worker', () => {
  it('cut after any message, resumes from its last checkpoint and ends verified, byte-identical', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 0, max: 5 * MiB }),
        fc.constantFrom(16 * KiB, 64 * KiB, 256 * KiB),
        fc.double({ min: 0, max: 1, noNaN: true }),
        async (size, chunk, cutAt) => {
          const opfs = new FakeOpfs();
          vi.stubGlobal('navigator', opfs.navigator);
          const file = fileOf(size, size & 0xff);
          const parts = messages(file, 0, chunk);
          // First connection: cut after some of the bytes (no `end`), the page keeps the part.
          const first = await startWorker();
          await openFile(first, 'f', size);
          expect(first.replies[0]).toMatchObject({ t: 'opened', bytes: 0 });
          first.deliver(encodeControl({ t: 'from', id: 'f', offset: 0 }));
          const cut = Math.floor(parts.length * cutAt);
          for (const p of parts.slice(0, cut)) first.deliver(p);
          await first.post({ t: 'keep' });
          const kept = last(first.replies, 'kept')!;
          expect(first.channel.closed).toBe(true);
          // What was kept is on disk, and it is the file's beginning.
          const stored = opfs.file('in', 'f')!.bytes;
          expect(kept.bytes).toBe(stored.byteLength);
          expect(sha256(stored)).toBe(sha256(file.subarray(0, kept.bytes)));
          // Every checkpoint stood on bytes already on disk.
          for (const c of first.replies.filter((r) => r.t === 'checkpoint'))
            expect(c.bytes).toBeLessThanOrEqual(kept.bytes);

          // Second connection: the sender goes on from where the receiver stands.
          const second = await startWorker();
          await openFile(second, 'f', size, kept);
          const opened = second.replies[0] as Extract<ReceiveReply, { t: 'opened' }>;
          expect(opened.prefix).toBe(sha256(file.subarray(0, kept.bytes)));
          second.deliver(encodeControl({ t: 'from', id: 'f', offset: kept.bytes }));
          for (const p of messages(file, kept.bytes, chunk)) second.deliver(p);
          second.deliver(encodeControl({ t: 'end', id: 'f', sha256: sha256(file) }));
          expect(last(second.replies, 'end')).toEqual({
            t: 'end',
            ok: true,
            sha256: sha256(file),
            bytes: size,
          });
          expect(sha256(opfs.file('in', 'f')!.bytes)).toBe(sha256(file));
          expect(opfs.file('in', 'f')!.held).toBe(false);
        },
      ),
      { numRuns: 30 },
    );
  });

  it("never says ok for bytes that differ from the sender's, or fewer of them", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 1, max: 2 * MiB }),
        fc.double({ min: 0, max: 1, noNaN: true, maxExcluded: true }),
        fc.boolean(),
        async (size, where, truncate) => {
          vi.stubGlobal('navigator', new FakeOpfs().navigator);
          const file = fileOf(size, 7);
          const sent = file.slice(0, truncate ? Math.floor(size * where) : size);
          if (!truncate) sent[Math.floor(size * where)] ^= 0x01;
          const w = await startWorker();
          await openFile(w, 't', size);
          w.deliver(encodeControl({ t: 'from', id: 't', offset: 0 }));
          for (const p of messages(sent, 0, 16 * KiB)) w.deliver(p);
          w.deliver(encodeControl({ t: 'end', id: 't', sha256: sha256(file) }));
          expect(last(w.replies, 'end')).toMatchObject({ ok: false });
        },
      ),
      { numRuns: 30 },
    );
  });

  it('names bytes before `from`, more bytes than announced, and a resume at an offset never offered', async () => {
    vi.stubGlobal('navigator', new FakeOpfs().navigator);
    const early = await startWorker();
    await openFile(early, 'a', 10);
    early.deliver(new Uint8Array(4));
    expect(last(early.replies, 'failed')).toMatchObject({ kind: 'protocol' });

    const over = await startWorker();
    await openFile(over, 'b', 10);
    over.deliver(encodeControl({ t: 'from', id: 'b', offset: 0 }));
    over.deliver(new Uint8Array(11));
    expect(last(over.replies, 'failed')).toMatchObject({ kind: 'oversize' });

    const offset = await startWorker();
    await openFile(offset, 'c', 10);
    offset.deliver(encodeControl({ t: 'from', id: 'c', offset: 5 }));
    expect(last(offset.replies, 'failed')).toMatchObject({ kind: 'offset' });
  });

  it('starts over when the sender says its file changed (from 0 after a kept part)', async () => {
    const opfs = new FakeOpfs();
    vi.stubGlobal('navigator', opfs.navigator);
    const old = fileOf(3 * MiB, 1);
    const first = await startWorker();
    await openFile(first, 'd', old.byteLength);
    first.deliver(encodeControl({ t: 'from', id: 'd', offset: 0 }));
    for (const p of messages(old, 0, 64 * KiB).slice(0, 30)) first.deliver(p);
    await first.post({ t: 'keep' });
    const kept = last(first.replies, 'kept')!;
    expect(kept.bytes).toBeGreaterThan(0);
    const changed = fileOf(3 * MiB, 2);
    const second = await startWorker();
    await openFile(second, 'd', changed.byteLength, kept);
    second.deliver(encodeControl({ t: 'from', id: 'd', offset: 0 }));
    for (const p of messages(changed, 0, 64 * KiB)) second.deliver(p);
    second.deliver(encodeControl({ t: 'end', id: 'd', sha256: sha256(changed) }));
    expect(last(second.replies, 'end')).toMatchObject({ ok: true });
    expect(sha256(opfs.file('in', 'd')!.bytes)).toBe(sha256(changed));
  });

  it("names a storage failure with the browser's error, and removes the file when asked", async () => {
    const opfs = new FakeOpfs();
    opfs.failWrite = (at) =>
      at >= MiB ? new DOMException('The disk is full.', 'QuotaExceededError') : null;
    vi.stubGlobal('navigator', opfs.navigator);
    const w = await startWorker();
    await openFile(w, 'q', 3 * MiB);
    w.deliver(encodeControl({ t: 'from', id: 'q', offset: 0 }));
    for (const p of messages(fileOf(3 * MiB, 3), 0, 256 * KiB)) w.deliver(p);
    expect(last(w.replies, 'failed')).toEqual({
      t: 'failed',
      kind: 'storage',
      message: 'The disk is full.',
      name: 'QuotaExceededError',
    });
    await w.post({ t: 'remove' });
    expect(last(w.replies, 'removed')).toBeDefined();
    expect(opfs.file('in', 'q')).toBeUndefined();
  });

  it('waits for a file another writer still holds, and says so', async () => {
    const opfs = new FakeOpfs();
    vi.stubGlobal('navigator', opfs.navigator);
    const holder = await startWorker();
    await openFile(holder, 'h', 100);
    const next = await startWorker();
    const opening = openFile(next, 'h', 100);
    await new Promise((r) => setTimeout(r, 20));
    expect(next.replies).toEqual([{ t: 'waiting' }]);
    await holder.post({ t: 'keep' });
    await opening;
    expect(last(next.replies, 'opened')).toMatchObject({ bytes: 0 });
  });
});
