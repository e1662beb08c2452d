import { describe, expect, it, vi } from 'vitest';
import type { BatchSendRequest } from './batch-worker-messages';
import { FakeControlChannel } from './fake-control-channel';
import { FakeBatchWorker } from './fake-batch-worker';
import type { SessionOutcome } from './session-outcome';

type FakeWorker = FakeBatchWorker<BatchSendRequest>;
const last = () => FakeBatchWorker.all.at(-1) as FakeWorker;
vi.stubGlobal('Worker', FakeBatchWorker);

const { OutgoingBatches, batchLimits } = await import('./outgoing-batches');

const settle = () => new Promise((resolve) => setTimeout(resolve, 0));
const progress = { fileCount: 3, filesDone: 1, filesCorrupt: 0, bytes: 1, totalBytes: 3 };
const file = (name: string) => new File(['x'], name);

/** A sender to device `device`, and the channels it opened for batches' bytes. */
function sender(device = 'd1') {
  const control = new FakeControlChannel();
  const opened: string[] = [];
  const batches = new OutgoingBatches(
    control as unknown as RTCDataChannel,
    (label) => {
      opened.push(label);
      return { label, close() {} } as unknown as RTCDataChannel;
    },
    async () => ({ chunk: 16384, rate: 0 }),
    () => device,
  );
  return { batches, control, opened };
}

async function sending(device = 'd1') {
  const s = sender(device);
  s.batches.send(
    [0, 1, 2].map((i) => ({ file: file(`${i}`), path: `tree/${i}` })),
    ['tree/empty'],
  );
  await settle();
  const worker = last();
  return { ...s, worker, id: s.batches.views()[0]!.id };
}

describe('outgoing batches', () => {
  it('hand the worker the files, then the paths to offer them under', async () => {
    const { worker, id } = await sending();
    expect(worker.asked.map((m) => m.t)).toEqual(['files', 'start']);
    expect(worker.asked[1]).toMatchObject({
      t: 'start',
      id,
      paths: ['tree/0', 'tree/1', 'tree/2'],
      emptyFolders: ['tree/empty'],
      limits: batchLimits(16384),
    });
  });

  it('relay the worker control messages, and open the bytes channel before the accept', async () => {
    const { batches, worker, control, opened, id } = await sending();
    const part = { t: 'batch-part', id, part: 0, parts: 1, text: '{}' } as const;
    worker.reply({ t: 'control', message: part });
    expect(JSON.parse(control.sent[0]!)).toEqual(part);
    const accept = { t: 'batch-accept', id, from: { index: 1, offset: 0 } } as const;
    expect(batches.handleControl(accept)).toBe(true);
    expect(opened).toEqual([`+batch:${id}`]);
    expect(worker.asked.slice(-2).map((m) => m.t)).toEqual(['channel', 'control']);
    expect(batches.views()[0]!.phase).toBe('moving');
    // Another batch's message is not ours.
    expect(batches.handleControl({ ...accept, id: 'other' })).toBe(false);
  });

  it('keep a batch cut by the connection, and offer it again only to its device', async () => {
    const { batches, worker, control } = await sending('d1');
    control.close();
    expect(worker.asked.at(-1)).toEqual({ t: 'closed' });
    const interrupted: SessionOutcome = { t: 'interrupted' };
    worker.reply({ t: 'ended', outcome: interrupted, progress });
    expect(batches.views()[0]).toMatchObject({ phase: 'interrupted', outcome: interrupted });
    expect(worker.terminated).toBe(true);

    const later = sender('d1');
    later.batches.adopt(batches.takeInterrupted(), () => false);
    expect(batches.views()).toEqual([]);
    later.batches.resumeFor('d2');
    await settle();
    expect(later.batches.views()[0]!.phase).toBe('interrupted');
    later.batches.resumeFor('d1');
    await settle();
    const again = last();
    expect(again).not.toBe(worker);
    expect(again.asked.map((m) => m.t)).toEqual(['files', 'start']);
    expect(later.batches.views()[0]!.phase).toBe('offered');
  });

  it('take away only the interrupted batches asked for', async () => {
    const { batches, worker, control } = await sending('d1');
    control.close();
    worker.reply({ t: 'ended', outcome: { t: 'interrupted' }, progress });
    expect(batches.takeInterrupted((b) => b.device === 'd2')).toEqual([]);
    expect(batches.takeInterrupted((b) => b.device === 'd1')).toHaveLength(1);
  });

  it('a failure of the worker shows with the batch', async () => {
    const { batches, worker } = await sending();
    worker.reply({ t: 'failed', name: 'NotReadableError', message: 'gone' });
    const aborted: SessionOutcome = { t: 'ended', code: 'aborted', index: 0, by: 'here' };
    worker.reply({ t: 'ended', outcome: aborted, progress });
    expect(batches.views()[0]).toMatchObject({
      phase: 'over',
      failure: { name: 'NotReadableError', message: 'gone' },
    });
  });
});
