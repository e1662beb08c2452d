import { createSHA256 } from 'hash-wasm';
import { html } from 'lit';
import { msg, str } from '@lit/localize';
import {
  addReceivedFile,
  addReceivedFolder,
  freeSpace,
  receivedFileContent,
} from '../../store/received-files';
import { openSink } from '../../store/file-sink';
import {
  discardPartial,
  findPartial,
  forgetPartial,
  listPartials,
  type PartialFile,
} from '../../store/partial-files';
import { checkRelativePath } from '../../files/relative-path';
import type { FileControl, FileMeta } from './file-protocol';
import { TransferList } from './transfer-list';
import { finished, type TransferItem, type TransferNote } from './transfer-item';
import { formatBytes, formatSeconds } from '../../i18n/format';
import {
  checkpoint,
  CHECKPOINT_BYTES,
  continues,
  prefixDigest,
  type Incoming as Current,
} from './receive-checkpoints';

type Incoming = Extract<FileControl, { t: 'header' | 'folder' | 'from' | 'end' | 'abort' }>;

/** The other side: its device id (known once its `device` message came) and name. */
interface Peer {
  device: string;
  name: string;
}

/**
 * Receives files: offers each header for acceptance (or accepts at once), writes chunks to OPFS
 * as they arrive while hashing them, verifies the SHA-256 at the end, and records the file.
 * Checkpoints let an interrupted file resume: its bytes stay on disk with the hash state after
 * them, and a header for the same transfer continues from there.
 * Fires `change` on progress and state changes, `saved` when a verified file is stored, and
 * `partials` when the kept partial files changed.
 */
export class FileReceiver extends TransferList {
  autoAccept: boolean;
  private current: Current | null = null;
  private lastEmit = 0;

  constructor(
    channel: RTCDataChannel,
    options: { autoAccept: boolean },
    private readonly peer: Peer = { device: '', name: '' },
  ) {
    super(channel);
    this.autoAccept = options.autoAccept;
    channel.addEventListener('close', () =>
      this.stopAll(msg('The connection closed mid-transfer.')),
    );
  }

  /** The sender told us which device it is: offer it the partials it can complete. */
  handleDevice(device: string): void {
    this.peer.device = device;
    void this.announce();
  }

  /** Asks the sender for the rest of each partial it began (or of one, by id). */
  async announce(only?: string): Promise<void> {
    if (!this.peer.device) return;
    for (const p of await listPartials()) {
      if (p.fromDevice !== this.peer.device || (only && p.id !== only)) continue;
      if (this.items.some((i) => i.id === p.id && !finished(i.state))) continue;
      const { id, name, size, type, lastModified, path, bytes } = p;
      this.trySend({
        t: 'held',
        id,
        name,
        size,
        type,
        lastModified,
        ...(path !== undefined ? { path } : {}),
        bytes,
      });
    }
  }

  /** Whether an incoming file is in progress (its partial must not be discarded). */
  isActive(id: string): boolean {
    return this.current?.item.id === id;
  }

