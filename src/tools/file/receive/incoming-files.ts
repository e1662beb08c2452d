import { receivedFileContent } from '../../../store/received-files';
import { discardPartial, listPartials, type PartialFile } from '../../../store/partial-files';
import { TransferList } from '../session/transfer-list';
import { finished, type TransferItem, type TransferNote } from '../session/transfer-item';
import { NotedError, noteOf } from '../protocol/transfer-note';
import { bytesChannelId } from '../protocol/file-protocol';
import { storeCheckpoint, type Incoming as Current } from './receive-checkpoints';
import { OpenFailed, ReceivePipe, type FailureKind, type ReceiveEvents } from './receive-pipe';

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

/**
 * Resolves once an interrupted transfer's last checkpoint is stored (and its storage free, so
 * its part can be deleted).
 */
export function settled(id: string): Promise<unknown> {
  return settling.get(id) ?? Promise.resolve();
}

/**
 * Files being written now, by transfer id, across this page's connections. A sender that
 * reconnects can offer a file again before this side has seen its old connection close.
 */
const writing = new Map<string, IncomingFiles>();

/**
 * What a receiver does with the file being received: a worker writes and hashes its bytes (see
 * ReceivePipe); this side stores its checkpoints, keeps what arrived when the connection ends,
 * and resumes from a checkpoint.
 * Fires `partials` when the kept partial files changed, and `kept` (with its transfer id) once
 * an interrupted file's part is stored.
 */
