import { describe, expect, it } from 'vitest';
import { OutgoingQueue, type Held } from './outgoing-queue';
import { FakeControlChannel } from '../session/fake-control-channel';

/** A queue that sends nothing: what is queued stays queued. */
class Queue extends OutgoingQueue {
  runs = 0;
  protected run(): Promise<void> {
    this.runs++;
    return Promise.resolve();
  }
  constructor() {
    super(new FakeControlChannel() as unknown as RTCDataChannel);
  }
  file(id: string): File | undefined {
    return this.files.get(id);
  }
  interrupt(id: string): void {
    this.items.find((i) => i.id === id)!.state = 'interrupted';
  }
}

const file = (name: string, size: number) => new File([new Uint8Array(size)], name);
const held: Held = { id: 'h1', name: 'a.bin', size: 100, type: '', lastModified: 1, bytes: 40 };

describe('OutgoingQueue', () => {
  it('queues files and empty folders; a loose empty file is skipped with a note', () => {
    const q = new Queue();
    q.enqueue([file('a', 3), file('empty', 0), { file: file('e', 0), path: 'd/e' }], ['d/sub']);
    expect(q.items.map((i) => [i.name, i.state, i.folder ?? false])).toEqual([
      ['sub', 'queued', true],
      ['a', 'queued', false],
      ['empty', 'skipped', false],
      ['e', 'queued', false],
    ]);
    expect(q.items[2]!.message).toEqual({ code: 'empty-file', name: 'empty' });
    expect(q.file(q.items[2]!.id)).toBeUndefined();
    expect(q.runs).toBe(1);
  });

  it('moves interrupted items, with their files, to another queue', () => {
    const from = new Queue();
    from.enqueue([file('a', 3), file('b', 4)]);
    const [a, b] = from.items;
    from.interrupt(a!.id);
    from.interrupt(b!.id);
    const parked = from.takeInterrupted(new Set([a!.id]));
    expect(parked.map((p) => p.item.name)).toEqual(['a']);
    expect(from.items.map((i) => i.name)).toEqual(['b']);
    const to = new Queue();
    to.adopt(parked, true);
    expect(to.items[0]!.state).toBe('queued');
    expect(to.file(a!.id)?.name).toBe('a');
  });

  it('asks for a file the receiver holds part of, and takes only the same one', () => {
    const q = new Queue();
    q.addHeld(held);
    const item = q.items[0]!;
    expect(item).toMatchObject({ state: 'interrupted', needsFile: true, bytes: 40 });
    expect(item.message).toEqual({ code: 'held-needs-file', bytes: 40, size: 100 });
    q.supply('h1', file('a.bin', 99));
    expect(item.message).toEqual({ code: 'not-same-file', name: 'a.bin', size: 100 });
    expect(item.state).toBe('interrupted');
    q.supply('h1', file('a.bin', 100));
    expect(item).toMatchObject({ state: 'queued', needsFile: false, bytes: 0 });
    expect(q.file('h1')?.size).toBe(100);
  });

  it('resumes or discards only interrupted items', () => {
    const q = new Queue();
    q.enqueue([file('a', 3)]);
    const id = q.items[0]!.id;
    q.discard(id);
    expect(q.items).toHaveLength(1);
    q.interrupt(id);
    expect(q.hasInterrupted()).toBe(true);
    q.resume(id);
    expect(q.items[0]!.state).toBe('queued');
    q.interrupt(id);
    q.discard(id);
    expect(q.items).toHaveLength(0);
    expect(q.file(id)).toBeUndefined();
  });
});
