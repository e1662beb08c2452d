// The file tool's ends over a loopback pair, with everything below them real: FileSender and
// FileReceiver, both workers (run in Node), the records in IndexedDB (fake-indexeddb) and the
// files in an in-memory OPFS. A second connection takes over what the first was cut in.
import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { FileEndsList, type FileEnds } from './file-ends';
import { channelPair, moduleWorker, type FakeChannelEnd } from './worker-module';
import { FakeOpfs } from '../../../store/fake-opfs';
import { fakeFileReader } from '../send/fake-file-reader';
import { RECEIVED_DIR, listReceivedFiles } from '../../../store/received-files';
import { patternedFile, sha256Hex } from '../test-bytes';
import type { PeerLink } from '../../../rtc/peer-link';
import { saveSettings } from '../../../store/settings';

const KiB = 1024;
const MiB = 1024 * KiB;

const SendWorker = moduleWorker(() => import('../send/send.worker'));
const ReceiveWorker = moduleWorker(() => import('../receive/receive.worker'));
/** `new Worker(url)`: the module the URL names, run here. */
class WorkerByUrl {
  constructor(url: URL) {
    return String(url).includes('send.worker') ? new SendWorker() : new ReceiveWorker();
  }
}

/** A peer connection's part the ends use: channels it opens arrive at its peer. */
class FakePc extends EventTarget {
  peer!: FakePc;
  readonly sctp = { maxMessageSize: 256 * KiB };
  /** Bytes channels opened, and their far ends. */
  readonly opened: FakeChannelEnd[] = [];
  createDataChannel(label: string): FakeChannelEnd {
    const [near, far] = channelPair();
    Object.assign(near, { label });
    Object.assign(far, { label });
    this.opened.push(near);
    setTimeout(() =>
      this.peer.dispatchEvent(Object.assign(new Event('datachannel'), { channel: far })),
    );
    return near;
  }
}

/** One loopback connection: the control channel's two ends and the two connections. */
function loopback(label = 'file') {
  const [mine, theirs] = channelPair();
  const local = new FakePc();
  const peer = new FakePc();
  local.peer = peer;
  peer.peer = local;
  const link = {
    phase: 'connected',
    channels: new Map([[label, mine]]),
    peerChannels: new Map([[label, theirs]]),
    local: { pc: local },
    peer: { pc: peer },
  } as unknown as PeerLink;
  /** The network goes: every channel of this connection closes. */
  const cut = () => {
    mine.cut();
    for (const c of local.opened) c.cut();
  };
  return { link, local, cut };
}

const events = () => ({
  changed: vi.fn(),
  saved: vi.fn(),
  arrived: vi.fn(),
  partials: vi.fn(),
  kept: vi.fn(),
});

let opfs: FakeOpfs;
beforeEach(() => {
  opfs = new FakeOpfs();
  vi.stubGlobal('Worker', WorkerByUrl);
  vi.stubGlobal('navigator', opfs.navigator);
  vi.stubGlobal('FileReader', fakeFileReader().FileReader);
});
afterEach(() => vi.unstubAllGlobals());

const states = (ends: FileEnds, way: 'sender' | 'receiver') => ends[way].items.map((i) => i.state);

describe('FileEndsList over loopback', () => {
  it('sends files to the other end: each verified, recorded and stored byte-identical', async () => {
    const list = new FileEndsList('file', events(), { thisPage: 'This page', unnamed: '?' });
    list.wireLoopback(loopback().link);
    const ends = list.ends[0]!;
    const files = [patternedFile(0, 1, 'empty.bin'), patternedFile(70 * KiB + 3, 2, 'a.bin')];
    ends.sender.enqueue(files.map((f) => f.file));
    // An empty file is said to be empty and not sent; the other arrives.
    await vi.waitFor(() => expect(states(ends, 'sender')).toEqual(['skipped', 'done']), 10_000);
    expect(ends.receiver.items.map((i) => [i.name, i.state])).toEqual([['a.bin', 'done']]);
    const record = (await listReceivedFiles()).find((r) => r.name === 'a.bin');
    expect(record).toMatchObject({ name: 'a.bin', size: files[1]!.bytes.byteLength });
    expect(record!.sha256).toBe(sha256Hex(files[1]!.bytes));
    expect(sha256Hex(opfs.file(RECEIVED_DIR, record!.id)!.bytes)).toBe(record!.sha256);
  });

  it('a file cut mid-way goes on in the next connection from what the receiver kept', async () => {
    // 2 MB/s, a limit Settings offer: the cut comes while the file is still on its way.
    await saveSettings({ fileSpeedLimitMB: 2 });
    const list = new FileEndsList('file', events(), { thisPage: 'This page', unnamed: '?' });
    const first = loopback();
    list.wireLoopback(first.link);
    const ends = list.ends[0]!;
    const big = patternedFile(4 * MiB, 3, 'big.bin');
    ends.sender.enqueue([big.file]);
    // Cut once more than a checkpoint's worth (1 MiB) has arrived.
    await vi.waitFor(
      () => expect(ends.receiver.items[0]?.bytes ?? 0).toBeGreaterThan(1.5 * MiB),
      10_000,
    );
    first.cut();
    await vi.waitFor(() => expect(states(ends, 'sender')).toEqual(['interrupted']), 10_000);
    await vi.waitFor(() => expect(states(ends, 'receiver')).toEqual(['interrupted']), 10_000);

    const second = loopback();
    list.wireLoopback(second.link);
    await saveSettings({ fileSpeedLimitMB: 0 });
    const next = list.ends.at(-1)!;
    expect(next).not.toBe(ends);
    // The new ends took the interrupted file over; the receiver's word (its device's kept part)
    // resumes it without a button.
    await vi.waitFor(() => expect(states(next, 'sender')).toEqual(['done']), 20_000);
    const item = next.sender.items[0]!;
    expect(item.resume).toMatchObject({ code: 'resumed-held' });
    const at = (item.resume as { at: number }).at;
    expect(at).toBeGreaterThan(MiB);
    // Only the rest went on the second connection.
    const sent = second.local.opened.reduce((n, c) => n + c.bytesSent, 0);
    expect(sent).toBe(big.bytes.byteLength - at);
    const record = (await listReceivedFiles()).find((r) => r.name === 'big.bin');
    expect(record?.sha256).toBe(sha256Hex(big.bytes));
    expect(sha256Hex(opfs.file(RECEIVED_DIR, record!.id)!.bytes)).toBe(sha256Hex(big.bytes));
  });
});
