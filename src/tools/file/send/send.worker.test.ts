// The sending worker, run in Node: a stand-in `self`, a fake data channel with a buffer that
// drains a task later, and FileReader played by Blob.arrayBuffer().
import fc from 'fast-check';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { fakeFileReader } from './fake-file-reader';
import { parseControl, FILE_WATERMARKS } from '../protocol/file-protocol';
import type { SendReply, SendRequest } from './send.worker';
import { joinBytes as joined, patternedFile as fileOf, sha256Hex as sha256 } from '../test-bytes';

const KiB = 1024;

/** The bytes channel: what is sent, a buffer the "network" drains, the most it ever held. */
class FakeBytesChannel extends EventTarget {
  readyState: RTCDataChannelState = 'open';
  binaryType = 'blob';
  bufferedAmount = 0;
  bufferedAmountLowThreshold = 0;
  maxBuffered = 0;
  readonly sent: (string | Uint8Array)[] = [];
  send(data: string | ArrayBufferView): void {
    if (this.readyState !== 'open') throw new Error('closed');
    const copy =
      typeof data === 'string'
        ? data
        : new Uint8Array(data.buffer, data.byteOffset, data.byteLength).slice();
    this.sent.push(copy);
    const size = typeof copy === 'string' ? copy.length : copy.byteLength;
    this.bufferedAmount += size;
    this.maxBuffered = Math.max(this.maxBuffered, this.bufferedAmount);
    setTimeout(() => {
      const before = this.bufferedAmount;
      this.bufferedAmount -= size;
      if (
        before > this.bufferedAmountLowThreshold &&
        this.bufferedAmount <= this.bufferedAmountLowThreshold
      )
        this.dispatchEvent(new Event('bufferedamountlow'));
    });
  }
  close(): void {
    this.readyState = 'closed';
  }
  /** The control messages and the bytes, apart. */
  parts() {
    const controls = this.sent.filter((s): s is string => typeof s === 'string').map(parseControl);
    const bytes = this.sent.filter((s): s is Uint8Array => typeof s !== 'string');
    return { controls, bytes };
  }
}

/** A fresh copy of the worker module, talking to the test. */
async function startWorker() {
  const replies: SendReply[] = [];
  let onReply = () => {};
  const self = {
    onmessage: null as ((e: { data: SendRequest }) => void) | null,
    closed: false,
    postMessage(m: SendReply) {
      replies.push(m);
      onReply();
    },
    close() {
      this.closed = true;
    },
  };
  vi.stubGlobal('self', self);
  vi.resetModules();
  await import('./send.worker');
  const post = (m: SendRequest) => self.onmessage!({ data: m });
  /** Resolves with the first reply of type `t` (from now or before). */
  const until = <T extends SendReply['t']>(t: T) =>
    new Promise<Extract<SendReply, { t: T }>>((resolve) => {
      const look = () => {
        const found = replies.find((r) => r.t === t);
        if (found) resolve(found as Extract<SendReply, { t: T }>);
      };
      onReply = look;
      look();
    });
  return { self, replies, post, until };
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
          const channel = new FakeBytesChannel();
          worker.post({
            t: 'send',
            id: 'x',
            file,
            from: 0,
            channel: channel as unknown as RTCDataChannel,
            pace: { chunk, rate: 0 },
          });
          await worker.until('sent');
          const { controls, bytes: parts } = channel.parts();
          expect(controls).toEqual([
            { t: 'from', id: 'x', offset: 0 },
            { t: 'end', id: 'x', sha256: sha256(bytes) },
          ]);
          expect(channel.sent[0]).toBeTypeOf('string');
          expect(channel.sent.at(-1)).toBeTypeOf('string');
          expect(sha256(joined(parts))).toBe(sha256(bytes));
          expect(parts.every((p) => p.byteLength > 0 && p.byteLength <= chunk)).toBe(true);
          // Backpressure: never more than the high mark plus one message waits.
          expect(channel.maxBuffered).toBeLessThanOrEqual(FILE_WATERMARKS.high + chunk);
          expect(channel.binaryType).toBe('arraybuffer');
          const progress = worker.replies.filter((r) => r.t === 'progress');
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
          const channel = new FakeBytesChannel();
          worker.post({
            t: 'send',
            id: 'r',
            file,
            from: offset,
            channel: channel as unknown as RTCDataChannel,
            pace: { chunk: 16 * KiB, rate: 0 },
          });
          await worker.until('sent');
          const { controls, bytes: parts } = channel.parts();
          expect(controls).toEqual([
            { t: 'from', id: 'r', offset },
            { t: 'end', id: 'r', sha256: sha256(bytes) },
          ]);
          // Nothing before the receiver's checkpoint is sent again.
          expect(sha256(joined(parts))).toBe(sha256(bytes.subarray(offset)));
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
    const channel = new FakeBytesChannel();
    worker.post({
      t: 'send',
      id: 'w',
      file,
      from: 50 * KiB,
      channel: channel as unknown as RTCDataChannel,
      pace: { chunk: 16 * KiB, rate: 0 },
    });
    const failed = await worker.until('failed');
    expect(failed.note).toMatch(/not checked up to byte/);
    expect(channel.parts().bytes).toEqual([]);
  });

  it('names an unreadable file', async () => {
    vi.stubGlobal('FileReader', fakeFileReader(() => true).FileReader);
    const worker = await startWorker();
    const channel = new FakeBytesChannel();
    worker.post({
      t: 'send',
      id: 'u',
      file: fileOf(10, 1).file,
      from: 0,
      channel: channel as unknown as RTCDataChannel,
      pace: { chunk: 16 * KiB, rate: 0 },
    });
    expect(await worker.until('failed')).toEqual({
      t: 'failed',
      note: 'The file could not be read.',
    });
  });

  it('stops at once: the channel closes, nothing more is sent, and the worker ends', async () => {
    vi.stubGlobal('FileReader', fakeFileReader().FileReader);
    const worker = await startWorker();
    const channel = new FakeBytesChannel();
    const { file } = fileOf(8 * 1024 * KiB, 9);
    worker.post({
      t: 'send',
      id: 's',
      file,
      from: 0,
      channel: channel as unknown as RTCDataChannel,
      pace: { chunk: 16 * KiB, rate: 0 },
    });
    await worker.until('progress');
    worker.post({ t: 'stop' });
    const count = channel.sent.length;
    await new Promise((r) => setTimeout(r, 50));
    expect(channel.readyState).toBe('closed');
    expect(channel.sent.length).toBe(count);
    expect(worker.self.closed).toBe(true);
    expect(worker.replies.some((r) => r.t === 'sent' || r.t === 'failed')).toBe(false);
  });
});
