import { createSHA256 } from 'hash-wasm';
import { msg, str } from '@lit/localize';
import { receivedFileContent } from '../../store/received-files';
import { openSink } from '../../store/file-sink';
import { discardPartial, listPartials, type PartialFile } from '../../store/partial-files';
import { TransferList } from './transfer-list';
import { finished, type TransferItem, type TransferNote } from './transfer-item';
import { formatBytes } from '../../i18n/format';
import {
  checkpoint,
  CHECKPOINT_BYTES,
  prefixDigest,
  type Incoming as Current,
} from './receive-checkpoints';

/** The other side: its device id (known once its `device` message came) and name. */
export interface Peer {
  device: string;
  name: string;
}

/**
 * Interrupted files whose last checkpoint is still being stored (the writer closing, the record
 * written). A resume of the same transfer waits for it: the file's storage is exclusive to one
 * writer, and the record must be the last one.
 */
const settling = new Map<string, Promise<unknown>>();

/** Resolves once an interrupted transfer's last checkpoint is stored. */
function settled(id: string): Promise<unknown> {
  return settling.get(id) ?? Promise.resolve();
}

/**
 * Files being written now, by transfer id, across this page's connections. A sender that
 * reconnects can offer a file again before this side has seen its old connection close.
 */
const writing = new Map<string, IncomingFiles>();

/**
 * What a receiver does with the bytes of the file being received: write and hash them, store
 * checkpoints, keep what arrived when the connection ends, and resume from a checkpoint.
 * Fires `partials` when the kept partial files changed.
 */
export abstract class IncomingFiles extends TransferList {
  private now: Current | null = null;
  private lastEmit = 0;

  /** The file being written; registered page-wide under its transfer id while it is. */
  protected get current(): Current | null {
    return this.now;
  }

  protected set current(next: Current | null) {
    if (this.now && writing.get(this.now.item.id) === this) writing.delete(this.now.item.id);
    this.now = next;
    if (next) writing.set(next.item.id, this);
  }

  constructor(
    channel: RTCDataChannel,
    private readonly peer: Peer = { device: '', name: '' },
  ) {
    super(channel);
    channel.addEventListener('close', () =>
      this.stopAll(msg('The connection closed mid-transfer.')),
    );
  }

  /** Accepts an offered file from the start. */
  abstract accept(id: string): Promise<void>;

  /** The sender told us which device it is: offer it the partials it can complete. */
  handleDevice(device: string): void {
    this.peer.device = device;
    this.changed();
    void this.announce();
  }

  /** Asks the sender for the rest of each partial it began (or of one, by id). */
  async announce(only?: string): Promise<void> {
    if (!this.peer.device) return;
    for (const p of await listPartials()) {
      if (p.fromDevice !== this.peer.device || (only && p.id !== only)) continue;
      if (writing.has(p.id) || this.items.some((i) => i.id === p.id && !finished(i.state)))
        continue;
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

  /** The sending device's id, once it said it. */
  get peerDevice(): string {
    return this.peer.device;
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

  protected incoming(
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
  protected async resume(item: TransferItem, partial: PartialFile): Promise<void> {
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
  protected resumeFrom(id: string, offset: number): void {
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

  /** Ends an item early and removes its partial content. */
  protected async drop(
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
   * The sender offers `id` again: if an earlier connection of this page is still writing it
   * (its close not seen yet), that one is interrupted first. Resolves once the file's last
   * checkpoint is stored and its storage free.
   */
  protected takeOver(id: string): Promise<unknown> {
    const other = writing.get(id);
    if (other && other !== this) other.interrupt(msg('The sender connected again.'));
    return settled(id);
  }

  /**
   * The connection ended: a file being received is kept to resume (its last bytes checkpointed
   * as the sink closes); files only offered fail.
   */
  private stopAll(reason: string): void {
    this.interrupt(reason);
    for (const item of this.items)
      if (!finished(item.state)) void this.drop(item, reason, 'failed');
  }

  /** The file being received stops here, kept to resume. */
  private interrupt(reason: string): void {
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
      const save = (current.awaitingFrom ? current.sink.close() : checkpoint(current, true))
        .catch(() => {})
        .then(() => this.partialsChanged())
        .finally(() => settling.delete(item.id));
      settling.set(item.id, save);
    }
  }

  protected partialsChanged(): void {
    this.dispatchEvent(new Event('partials'));
  }
}
