import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { BatchManifest } from '../protocol/manifest';
import type { BatchReceiveRequest } from './batch-worker-messages';
import type { ReceivedFileRecord } from '../../../store/received-files';
import type { BatchPartial } from '../../../store/batch-partials';
import { FakeControlChannel } from './fake-control-channel';
import { FakeBatchWorker } from './fake-batch-worker';

// Storage played by the test: the records already here, what gets added, the space left.
const stored: ReceivedFileRecord[] = [];
const added: ReceivedFileRecord[][] = [];
let free: number | null = null;
/** Stored packs by name (their sizes), and those removed. */
const packs = new Map<string, number>();
const removedPacks: string[] = [];
vi.mock('../../../store/received-files', () => ({
  RECEIVED_DIR: 'received',
  listReceivedFiles: async () => stored,
  addReceivedFiles: async (records: ReceivedFileRecord[]) => void added.push(records),
  addReceivedFolders: async () => {},
  freeSpace: async () => free,
  receivedFileContent: async (id: string) => {
    if (!packs.has(id)) throw new Error('no such file');
    return { size: packs.get(id) };
  },
  deleteReceivedContent: async (id: string) => void removedPacks.push(id),
}));
// The file a batch was cut inside, as kept.
const partials = new Map<string, BatchPartial>();
vi.mock('../../../store/batch-partials', () => ({
  readBatchPartial: async (batch: string) => partials.get(batch),
  saveBatchPartial: async (p: BatchPartial) => void partials.set(p.batch, p),
  deleteBatchPartial: async (batch: string) => void partials.delete(batch),
}));

type FakeWorker = FakeBatchWorker<BatchReceiveRequest>;
const last = () => FakeBatchWorker.all.at(-1) as FakeWorker;
vi.stubGlobal('Worker', FakeBatchWorker);

const { IncomingBatches, fileId } = await import('./incoming-batches');

const manifest = (paths: string[]): BatchManifest => ({
  t: 'batch',
  id: 'b1',
  files: paths.map((path) => ({ path, size: 10, type: '', lastModified: 0 })),
  emptyFolders: [],
});
const record = (index: number): ReceivedFileRecord => ({
  id: fileId('b1', index),
  name: 'x',
  size: 10,
  type: '',
  lastModified: 0,
  sha256: '',
  receivedAt: 0,
  via: 'data channel',
  batch: 'b1',
});
const settle = () => new Promise((resolve) => setTimeout(resolve, 0));
const progressOf = () => ({ fileCount: 0, filesDone: 0, filesCorrupt: 0, bytes: 0, totalBytes: 0 });

/** A batch offered to a receiver: its first manifest part came and the worker parsed it all. */
async function offered(paths: string[], autoAccept = true) {
  const batches = new IncomingBatches(new FakeControlChannel() as unknown as RTCDataChannel, {
    autoAccept,
  });
  const part = { t: 'batch-part', id: 'b1', part: 0, parts: 1, text: '' } as const;
  expect(batches.handleControl(part)).toBe(true);
  const worker = last();
  worker.reply({ t: 'offered', manifest: manifest(paths) });
  await settle();
  return { batches, worker };
}

beforeEach(() => {
  stored.length = 0;
  added.length = 0;
  free = null;
  packs.clear();
  removedPacks.length = 0;
  partials.clear();
});

