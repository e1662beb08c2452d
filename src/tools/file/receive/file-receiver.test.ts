import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { PartialFile } from '../../../store/partial-files';
import type { ReceiveEvents } from './receive-pipe';
import { FakeControlChannel as FakeChannel } from '../session/fake-control-channel';

/** The stored partials, as the receivers' checkpoints leave them. */
const partials = new Map<string, PartialFile>();
/** What each opened pipe reports to, newest last. */
const opened: ReceiveEvents[] = [];

vi.mock('../../../store/partial-files', () => ({
  listPartials: async () => [...partials.values()],
  findPartial: async (id: string) => partials.get(id),
  savePartial: async (p: PartialFile, wanted: () => boolean = () => true) => {
    if (wanted()) partials.set(p.id, p);
  },
  forgetPartial: async (id: string) => void partials.delete(id),
  discardPartial: async (id: string) => void partials.delete(id),
}));

vi.mock('../../../store/received-files', () => ({
  freeSpace: async () => Number.MAX_SAFE_INTEGER,
  addReceivedFile: async () => {},
  addReceivedFolder: async () => {},
  receivedFileContent: async () => new File([], 'x'),
}));

/** Whether the browser has file storage (OPFS); some lack it or turn it off. */
const fileStorage = { present: true };
vi.mock('../../../store/opfs-root', () => ({ hasFileStorage: () => fileStorage.present }));

/** The receiving worker, played by the test: it keeps whatever it was given. */
vi.mock('./receive-pipe', () => {
  class OpenFailed extends Error {
    constructor(
      message: string,
      readonly held: boolean,
    ) {
      super(message);
    }
  }
  const fakePipe = () => ({
    start: { bytes: 0, hashState: new Uint8Array() },
    prefix: '',
    attach: () => {},
    keep: async () => ({ bytes: 4096, hashState: new Uint8Array([1]) }),
    remove: async () => {},
    release: () => {},
  });
  return {
    OpenFailed,
    ReceivePipe: {
      open: async (_id: string, _size: number, events: ReceiveEvents) => {
        opened.push(events);
        return fakePipe();
      },
    },
  };
});

const { FileReceiver } = await import('./file-receiver');

const settle = async () => {
  for (let i = 0; i < 20; i++) await new Promise((r) => setTimeout(r, 0));
};

const receiver = (channel: FakeChannel) =>
  new FileReceiver(channel as unknown as RTCDataChannel, { autoAccept: true });

beforeEach(() => {
  partials.clear();
  opened.length = 0;
  fileStorage.present = true;
});

describe('FileReceiver, in a browser without file storage', () => {
  it('declines an offer at once and tells the sender why, opening nothing', async () => {
    fileStorage.present = false;
    const channel = new FakeChannel();
    const r = receiver(channel);
    r.handleControl({ t: 'header', id: 'n1', name: 'a.bin', size: 10, type: '', lastModified: 0 });
    await settle();
    const note = { code: 'store-failed', why: { code: 'no-file-storage' } };
    expect(r.items[0]).toMatchObject({ state: 'declined', message: note });
    expect(channel.messages().filter((m) => m?.t === 'decline')).toEqual([
      expect.objectContaining({ id: 'n1', note }),
    ]);
    expect(opened).toEqual([]);
  });
});

describe('FileReceiver, when a sender comes back before its old connection is seen to close', () => {
  it('offers the rest of the part once that connection let it go', async () => {
    // The old connection: a file coming in from device "bob".
    const before = new FakeChannel();
    const old = receiver(before);
    old.handleDevice('bob');
    old.handleControl({
      t: 'header',
      id: 'x1',
      name: 'a.bin',
      size: 10_000,
      type: '',
      lastModified: 0,
    });
    await settle();
    expect(old.items[0]?.state).toBe('receiving');
    expect(partials.get('x1')?.fromDevice).toBe('bob');

    // Bob's new connection says which device it is while the old one still writes the part:
    // nothing is offered yet (the part is not settled).
    const after = new FakeChannel();
    const again = receiver(after);
    // The page offers a kept part on its live connections (see FilePanel).
    old.addEventListener('kept', (e) => void again.announce((e as CustomEvent<string>).detail));
    again.handleDevice('bob');
    await settle();
    expect(after.messages().filter((m) => m?.t === 'held')).toEqual([]);

    // The old connection closes: the part is kept, and then offered on the new one.
    before.close();
    await settle();
    expect(old.items[0]?.state).toBe('interrupted');
    expect(after.messages().filter((m) => m?.t === 'held')).toEqual([
      expect.objectContaining({ t: 'held', id: 'x1', bytes: 4096 }),
    ]);
  });
});

describe('FileReceiver, when its worker fails', () => {
  async function receiving() {
    const channel = new FakeChannel();
    const r = receiver(channel);
    r.handleControl({
      t: 'header',
      id: 'f1',
      name: 'a.bin',
      size: 1000,
      type: '',
      lastModified: 0,
    });
    await settle();
    expect(r.items[0]?.state).toBe('receiving');
    return { channel, r, events: opened[opened.length - 1]! };
  }

  it.each([
    ['storage', 'The disk is full.', 'failed', 'storage'],
    ['oversize', 'more bytes than announced', 'corrupt', 'protocol'],
  ] as const)(
    'a %s failure ends the file %s here and reaches the sender as such',
    async (kind, message, state, why) => {
      const { channel, r, events } = await receiving();
      events.failed(kind, message);
      await settle();
      expect(r.items[0]?.state).toBe(state);
      expect(channel.messages().at(-1)).toEqual({ t: 'abort', id: 'f1', by: 'receiver', why });
    },
  );
});
