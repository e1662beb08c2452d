// The page's side of a file's bytes on their way out, with the real sending worker run in Node
// (see session/worker-module.ts): where the browser moves the data channel to the worker, and
// where it cannot (DataCloneError) and the page sends the worker's blocks itself.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { SendPipe } from './send-pipe';
import { fakeFileReader } from './fake-file-reader';
import { arrivals, channelPair, moduleWorker } from '../session/worker-module';
import type { SendReply, SendRequest } from './send.worker';
import { patternedFile as fileOf, sha256Hex as sha256 } from '../test-bytes';

const KiB = 1024;

/** `new Worker(send.worker)`, run here. */
const FakeWorker = moduleWorker<SendRequest, SendReply>(() => import('./send.worker'));

beforeEach(() => {
  FakeWorker.refuseChannels = false;
  vi.stubGlobal('Worker', FakeWorker);
  vi.stubGlobal('FileReader', fakeFileReader().FileReader);
});
afterEach(() => vi.unstubAllGlobals());

describe('SendPipe', () => {
  for (const where of ['worker', 'page'] as const)
    it(`sends from the ${where}: \`from\`, the bytes, \`end\` with the SHA-256; progress reaches the page`, async () => {
      FakeWorker.refuseChannels = where === 'page';
      const { file, bytes } = fileOf(1200 * KiB + 5, 1);
      const [near, far] = channelPair();
      const got = arrivals(far);
      let reports = 0;
      const pipe = new SendPipe(() => reports++);
      await pipe.send('id1', file, 0, near as unknown as RTCDataChannel, {
        chunk: 64 * KiB,
        rate: 0,
      });
      await new Promise((r) => setTimeout(r, 10));
      expect(pipe.where).toBe(where);
      expect(got.controls).toEqual([
        { t: 'from', id: 'id1', offset: 0 },
        { t: 'end', id: 'id1', sha256: sha256(bytes) },
      ]);
      expect(sha256(got.bytes())).toBe(sha256(bytes));
      expect(pipe.bytes).toBe(bytes.byteLength);
      expect(reports).toBeGreaterThan(0);
    });

  it('checks the part the receiver holds, then sends only the rest', async () => {
    const { file, bytes } = fileOf(300 * KiB, 2);
    const offset = 100 * KiB;
    const pipe = new SendPipe(() => {});
    expect(await pipe.check(file, offset, sha256(bytes.subarray(0, offset)))).toBe(true);
    const [near, far] = channelPair();
    const got = arrivals(far);
    await pipe.send('id2', file, offset, near as unknown as RTCDataChannel, {
      chunk: 16 * KiB,
      rate: 0,
    });
    await new Promise((r) => setTimeout(r, 10));
    expect(got.controls[0]).toEqual({ t: 'from', id: 'id2', offset });
    expect(got.controls[1]).toEqual({ t: 'end', id: 'id2', sha256: sha256(bytes) });
    expect(sha256(got.bytes())).toBe(sha256(bytes.subarray(offset)));
    const other = new SendPipe(() => {});
    expect(await other.check(file, offset, '0'.repeat(64))).toBe(false);
  });

  for (const where of ['worker', 'page'] as const)
    it(`stopped from the ${where}, the send rejects with the reason and the channel closes`, async () => {
      FakeWorker.refuseChannels = where === 'page';
      const { file } = fileOf(8 * 1024 * KiB, 3);
      const [near] = channelPair();
      const pipe = new SendPipe(() => {});
      const sending = pipe.send('id3', file, 0, near as unknown as RTCDataChannel, {
        chunk: 16 * KiB,
        rate: 0,
      });
      await new Promise((r) => setTimeout(r, 20));
      pipe.stop(new Error('aborted by the user'));
      await expect(sending).rejects.toThrow('aborted by the user');
      await new Promise((r) => setTimeout(r, 10));
      expect(near.readyState).toBe('closed');
    });

  it("an unreadable file fails the send with the browser's words", async () => {
    vi.stubGlobal('FileReader', fakeFileReader(() => true).FileReader);
    const [near] = channelPair();
    const pipe = new SendPipe(() => {});
    await expect(
      pipe.send('id4', fileOf(10, 4).file, 0, near as unknown as RTCDataChannel, {
        chunk: 16 * KiB,
        rate: 0,
      }),
    ).rejects.toThrow('The file could not be read.');
  });
});