describe('incoming batches', () => {
  it('take a new batch from its first file', async () => {
    const { worker } = await offered(['a/1', 'a/2']);
    expect(worker.asked.at(-1)).toMatchObject({
      t: 'accept',
      id: 'b1',
      from: { index: 0, offset: 0 },
    });
  });

  it('resume a batch after the files of it already here, without asking again', async () => {
    stored.push(record(0), record(1), record(3));
    const { batches, worker } = await offered(['a/1', 'a/2', 'a/3', 'a/4'], false);
    // Files 0 and 1 are here; 2 is not (3 is, but comes after the gap): from file 2.
    expect(worker.asked.at(-1)).toMatchObject({ t: 'accept', from: { index: 2, offset: 0 } });
    expect(batches.views()[0]).toMatchObject({ phase: 'moving', resumedFiles: 2 });
  });

  it('go on inside the file the batch was cut in, from the bytes kept of it', async () => {
    stored.push(record(0));
    partials.set('b1', { batch: 'b1', index: 1, pack: 'old', start: 10, length: 6 });
    packs.set('old', 16);
    const { batches, worker } = await offered(['a/1', 'a/2', 'a/3'], false);
    expect(worker.asked.at(-1)).toMatchObject({
      t: 'accept',
      from: { index: 1, offset: 6 },
      resume: { pack: 'old', start: 10 },
    });
    expect(batches.views()[0]).toMatchObject({ resumedFiles: 1, resumedPart: 6 });
    // Done: the part is forgotten, and its pack goes, since no file of it is stored.
    worker.reply({ t: 'ended', outcome: { t: 'complete', corrupt: [] }, progress: progressOf() });
    await settle();
    expect(partials.has('b1')).toBe(false);
    expect(removedPacks).toEqual(['old']);
  });

  it('start the cut file again when its kept bytes are gone, and keep a new cut', async () => {
    partials.set('b1', { batch: 'b1', index: 0, pack: 'old', start: 0, length: 6 });
    const { worker } = await offered(['a/1', 'a/2']);
    expect(worker.asked.at(-1)).toMatchObject({ t: 'accept', from: { index: 0, offset: 0 } });
    expect(worker.asked.at(-1)).not.toHaveProperty('resume');
    const partial = { index: 1, start: 10, length: 3 };
    const at = { index: 1, offset: 3 };
    worker.reply({
      t: 'ended',
      outcome: { t: 'interrupted', at },
      progress: progressOf(),
      partial,
    });
    await settle();
    expect(partials.get('b1')).toMatchObject({ index: 1, start: 10, length: 3 });
    expect(partials.get('b1')!.pack).toMatch(/^b1\./);
  });

  it('wait for the user with a batch not taken before', async () => {
    const { batches, worker } = await offered(['a/1'], false);
    expect(worker.asked.map((m) => m.t)).toEqual(['control']);
    expect(batches.views()[0]).toMatchObject({ phase: 'offered', name: 'a' });
  });

  it('refuse a batch with a path that climbs out of its folder, and say which', async () => {
    const { batches, worker } = await offered(['a/1', 'a/../../etc/passwd']);
    expect(worker.asked.at(-1)).toEqual({ t: 'decline', unsafe: 1 });
    expect(batches.views()[0]!.unsafePath).toMatchObject({ path: 'a/../../etc/passwd' });
  });

  it('refuse a batch the storage cannot hold, and say how much it needs', async () => {
    free = 15;
    const { batches, worker } = await offered(['a/1', 'a/2']);
    expect(worker.asked.at(-1)).toEqual({ t: 'decline' });
    expect(batches.views()[0]!.noSpace).toEqual({ needs: 20, grants: 15 });
  });

  it('record verified files in groups, and end only once they are recorded', async () => {
    const { batches, worker } = await offered(['a/1', 'a/2']);
    worker.reply({ t: 'stored', files: [{ index: 0, start: 0, sha256: 'aa' }] });
    worker.reply({ t: 'stored', files: [{ index: 1, start: 10, sha256: 'bb' }] });
    const progress = { fileCount: 2, filesDone: 2, filesCorrupt: 0, bytes: 20, totalBytes: 20 };
    worker.reply({ t: 'ended', outcome: { t: 'complete', corrupt: [] }, progress });
    await settle();
    expect(added.map((g) => g.map((r) => [r.id, r.path, r.pack!.start, r.sha256]))).toEqual([
      [['b1.0', 'a/1', 0, 'aa']],
      [['b1.1', 'a/2', 10, 'bb']],
    ]);
    expect(batches.views()[0]).toMatchObject({ phase: 'over', outcome: { t: 'complete' } });
    expect(worker.terminated).toBe(true);
  });
});
