import type { FileControl } from '../protocol/file-protocol';
import { TransferList } from '../session/transfer-list';
import { newTransferId } from '../../../files/transfer-id';
import type { TransferItem } from '../session/transfer-item';

/** A file to send, with its place in a folder sent whole. */
export interface Outgoing {
  file: File;
  path?: string;
}

/** What the receiver holds of an interrupted transfer (its `held` message). */
export type Held = Omit<Extract<FileControl, { t: 'held' }>, 't'>;

/** An interrupted item and its file, moved from one sender to another. */
export interface Parked {
  item: TransferItem;
  file?: File;
}

export type HeldEvent = CustomEvent<Held>;

export function blank(name: string, path: string | undefined): TransferItem {
  return {
    id: newTransferId(),
    name,
    ...(path !== undefined ? { path } : {}),
    size: 0,
    type: '',
    lastModified: 0,
    bytes: 0,
    state: 'queued',
    message: '',
    startedAt: 0,
    endedAt: 0,
  };
}

/**
 * A sender's queue: files waiting to go with their File objects, and interrupted ones kept to
 * resume, which can move to the ends of a later connection.
 */
export abstract class OutgoingQueue extends TransferList {
  protected readonly files = new Map<string, File>();

  /** Sends the queued items, one after another. */
  protected abstract run(): Promise<void>;

  /**
   * Queues files, and the empty folders of a folder sent whole. A loose empty file is skipped
   * with a message; one in a folder goes, since it is part of the tree.
   */
  enqueue(files: Iterable<File | Outgoing>, emptyFolders: readonly string[] = []): void {
    for (const path of emptyFolders) {
      const name = path.split('/').pop() ?? path;
      this.items.push({ ...blank(name, path), folder: true, state: 'queued' });
    }
    for (const entry of files) {
      const { file, path } = entry instanceof File ? { file: entry, path: undefined } : entry;
      const skip = file.size === 0 && path === undefined;
      const item: TransferItem = {
        ...blank(file.name, path),
        size: file.size,
        type: file.type,
        lastModified: file.lastModified,
        state: skip ? 'skipped' : 'queued',
        message: skip ? { code: 'empty-file', name: file.name } : '',
      };
      this.items.push(item);
      if (!skip) this.files.set(item.id, file);
    }
    this.changed();
    void this.run();
  }

  /** Takes this sender's interrupted items (all, or `only`) away, to go on elsewhere. */
  takeInterrupted(only?: ReadonlySet<string>): Parked[] {
    const out: Parked[] = [];
    const taken = (i: TransferItem) => i.state === 'interrupted' && (!only || only.has(i.id));
    for (const item of this.items.filter(taken)) {
      out.push({ item, ...(this.files.has(item.id) ? { file: this.files.get(item.id)! } : {}) });
      this.files.delete(item.id);
    }
    this.remove(new Set(out.map((p) => p.item.id)));
    return out;
  }

  /** Interrupted items from an earlier connection: kept as they are, or queued to go now. */
  adopt(parked: Parked[], go: boolean): void {
    for (const { item, file } of parked) {
      this.items.push(item);
      if (file) this.files.set(item.id, file);
      if (go && (file || item.folder)) this.requeue(item);
    }
    this.changed();
    void this.run();
  }

  /** Interrupted items this sender holds (the Resume button's). */
  hasInterrupted(): boolean {
    return this.items.some((i) => i.state === 'interrupted');
  }

  /** Resumes an interrupted item whose file this page has. */
  resume(id: string): void {
    const item = this.items.find((i) => i.id === id);
    if (!item || item.state !== 'interrupted' || !(this.files.has(id) || item.folder)) return;
    this.requeue(item);
    this.changed();
    void this.run();
  }

  /** The receiver holds part of a file this page no longer has: listed until chosen again. */
  addHeld(held: Held): void {
    this.items.push({
      ...blank(held.name, held.path),
      ...held,
      state: 'interrupted',
      needsFile: true,
      message: { code: 'held-needs-file', bytes: held.bytes, size: held.size },
    });
    this.changed();
  }

  /**
   * The file chosen again for an item the receiver holds part of: the same name and size, or
   * a message saying why not. Its content is checked against the receiver's part as it goes.
   */
  supply(id: string, file: File): void {
    const item = this.items.find((i) => i.id === id);
    if (!item?.needsFile) return;
    if (file.name !== item.name || file.size !== item.size) {
      item.message = { code: 'not-same-file', name: item.name, size: item.size };
      return this.changed();
    }
    item.needsFile = false;
    item.lastModified = file.lastModified;
    this.files.set(id, file);
    this.requeue(item);
    this.changed();
    void this.run();
  }

  /** Forgets an interrupted item (its file, if any, too). */
  discard(id: string): void {
    const item = this.items.find((i) => i.id === id);
    if (item?.state !== 'interrupted') return;
    this.files.delete(id);
    this.remove(new Set([id]));
    this.changed();
  }

  private requeue(item: TransferItem): void {
    Object.assign(item, { state: 'queued', message: '', bytes: 0, startedAt: 0, endedAt: 0 });
  }

  private remove(ids: Set<string>): void {
    const keep = this.items.filter((i) => !ids.has(i.id));
    this.items.splice(0, this.items.length, ...keep);
  }
}
