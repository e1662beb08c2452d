// The page's side of a file's bytes on their way in, with the real receiving worker run in Node
// (see session/worker-module.ts) over an in-memory OPFS: the channel moved to the worker, or its
// messages forwarded where it cannot move.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ReceivePipe, OpenFailed, type ReceiveEvents } from './receive-pipe';
import { FakeOpfs } from '../../../store/fake-opfs';
import { encodeControl } from '../protocol/file-protocol';
import { channelPair, moduleWorker } from '../session/worker-module';
import type { ReceiveReply, ReceiveRequest } from './receive.worker';
import { patterned, sha256Hex as sha256 } from '../test-bytes';

const KiB = 1024;
const MiB = 1024 * KiB;
const FakeWorker = moduleWorker<ReceiveRequest, ReceiveReply>(() => import('./receive.worker'));

/** What the pipe told the page, and a promise of its `end`. */
function recorder() {
  const seen = { progress: 0, from: -1, checkpoints: [] as number[], failed: [] as string[] };
  let ended: (v: { ok: boolean; sha256: string; bytes: number }) => void = () => {};
  const end = new Promise<{ ok: boolean; sha256: string; bytes: number }>((r) => (ended = r));
  const events: ReceiveEvents = {
    progress: (bytes) => (seen.progress = bytes),
    from: (offset) => (seen.from = offset),
    checkpoint: (bytes) => seen.checkpoints.push(bytes),
    end: (ok, sha, bytes) => ended({ ok, sha256: sha, bytes }),
    failed: (kind, message) => seen.failed.push(`${kind}: ${message}`),
  };
  return { seen, events, end };
}

/** The sender's end: `from`, the bytes from `offset` in 64 KiB messages, `end`. */
function sendFrom(
  near: { send(d: string | Uint8Array): void },
  file: Uint8Array,
  offset: number,
  upTo = file.byteLength,
) {
  near.send(encodeControl({ t: 'from', id: 'x', offset }));
  for (let at = offset; at < upTo; at += 64 * KiB)
    near.send(file.subarray(at, Math.min(upTo, at + 64 * KiB)));
  if (upTo === file.byteLength)
    near.send(encodeControl({ t: 'end', id: 'x', sha256: sha256(file) }));
}

let opfs: FakeOpfs;
beforeEach(() => {
  FakeWorker.refuseChannels = false;
  opfs = new FakeOpfs();
  vi.stubGlobal('Worker', FakeWorker);
  vi.stubGlobal('navigator', opfs.navigator);
});
afterEach(() => vi.unstubAllGlobals());

describe('ReceivePipe', () => {
  for (const where of ['worker', 'page'] as const)
    it(`takes the bytes in the ${where}: stored byte-identical, checkpoints on the way, a verified end`, async () => {
      FakeWorker.refuseChannels = where === 'page';
      const file = patterned(3 * MiB + 7);
      const r = recorder();
      const pipe = await ReceivePipe.open('in-1', file.byteLength, r.events);
      expect(pipe.start.bytes).toBe(0);
      const [near, far] = channelPair();
      pipe.attach(far as unknown as RTCDataChannel);
      expect(pipe.where).toBe(where);
      sendFrom(near, file, 0);
      expect(await r.end).toEqual({ ok: true, sha256: sha256(file), bytes: file.byteLength });
      expect(r.seen.from).toBe(0);
      expect(r.seen.checkpoints.length).toBeGreaterThan(0);
      expect(sha256(opfs.file('received', 'in-1')!.bytes)).toBe(sha256(file));
      pipe.release();
    });

  it('kept mid-way, opens again where it stood and goes on from there', async () => {
    const file = patterned(3 * MiB);
    const first = recorder();
    const pipe = await ReceivePipe.open('in-2', file.byteLength, first.events);
    const [near, far] = channelPair();
    pipe.attach(far as unknown as RTCDataChannel);
    sendFrom(near, file, 0, 2 * MiB);
    await new Promise((r) => setTimeout(r, 50));
    const kept = await pipe.keep();
    expect(kept.bytes).toBe(2 * MiB);

    const second = recorder();
    const again = await ReceivePipe.open('in-2', file.byteLength, second.events, kept);
    expect(again.start.bytes).toBe(kept.bytes);
    expect(again.prefix).toBe(sha256(file.subarray(0, kept.bytes)));
    const [near2, far2] = channelPair();
    again.attach(far2 as unknown as RTCDataChannel);
    sendFrom(near2, file, kept.bytes);
    expect(await second.end).toMatchObject({ ok: true, sha256: sha256(file) });
  });

  it('waits for a file another writer still holds, saying so, and opens it once released', async () => {
    const holder = await ReceivePipe.open('in-3', 100, recorder().events);
    let waited = 0;
    const opening = ReceivePipe.open('in-3', 100, recorder().events, undefined, () => waited++);
    await new Promise((r) => setTimeout(r, 100));
    expect(waited).toBe(1);
    await holder.keep();
    const pipe = await opening;
    expect(pipe.start.bytes).toBe(0);
  });

  it('a browser without file storage fails the open with a storage note', async () => {
    vi.stubGlobal('navigator', {});
    await expect(ReceivePipe.open('in-4', 100, recorder().events)).rejects.toBeInstanceOf(
      OpenFailed,
    );
  });

  it('a full disk mid-file is told to the page as a storage failure, and remove deletes the file', async () => {
    opfs.failWrite = (at) =>
      at >= MiB ? new DOMException('The disk is full.', 'QuotaExceededError') : null;
    const r = recorder();
    const pipe = await ReceivePipe.open('in-5', 3 * MiB, r.events);
    const [near, far] = channelPair();
    pipe.attach(far as unknown as RTCDataChannel);
    sendFrom(near, patterned(3 * MiB), 0);
    await vi.waitFor(() => expect(r.seen.failed.length).toBe(1));
    expect(r.seen.failed[0]).toMatch(/^storage: /);
    await pipe.remove();
    expect(opfs.file('received', 'in-5')).toBeUndefined();
  });
});
