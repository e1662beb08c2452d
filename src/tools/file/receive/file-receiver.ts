import { addReceivedFile, addReceivedFolder, freeSpace } from '../../../store/received-files';
import { hasFileStorage } from '../../../store/opfs-root';
import { discardPartial, findPartial, forgetPartial } from '../../../store/partial-files';
import { checkRelativePath } from '../../../files/relative-path';
import type { FileControl, FileMeta } from '../protocol/file-protocol';
import { IncomingFiles, type Peer } from './incoming-files';
import { withinTime } from './within-time';
import { finished, type TransferItem } from '../session/transfer-item';
import { noteOf, type DeclineNote } from '../protocol/transfer-note';
import { continues, storeCheckpoint, type Incoming as Current } from './receive-checkpoints';

type Incoming = Extract<FileControl, { t: 'header' | 'folder' | 'abort' }>;

/**
 * Receives files: offers each header for acceptance (or accepts at once); a worker writes each
 * file's bytes to OPFS as they arrive while hashing them and checks the SHA-256 at the end; the
 * verified file is recorded.
 * Checkpoints let an interrupted file resume: its bytes stay on disk with the hash state after
 * them, and a header for the same transfer continues from there.
 * Fires `change` on progress and state changes, `saved` when a verified file is stored, and
 * `partials` when the kept partial files changed.
 */
export class FileReceiver extends IncomingFiles {
  autoAccept: boolean;

  constructor(channel: RTCDataChannel, options: { autoAccept: boolean }, peer?: Peer) {
    super(channel, peer);
    this.autoAccept = options.autoAccept;
  }

  handleControl(message: Incoming): void {
    switch (message.t) {
      case 'header':
        return void this.offer(message);
      case 'folder':
        return void this.folder(message.id, message.path);
      case 'abort': {
        const item = this.items.find((i) => i.id === message.id);
        if (item && !finished(item.state)) void this.drop(item, { code: 'sender-aborted' });
        return;
      }
    }
  }

  async accept(id: string): Promise<void> {
    const item = this.items.find((i) => i.id === id);
    if (!item || item.state !== 'offered') return;
    if (!hasFileStorage())
      return this.decline(id, { code: 'store-failed', why: { code: 'no-file-storage' } });
    // A free space that cannot be read in time is not known: the file is tried.
    const free = await withinTime(freeSpace(), 5000).catch(() => null);
    if (free !== null && free < item.size)
      return this.decline(id, { code: 'no-space', needs: item.size, grants: free });
    try {
      const current = await this.openPipe(item, Date.now());
      if (item.state !== 'offered') return void current.pipe.remove(); // aborted meanwhile
      this.current = current;
      item.startedAt = performance.now();
      this.update(item, 'receiving', '');
      this.sendControl({ t: 'accept', id });
      // The first checkpoint lists the file under Interrupted transfers should the page die.
      void storeCheckpoint(current, current.pipe.start)
        .catch(() => {})
        .then(() => this.partialsChanged());
    } catch (error) {
      this.decline(id, { code: 'store-failed', why: noteOf(error) });
    }
  }

  /** Declines an offered file, telling the sender why. */
  decline(id: string, note: DeclineNote = { code: 'receiver-declined' }): void {
    const item = this.items.find((i) => i.id === id);
    if (!item || item.state !== 'offered') return;
    this.trySend({ t: 'decline', id, reason: '', note });
    this.end(item, 'declined', note);
  }

  /** The user aborts an incoming file. */
  abort(id: string): void {
    const item = this.items.find((i) => i.id === id);
    if (!item || finished(item.state)) return;
    this.trySend({ t: 'abort', id, by: 'receiver' });
    void this.drop(item, { code: 'you-aborted' });
  }

  private async offer(meta: FileMeta): Promise<void> {
    const item: TransferItem = {
      ...meta,
      bytes: 0,
      state: 'offered',
      message: '',
      startedAt: 0,
      endedAt: 0,
    };
    this.items.push(item);
    // Shown at once, and in the same step an interrupted item of the same transfer (kept in
    // sight from an earlier connection) gives way to it: never two items for one file.
    this.changed();
    if (meta.path !== undefined && !this.pathIsSafe(item, meta.path)) return;
    await this.takeOver(meta.id);
    const partial = await findPartial(meta.id).catch(() => undefined);
    if (partial && continues(partial, item)) return this.resume(item, partial);
    if (partial) {
      await discardPartial(partial.id);
      this.partialsChanged();
    }
    this.changed();
    if (this.autoAccept) void this.accept(meta.id);
  }

  /** An empty folder of a folder sent whole: kept as a record, shown in the tree. */
  private async folder(id: string, path: string): Promise<void> {
    const name = path.split('/').pop() ?? path;
    const item: TransferItem = {
      id,
      name,
      path,
      size: 0,
      type: '',
      lastModified: 0,
      bytes: 0,
      state: 'receiving',
      message: '',
      startedAt: performance.now(),
      endedAt: 0,
      folder: true,
    };
    this.items.push(item);
    if (!this.pathIsSafe(item, path)) return;
    await addReceivedFolder({ id, path, receivedAt: Date.now() });
    this.end(item, 'done', { code: 'empty-folder-received' });
    this.dispatchEvent(new Event('saved'));
  }

  /** Refuses (and tells the sender) a path that could reach outside its folder. */
  private pathIsSafe(item: TransferItem, path: string): boolean {
    const check = checkRelativePath(path);
    if (check.ok) return true;
    const note: DeclineNote = { code: 'unsafe-path', path, reason: check.reason };
    this.trySend({ t: 'decline', id: item.id, reason: '', note });
    this.end(item, 'declined', note);
    return false;
  }

  protected async finish(current: Current, ok: boolean, digest: string, bytes: number) {
    const { item } = current;
    if (this.current !== current || item.state !== 'receiving') return;
    this.current = null;
    current.keep = false;
    item.bytes = bytes;
    const id = item.id;
    this.trySend({ t: 'verified', id, ok });
    if (!ok) {
      await current.pipe.remove();
      await discardPartial(id);
      this.partialsChanged();
      return this.end(
        item,
        'corrupt',
        item.bytes !== item.size
          ? { code: 'corrupt-short', arrived: item.bytes, size: item.size }
          : { code: 'corrupt-hash' },
      );
    }
    current.pipe.release();
    this.update(item, 'verifying', { code: 'verifying' });
    await addReceivedFile({
      id,
      name: item.name,
      size: item.size,
      type: item.type,
      lastModified: item.lastModified,
      sha256: digest,
      receivedAt: Date.now(),
      via: 'data channel',
      ...(item.path !== undefined ? { path: item.path } : {}),
    });
    // The content stays where it is: the partial became the received file.
    await forgetPartial(id);
    this.partialsChanged();
    this.end(item, 'done', { code: 'verified', sha256: digest });
    this.dispatchEvent(new Event('saved'));
  }
}
