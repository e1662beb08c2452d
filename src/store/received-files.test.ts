import { beforeEach, describe, expect, it, vi } from 'vitest';

// The key-value store in memory, and OPFS's `received` folder as a list of removed names.
const kv = new Map<string, unknown>();
vi.mock('./db', () => ({
  read: async (key: string) => structuredClone(kv.get(key)),
  write: async (key: string, value: unknown) => void kv.set(key, structuredClone(value)),
  remove: async (key: string) => void kv.delete(key),
  keysStartingWith: async (prefix: string) =>
    [...kv.keys()].filter((k) => k.startsWith(prefix)).sort(),
  readMany: async (keys: string[]) => keys.map((k) => structuredClone(kv.get(k))),
  serially: <T>(step: () => Promise<T>) => step(),
}));
const removed: string[] = [];
vi.stubGlobal('navigator', {
  storage: {
    getDirectory: async () => ({
      getDirectoryHandle: async () => ({
        removeEntry: async (name: string) => void removed.push(name),
      }),
    }),
  },
});

const {
  addReceivedFile,
  addReceivedFiles,
  deleteReceivedFile,
  listReceivedFiles,
  updateReceivedFile,
} = await import('./received-files');
import type { ReceivedFileRecord } from './received-files';

const record = (id: string, pack?: string): ReceivedFileRecord => ({
  id,
  name: `${id}.bin`,
  size: 1,
  type: '',
  lastModified: 0,
  sha256: id,
  receivedAt: 0,
  via: 'data channel',
  ...(pack ? { pack: { id: pack, start: 0 }, batch: 'b' } : {}),
});

beforeEach(() => {
  kv.clear();
  removed.length = 0;
});

describe('received-file records', () => {
  it('adds groups without rewriting what is stored, and lists every file once', async () => {
    await addReceivedFile(record('single'));
    await addReceivedFiles([record('b.0', 'p1'), record('b.1', 'p1')]);
    const before = structuredClone([...kv.entries()]);
    await addReceivedFiles([record('b.2', 'p1')]);
    // The earlier keys hold what they held.
    for (const [key, value] of before) expect(kv.get(key)).toEqual(value);
    expect((await listReceivedFiles()).map((r) => r.id)).toEqual(['single', 'b.0', 'b.1', 'b.2']);
  });

  it('a file recorded alone after a group, or renamed, leaves the group where it is', async () => {
    await addReceivedFiles([record('b.0', 'p1'), record('b.1', 'p1')]);
    await addReceivedFile(record('single'));
    await updateReceivedFile('single', { name: 'real.txt' });
    const list = await listReceivedFiles();
    expect(list.map((r) => r.id)).toEqual(['single', 'b.0', 'b.1']);
    expect(list[0]!.name).toBe('real.txt');
  });

  it('keeps the newest record of a file recorded again (a batch that resumed)', async () => {
    await addReceivedFiles([record('b.0', 'old-pack')]);
    await addReceivedFiles([record('b.0', 'new-pack')]);
    const list = await listReceivedFiles();
    expect(list).toHaveLength(1);
    expect(list[0]!.pack!.id).toBe('new-pack');
  });

  it('deletes a pack only with the last file stored in it', async () => {
    await addReceivedFiles([record('b.0', 'p1'), record('b.1', 'p1')]);
    await addReceivedFiles([record('b.2', 'p1')]);
    await deleteReceivedFile('b.0');
    await deleteReceivedFile('b.2');
    expect(removed).toEqual([]);
    expect((await listReceivedFiles()).map((r) => r.id)).toEqual(['b.1']);
    await deleteReceivedFile('b.1');
    expect(removed).toEqual(['p1']);
    expect(await listReceivedFiles()).toEqual([]);
    // Emptied groups leave no key behind.
    expect([...kv.keys()].filter((k) => k.startsWith('received-files:'))).toEqual([]);
  });

  it('deletes a file stored on its own with its content', async () => {
    await addReceivedFile(record('single'));
    await deleteReceivedFile('single');
    expect(removed).toEqual(['single']);
    expect(await listReceivedFiles()).toEqual([]);
  });
});