  handleControl(message: Incoming): void {
    switch (message.t) {
      case 'header':
        return void this.offer(message);
      case 'from':
        return this.resumeFrom(message.id, message.offset);
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
    if (!current || current.item.state !== 'receiving' || current.awaitingFrom) return;
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
    if (item.bytes - current.saved >= CHECKPOINT_BYTES && !current.saving) {
      checkpoint(current).catch(() => {}); // a later checkpoint (or the end) will tell
    }
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
      const current = this.incoming(item, sink, hash, Date.now());
      this.current = current;
      item.startedAt = performance.now();
      this.update(item, 'receiving', '');
      this.sendControl({ t: 'accept', id });
      // The first checkpoint lists the file under Interrupted transfers should the page die.
      void checkpoint(current)
        .catch(() => {})
        .then(() => this.partialsChanged());
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
    if (meta.path !== undefined && !this.pathIsSafe(item, meta.path)) return;
    const partial = await findPartial(meta.id).catch(() => undefined);
    if (partial && continues(partial, item)) return this.resume(item, partial);
    if (partial) {
      await discardPartial(partial.id);
      this.partialsChanged();
    }
    this.changed();
    if (this.autoAccept) void this.accept(meta.id);
  }

  private incoming(
    item: TransferItem,
    sink: Current['sink'],
    hash: Current['hash'],
    began: number,
  ) {
    const from = { ...this.peer };
    return {
      item,
      sink,
      hash,
      saved: item.bytes,
      saving: false,
      keep: true,
      awaitingFrom: false,
      from,
      began,
    };
  }

  /**
   * The sender offers a file this side holds part of (accepted before): continue at once from
   * the checkpoint, telling the sender how far it reaches and the SHA-256 of that part.
   */
  private async resume(item: TransferItem, partial: PartialFile): Promise<void> {
    try {
      const stored = await receivedFileContent(partial.id).catch(() => null);
      if (!stored || stored.size < partial.bytes)
        throw new Error(msg('its stored part is missing'));
      const [sink, hash, prefix] = await Promise.all([
        openSink(item.id, partial.bytes),
        createSHA256(),
        prefixDigest(partial.hashState),
      ]);
      hash.load(partial.hashState);
      if (item.state !== 'offered') return void sink.close().catch(() => {});
      item.bytes = partial.bytes;
      const current = this.incoming(item, sink, hash, partial.startedAt);
      current.awaitingFrom = true;
      this.current = current;
      item.startedAt = performance.now();
      const held = formatBytes(partial.bytes);
      this.update(item, 'receiving', msg(str`Resuming: ${held} already here…`));
      this.sendControl({ t: 'accept', id: item.id, offset: partial.bytes, prefix });
    } catch (error) {
      // What cannot be continued is received afresh.
      const why = error instanceof Error ? error.message : String(error);
      await discardPartial(partial.id);
      this.partialsChanged();
      item.bytes = 0;
      item.resume = msg(
        str`The interrupted part could not be used (${why}): receiving from the start.`,
      );
      await this.accept(item.id);
    }
  }

  /** The sender's answer to a resumed accept: continue, or start over (its file changed). */
  private resumeFrom(id: string, offset: number): void {
    const current = this.current;
    if (!current || current.item.id !== id || !current.awaitingFrom) return;
    const { item } = current;
    current.awaitingFrom = false;
    if (offset === item.bytes) {
      const at = formatBytes(offset);
      item.resume = msg(str`Resumed at ${at}: only the rest was sent.`);
      this.update(item, 'receiving', '');
    } else if (offset === 0) {
      current.sink.truncate(0);
      current.hash.init();
      item.bytes = 0;
      current.saved = 0;
      item.resume = msg(
        'The sender\u2019s file changed since the transfer began (the part here no longer matched): received again from the start.',
      );
      this.update(item, 'receiving', '');
    } else {
      this.trySend({ t: 'abort', id, by: 'receiver' });
      void this.drop(
        item,
        msg('The sender resumed at an offset this side never offered.'),
        'corrupt',
      );
    }
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
    current.keep = false;
    const digest = hash.digest('hex');
    const ok = digest === sha256 && item.bytes === item.size;
    this.trySend({ t: 'verified', id, ok });
    if (!ok) {
      await sink.remove();
      await discardPartial(id);
      this.partialsChanged();
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
    // The content stays where it is: the partial became the received file.
    await forgetPartial(id);
    this.partialsChanged();
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
    if (current) {
      this.current = null;
      current.keep = false;
    }
    this.end(item, state, message);
    if (!current) return;
    await current.sink.remove();
    await discardPartial(item.id);
    this.partialsChanged();
  }

  /**
   * The connection ended: a file being received is kept to resume (its last bytes checkpointed
   * as the sink closes); files only offered fail.
   */
  private stopAll(reason: string): void {
    const current = this.current;
    if (current && current.item.state === 'receiving') {
      this.current = null;
      const { item } = current;
      const pct = item.size ? Math.floor((item.bytes / item.size) * 100) : 0;
      this.end(
        item,
        'interrupted',
        msg(
          str`Interrupted at ${pct}%: ${reason} The part received is kept under Interrupted transfers, and resumes when the sender connects again.`,
        ),
      );
      // A resumed transfer still waiting for `from` keeps its stored checkpoint as it is.
      const save = current.awaitingFrom ? current.sink.close() : checkpoint(current, true);
      void save.catch(() => {}).then(() => this.partialsChanged());
    }
    for (const item of this.items)
      if (!finished(item.state)) void this.drop(item, reason, 'failed');
  }

  private partialsChanged(): void {
    this.dispatchEvent(new Event('partials'));
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