export abstract class IncomingFiles extends TransferList {
  private now: Current | null = null;

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
    channel.addEventListener('close', () => this.stopAll({ code: 'closed-mid-transfer' }));
  }

  /** Accepts an offered file from the start. */
  abstract accept(id: string): Promise<void>;

  /** The sender told us which device it is: offer it the partials it can complete. */
  handleDevice(device: string): void {
    this.peer.device = device;
    this.changed();
    this.dispatchEvent(new Event('device'));
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

  /** Whether a file that was coming in was interrupted (its part kept to resume). */
  hasInterrupted(): boolean {
    return this.items.some((i) => i.state === 'interrupted');
  }

  /**
   * Removes the interrupted items of these transfers (they came in again elsewhere); says
   * whether there were any.
   */
  forgetInterrupted(ids: ReadonlySet<string>): boolean {
    const gone = (i: TransferItem) => i.state === 'interrupted' && ids.has(i.id);
    if (!this.items.some(gone)) return false;
    this.items.splice(0, this.items.length, ...this.items.filter((i) => !gone(i)));
    this.changed();
    return true;
  }

  /** The sending device's id, once it said it. */
  get peerDevice(): string {
    return this.peer.device;
  }

  /** A file's bytes channel, opened by the sender: it goes to the worker writing that file. */
  attachBytes(channel: RTCDataChannel): boolean {
    const current = this.current;
    const id = bytesChannelId(channel.label);
    if (!current || current.item.id !== id || current.item.state !== 'receiving') return false;
    current.pipe.attach(channel);
    return true;
  }

  /** The verified end (or the SHA-256 mismatch) of the file being received. */
  protected abstract finish(current: Current, ok: boolean, sha256: string, bytes: number): void;

  /** Opens the worker for a file's bytes (from a checkpoint, when it resumes one). */
  protected async openPipe(
    item: TransferItem,
    began: number,
    resume?: { bytes: number; hashState: Uint8Array },
  ): Promise<Current> {
    let current: Current | null = null;
    const mine = () => (current && this.current === current ? current : null);
    const events: ReceiveEvents = {
      progress: (bytes) => {
        if (!mine() || current!.awaitingFrom) return;
        item.bytes = bytes;
        this.changed();
      },
      from: (offset) => mine() && this.resumeFrom(current!, offset),
      checkpoint: (bytes, hashState) => {
        if (current?.keep) storeCheckpoint(current, { bytes, hashState }).catch(() => {});
      },
      end: (ok, sha256, bytes) => mine() && this.finish(current!, ok, sha256, bytes),
      failed: (kind, message) => mine() && this.failed(current!, kind, message),
    };
    // A page of this app that was just reloaded or closed may hold the file a little longer.
    const waiting = () => this.update(item, item.state, { code: 'waiting-old-page' });
    const pipe = await ReceivePipe.open(item.id, item.size, events, resume, waiting);
    current = { item, pipe, keep: true, awaitingFrom: false, from: { ...this.peer }, began };
    return current;
  }

  /** The worker stopped the file: the sender misbehaved, or storage failed. */
  private failed(current: Current, kind: FailureKind, why: TransferNote): void {
    const { item } = current;
    if (kind === 'storage') {
      this.trySend({ t: 'abort', id: item.id, by: 'receiver', why: 'storage' });
      void this.drop(item, { code: 'write-failed', why }, 'failed');
      return;
    }
    this.trySend({ t: 'abort', id: item.id, by: 'receiver', why: 'protocol' });
    const code =
      kind === 'oversize' ? 'oversize' : kind === 'offset' ? 'bad-offset' : 'out-of-order';
    void this.drop(item, { code }, 'corrupt');
  }

  /**
   * The sender offers a file this side holds part of (accepted before): continue at once from
   * the checkpoint, telling the sender how far it reaches and the SHA-256 of that part.
   */
  protected async resume(item: TransferItem, partial: PartialFile): Promise<void> {
    try {
      const stored = await receivedFileContent(partial.id).catch(() => null);
      if (!stored || stored.size < partial.bytes) throw new NotedError({ code: 'part-missing' });
      const current = await this.openPipe(item, partial.startedAt, partial);
      const prefix = current.pipe.prefix;
      if (item.state !== 'offered') return void current.pipe.keep().catch(() => {});
      item.bytes = partial.bytes;
      current.awaitingFrom = true;
      this.current = current;
      item.startedAt = performance.now();
      this.update(item, 'receiving', { code: 'resuming', held: partial.bytes });
      this.sendControl({ t: 'accept', id: item.id, offset: partial.bytes, prefix });
    } catch (error) {
      const why = noteOf(error);
      if (error instanceof OpenFailed && error.held) {
        // The part is fine, only still held: keep it for a Resume later, and tell the sender.
        this.trySend({ t: 'abort', id: item.id, by: 'receiver', why: 'storage' });
        this.end(item, 'failed', { code: 'part-held', why });
        return;
      }
      // What cannot be continued is received afresh.
      await discardPartial(partial.id);
      this.partialsChanged();
      item.bytes = 0;
      item.resume = { code: 'part-unusable', why };
      await this.accept(item.id);
    }
  }

  /**
   * Where the sender's bytes begin (its `from`, seen by the worker, which has already started
   * the file over when it is 0).
   */
  private resumeFrom(current: Current, offset: number): void {
    const { item } = current;
    if (!current.awaitingFrom) return;
    current.awaitingFrom = false;
    if (offset === item.bytes) {
      item.resume = { code: 'resumed-rest', at: offset };
    } else {
      item.bytes = 0;
      item.resume = { code: 'changed-received-again' };
    }
    this.update(item, 'receiving', '');
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
    await current.pipe.remove();
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
    if (other && other !== this) other.interrupt({ code: 'sender-connected-again' });
    return settled(id);
  }

  /**
   * The connection ended: a file being received is kept to resume (its last bytes checkpointed
   * as its worker stops); files only offered fail.
   */
  private stopAll(reason: TransferNote): void {
    this.interrupt(reason);
    for (const item of this.items)
      if (!finished(item.state)) void this.drop(item, reason, 'failed');
  }

  /** The file being received stops here, kept to resume. */
  private interrupt(reason: TransferNote): void {
    const current = this.current;
    if (current && current.item.state === 'receiving') {
      this.current = null;
      const { item } = current;
      const pct = item.size ? Math.floor((item.bytes / item.size) * 100) : 0;
      this.end(item, 'interrupted', { code: 'interrupted-receiving', pct, reason });
      const save = current.pipe
        .keep()
        .then((kept) => storeCheckpoint(current, kept))
        .catch(() => {})
        .then(() => this.partialsChanged())
        .finally(() => {
          settling.delete(item.id);
          // Its sender may be back already, on a connection that skipped it while it was being
          // written (see announce): that connection can offer it now.
          this.dispatchEvent(new CustomEvent('kept', { detail: item.id }));
        });
      settling.set(item.id, save);
    }
  }

  protected partialsChanged(): void {
    this.dispatchEvent(new Event('partials'));
  }
}
