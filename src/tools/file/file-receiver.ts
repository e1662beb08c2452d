import { createSHA256, type IHasher } from 'hash-wasm';
import { html } from 'lit';
import { msg, str } from '@lit/localize';
import {
  addReceivedFile,
  addReceivedFolder,
  freeSpace,
  openSink,
  type FileSink,
} from '../../store/received-files';
import { checkRelativePath } from '../../files/relative-path';
import type { FileControl, FileMeta } from './file-protocol';
import { TransferList } from './transfer-list';
import { finished, type TransferItem, type TransferNote } from './transfer-item';
import { formatBytes, formatSeconds } from '../../i18n/format';

type Incoming = Extract<FileControl, { t: 'header' | 'folder' | 'end' | 'abort' }>;

interface Current {
  item: TransferItem;
  sink: FileSink;
  hash: IHasher;
}

/**
 * Receives files: offers each header for acceptance (or accepts at once), writes chunks to OPFS
 * as they arrive while hashing them, verifies the SHA-256 at the end, and records the file.
 * Fires `change` on progress and state changes, and `saved` when a verified file is stored.
 */
export class FileReceiver extends TransferList {
  autoAccept: boolean;
  private current: Current | null = null;
  private lastEmit = 0;

  constructor(channel: RTCDataChannel, options: { autoAccept: boolean }) {
    super(channel);
    this.autoAccept = options.autoAccept;
    channel.addEventListener('close', () =>
      this.stopAll(msg('The connection closed mid-transfer.')),
    );
  }

  handleControl(message: Incoming): void {
    switch (message.t) {
      case 'header':
        return this.offer(message);
      case 'folder':
        return void this.folder(message.id, message.path);
      case 'end':
        void this.finish(message.id, message.sha256);
        return;
      case 'abort': {
        const item = this.items.find((i) => i.id === message.id);
        if (item && !finished(item.state))
          void this.drop(item, msg('The sender aborted the transfer.'));
        return;
      }
    }
  }

  handleChunk(data: ArrayBuffer): void {
    const current = this.current;
    // Chunks of a file we aborted or declined may still be in flight: ignore them.
    if (!current || current.item.state !== 'receiving') return;
    const bytes = new Uint8Array(data);
    const item = current.item;
    if (item.bytes + bytes.byteLength > item.size) {
      this.trySend({ t: 'abort', id: item.id, by: 'receiver' });
      void this.drop(
        item,
        msg('The sender sent more bytes than announced: the transfer was stopped.'),
        'corrupt',
      );
      return;
    }
    current.hash.update(bytes);
    current.sink.write(bytes);
    item.bytes += bytes.byteLength;
    const now = performance.now();
    if (now - this.lastEmit > 100 || item.bytes === item.size) {
      this.lastEmit = now;
      this.changed();
    }
  }

  async accept(id: string): Promise<void> {
    const item = this.items.find((i) => i.id === id);
    if (!item || item.state !== 'offered') return;
    const free = await withinTime(freeSpace(), 5000, (limit) =>
      msg(str`Reading the free storage space took longer than ${limit}.`),
    ).catch(() => null);
    if (free !== null && free < item.size) {
      const needs = formatBytes(item.size);
      const grants = formatBytes(free);
      return this.decline(
        id,
        msg(str`Not enough storage: the file needs ${needs}, the browser grants ${grants}.`),
      );
    }
    try {
      const [sink, hash] = await Promise.all([openSink(id), createSHA256()]);
      if (item.state !== 'offered') return void sink.remove(); // aborted meanwhile
      this.current = { item, sink, hash };
      item.startedAt = performance.now();
      this.update(item, 'receiving', '');
      this.sendControl({ t: 'accept', id });
    } catch (error) {
      const why = error instanceof Error ? error.message : String(error);
      this.decline(id, msg(str`The file could not be stored: ${why}`));
    }
  }

  decline(id: string, reason = msg('The receiver declined it.')): void {
    const item = this.items.find((i) => i.id === id);
    if (!item || item.state !== 'offered') return;
    this.trySend({ t: 'decline', id, reason });
    this.end(item, 'declined', reason);
  }

  /** The user aborts an incoming file. */
  abort(id: string): void {
    const item = this.items.find((i) => i.id === id);
    if (!item || finished(item.state)) return;
    this.trySend({ t: 'abort', id, by: 'receiver' });
    void this.drop(item, msg('You aborted the transfer.'));
  }

  private offer(meta: FileMeta): void {
    const item: TransferItem = {
      ...meta,
      bytes: 0,
      state: 'offered',
      message: '',
      startedAt: 0,
      endedAt: 0,
    };
    this.items.push(item);
    if (meta.path !== undefined && !this.pathIsSafe(item, meta.path)) return;
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
    this.end(item, 'done', msg('Empty folder received.'));
    this.dispatchEvent(new Event('saved'));
  }

  /** Refuses (and tells the sender) a path that could reach outside its folder. */
  private pathIsSafe(item: TransferItem, path: string): boolean {
    const check = checkRelativePath(path);
    if (check.ok) return true;
    const reason = check.reason;
    this.trySend({
      t: 'decline',
      id: item.id,
      reason: msg(str`Refused by the receiver: the path is not safe (${reason}).`),
    });
    this.end(
      item,
      'declined',
      msg(html`Refused: the path "<span translate="no">${path}</span>" is not safe (${reason}).`),
    );
    return false;
  }

  private async finish(id: string, sha256: string): Promise<void> {
    const current = this.current;
    if (!current || current.item.id !== id || current.item.state !== 'receiving') return;
    const { item, sink, hash } = current;
    this.update(item, 'verifying', msg('Verifying the SHA-256…'));
    try {
      await sink.close();
    } catch (error) {
      const why = error instanceof Error ? error.message : String(error);
      return this.drop(item, msg(str`Writing the file failed: ${why}`), 'failed');
    }
    this.current = null;
    const digest = hash.digest('hex');
    const ok = digest === sha256 && item.bytes === item.size;
    this.trySend({ t: 'verified', id, ok });
    if (!ok) {
      await sink.remove();
      // Byte counts stay as plain digits (as before), the same in every locale.
      const arrived = item.bytes;
      const size = item.size;
      return this.end(
        item,
        'corrupt',
        item.bytes !== item.size
          ? msg(str`Corrupt: ${arrived} of ${size} bytes arrived.`)
          : msg(
              'Corrupt: the SHA-256 of what arrived differs from the sender\u2019s. The file was discarded.',
            ),
      );
    }
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
    const short = digest.slice(0, 16);
    this.end(item, 'done', msg(html`Verified: SHA-256 <span translate="no">${short}</span>…`));
    this.dispatchEvent(new Event('saved'));
  }

  /** Ends an item early and removes its partial content. */
  private async drop(
    item: TransferItem,
    message: TransferNote,
    state: TransferItem['state'] = 'aborted',
  ) {
    const current = this.current?.item === item ? this.current : null;
    if (current) this.current = null;
    this.end(item, state, message);
    await current?.sink.remove();
  }

  private stopAll(reason: string): void {
    for (const item of this.items)
      if (!finished(item.state)) void this.drop(item, reason, 'failed');
  }
}

/**
 * Storage steps that never settle would leave a file "offered" for ever: give them a limit.
 * `tooLong` words the error from the limit ("5 s").
 */
function withinTime<T>(
  work: Promise<T>,
  ms: number,
  tooLong: (limit: string) => string,
): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const limit = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(tooLong(formatSeconds(ms / 1000, 0)))), ms);
  });
  return Promise.race([work, limit]).finally(() => clearTimeout(timer));
}
