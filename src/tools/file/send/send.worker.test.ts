// The sending worker, run in Node (see session/worker-module.ts): a fake channel pair whose
// buffer drains a task later, and FileReader played by Blob.arrayBuffer().
import fc from 'fast-check';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { fakeFileReader } from './fake-file-reader';
import { FILE_WATERMARKS } from '../protocol/file-protocol';
import { arrivals, channelPair, runWorkerModule } from '../session/worker-module';
import type { SendReply, SendRequest } from './send.worker';
import { patternedFile as fileOf, sha256Hex as sha256 } from '../test-bytes';

const KiB = 1024;

/** A fresh copy of the worker module, talking to the test. */
async function startWorker() {
  const worker = await runWorkerModule<SendRequest, SendReply>(() => import('./send.worker'));
  return {
    worker,
    post: (m: SendRequest) => worker.post(m),
    /** Resolves with the first reply of type `t` (from now or before). */
    until: <T extends SendReply['t']>(t: T) =>
      worker.until((r): r is Extract<SendReply, { t: T }> => r.t === t),
  };
}

/** `file` from `from` sent on a fresh channel pair: the near end, and what reached the far one. */
function sendOn(
  worker: Awaited<ReturnType<typeof startWorker>>,
  id: string,
  file: File,
  from: number,
  chunk = 16 * KiB,
) {
  const [near, far] = channelPair();
  const got = arrivals(far);
  void worker.post({
    t: 'send',
    id,
    file,
    from,
    channel: near as unknown as RTCDataChannel,
    pace: { chunk, rate: 0 },
  });
  return { near, got };
}

afterEach(() => vi.unstubAllGlobals());

describe('send.worker', () => {
  it("sends `from`, the bytes in messages of the chosen size, and `end` with the whole file's SHA-256", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          fc.integer({ min: 0, max: 3 * 1024 * KiB }),
          fc.constantFrom(0, 1, 16 * KiB, 1024 * KiB, 1024 * KiB + 1),
        ),
        fc.constantFrom(16 * KiB, 64 * KiB, 256 * KiB),
        async (size, chunk) => {
          vi.stubGlobal('FileReader', fakeFileReader().FileReader);
          const worker = await startWorker();
          const { file, bytes } = fileOf(size, size);
          const { near, got } = sendOn(worker, 'x', file, 0, chunk);
          await worker.until('sent');
          await new Promise((r) => setTimeout(r));
          expect(got.controls).toEqual([
            { t: 'from', id: 'x', offset: 0 },
            { t: 'end', id: 'x', sha256: sha256(bytes) },
          ]);
          expect(got.kinds[0]).toBe('control');
          expect(got.kinds.at(-1)).toBe('control');
          expect(sha256(got.bytes())).toBe(sha256(bytes));
          expect(got.parts.every((p) => p.byteLength > 0 && p.byteLength <= chunk)).toBe(true);
          // Backpressure: never more than the high mark plus one message waits.
          expect(near.maxBuffered).toBeLessThanOrEqual(FILE_WATERMARKS.high + chunk);
          expect(near.binaryType).toBe('arraybuffer');
          const progress = worker.worker.replies.filter((r) => r.t === 'progress');
          expect(progress.at(-1)).toMatchObject({ bytes: size });
        },
      ),
      { numRuns: 25 },
    );
  });

  it('resumes after a matching check: only the rest goes, and `end` still covers the whole file', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 1, max: 600 * KiB }),
        fc.integer({ min: 0, max: 100 }),
        async (size, pct) => {
          vi.stubGlobal('FileReader', fakeFileReader().FileReader);
          const offset = Math.floor((size * pct) / 100);
          const { file, bytes } = fileOf(size, 3);
          const worker = await startWorker();
          worker.post({ t: 'check', file, offset, prefix: sha256(bytes.subarray(0, offset)) });
          expect(await worker.until('checked')).toEqual({ t: 'checked', same: true });
          const { got } = sendOn(worker, 'r', file, offset);
          await worker.until('sent');
          await new Promise((r) => setTimeout(r));
          expect(got.controls).toEqual([
            { t: 'from', id: 'r', offset },
            { t: 'end', id: 'r', sha256: sha256(bytes) },
          ]);
          // Nothing before the receiver's checkpoint is sent again.
          expect(sha256(got.bytes())).toBe(sha256(bytes.subarray(offset)));
        },
      ),
      { numRuns: 20 },
    );
  });

  it("refuses to go on from a part that is not this file's beginning", async () => {
    vi.stubGlobal('FileReader', fakeFileReader().FileReader);
    const { file } = fileOf(100 * KiB, 5);
    const worker = await startWorker();
    worker.post({ t: 'check', file, offset: 50 * KiB, prefix: '0'.repeat(64) });
    expect(await worker.until('checked')).toEqual({ t: 'checked', same: false });
    const { got } = sendOn(worker, 'w', file, 50 * KiB);
    const failed = await worker.until('failed');
    expect(failed.note).toMatch(/not checked up to byte/);
    expect(got.parts).toEqual([]);
  });

  it('names an unreadable file', async () => {
    vi.stubGlobal('FileReader', fakeFileReader(() => true).FileReader);
    const worker = await startWorker();
    sendOn(worker, 'u', fileOf(10, 1).file, 0);
    expect(await worker.until('failed')).toEqual({
      t: 'failed',
      note: 'The file could not be read.',
    });
  });

  it('stops at once: the channel closes, nothing more is sent, and the worker ends', async () => {
    vi.stubGlobal('FileReader', fakeFileReader().FileReader);
    const worker = await startWorker();
    const { near } = sendOn(worker, 's', fileOf(8 * 1024 * KiB, 9).file, 0);
    await worker.until('progress');
    worker.post({ t: 'stop' });
    const count = near.messagesSent;
    await new Promise((r) => setTimeout(r, 50));
    expect(near.readyState).toBe('closed');
    expect(near.messagesSent).toBe(count);
    expect(worker.worker.closed).toBe(true);
    expect(worker.worker.replies.some((r) => r.t === 'sent' || r.t === 'failed')).toBe(false);
  });
});
