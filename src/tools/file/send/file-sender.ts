import { bytesLabel, CHUNK_SIZE, type FileControl, type SendPace } from '../protocol/file-protocol';
import { OutgoingQueue } from './outgoing-queue';
import { finished, type TransferItem } from '../session/transfer-item';
import { SendPipe } from './send-pipe';
import { isBrowserError } from '../../../i18n/browser-error';
import { NotedError, noteOf, type TransferNote } from '../protocol/transfer-note';

type Reply = Extract<FileControl, { t: 'accept' | 'decline' | 'verified' | 'abort' }>;

class Aborted extends Error {}

/** What progress needs of an item. */
type Progressing = Pick<TransferItem, 'id' | 'state' | 'bytes'>;

/**
 * Sends queued files one after another: header, wait for accept, the bytes and their SHA-256 on
 * a channel of their own (sent by a worker, see SendPipe), wait for the receiver's verdict.
 * When the connection ends, unfinished items are kept, with their files, to resume later.
 * Fires `change` on progress and state changes, and `held` (a HeldEvent) when the receiver
 * holds part of an interrupted transfer.
 */
export class FileSender extends OutgoingQueue {
  private running = false;
  private current: {
    id: string;
    pipe: SendPipe | null;
    reply: (r: Reply | Error) => void;
  } | null = null;

  /**
   * `openChannel` opens a data channel to the receiver on the same connection (each file's bytes
   * go on one of their own); `pace` says how many bytes of a file go in one message, and how
   * fast they may go.
   */
  constructor(
    channel: RTCDataChannel,
    private readonly openChannel: (label: string) => RTCDataChannel,
    private readonly pace: () => Promise<SendPace> = async () => ({ chunk: CHUNK_SIZE, rate: 0 }),
  ) {
    super(channel);
    channel.addEventListener('close', () => this.interruptAll());
  }

  /** The receiver holds part of an interrupted transfer: whoever has the file resumes it. */
  handleHeld({ t: _, ...held }: Extract<FileControl, { t: 'held' }>): void {
    this.dispatchEvent(new CustomEvent('held', { detail: held }));
  }

  /** A reply from the receiver about one of our files. */
  handleReply(reply: Reply): void {
    if (this.current?.id === reply.id) this.current.reply(reply);
  }

  /** The user aborts the file being sent (or removes a queued one). */
  abort(id: string): void {
    const item = this.items.find((i) => i.id === id);
    if (!item || finished(item.state)) return;
    if (this.current?.id === id) {
      this.trySend({ t: 'abort', id, by: 'sender' });
      this.current.reply({ t: 'abort', id, by: 'sender' });
    } else {
      this.end(item, 'aborted', { code: 'removed-from-queue' });
    }
  }

  /** Bytes the network has taken of the current file (what was sent minus what still waits). */
  private transmitted(item: Progressing): number {
    const buffered = this.current?.id === item.id ? (this.current.pipe?.buffered ?? 0) : 0;
    return Math.max(0, item.bytes - buffered);
  }

  get activeItem(): TransferItem | undefined {
    return this.items.find((i) => i.id === this.current?.id);
  }

  /** Progress of an item as the network sees it. */
  progress(item: Progressing): number {
    return item.state === 'sending' ? this.transmitted(item) : item.bytes;
  }

  protected async run(): Promise<void> {
    if (this.running) return;
    this.running = true;
    try {
      let item: TransferItem | undefined;
      while ((item = this.items.find((i) => i.state === 'queued'))) {
        if (item.folder) {
          this.sendFolder(item);
          continue;
        }
        await this.sendOne(item, this.files.get(item.id)!);
        // An interrupted file is kept for its resume.
        if (item.state !== 'interrupted') this.files.delete(item.id);
      }
    } finally {
      this.running = false;
    }
  }

  private sendFolder(item: TransferItem): void {
    try {
      this.sendControl({ t: 'folder', id: item.id, path: item.path! });
      this.end(item, 'done', { code: 'empty-folder-sent' });
    } catch {
      this.end(item, 'failed', { code: 'closed-mid-transfer' });
    }
  }

  private async sendOne(item: TransferItem, file: File): Promise<void> {
    // Replies from the receiver, or an Error when the connection went away.
    let replies: (Reply | Error)[] = [];
    let wake: (() => void) | null = null;
    const next = async (): Promise<Reply> => {
      while (replies.length === 0) await new Promise<void>((r) => (wake = r));
      const reply = replies.shift()!;
      if (reply instanceof Error) throw reply;
      return reply;
    };
    this.current = {
      id: item.id,
      pipe: null,
      reply: (r) => {
        replies.push(r);
        if (r instanceof Error) this.current?.pipe?.stop(r);
        else if (r.t === 'abort') this.current?.pipe?.stop(new Aborted());
        wake?.();
      },
    };
    try {
      item.startedAt = performance.now();
      this.update(item, 'waiting', { code: 'waiting-accept' });
      this.sendControl({
        t: 'header',
        id: item.id,
        name: file.name,
        size: file.size,
        type: file.type,
        lastModified: file.lastModified,
        ...(item.path !== undefined ? { path: item.path } : {}),
      });
      const answer = await next();
      if (answer.t === 'decline')
        return this.end(
          item,
          'declined',
          answer.note ?? (answer.reason || { code: 'receiver-declined' }),
        );
      if (answer.t === 'abort') throw new Aborted();
      if (answer.t !== 'accept') throw new NotedError({ code: 'out-of-turn' });
      const aborted = () => replies.some((r) => !(r instanceof Error) && r.t === 'abort');

      const pipe = new SendPipe(() => {
        // A report that arrives after the end (the worker stops a moment later) moves nothing.
        if (finished(item.state)) return;
        item.bytes = pipe.bytes;
        this.changed();
      });
      this.current.pipe = pipe;
      if (aborted()) throw new Aborted();
      let from = 0;
      if (answer.offset !== undefined) {
        // The receiver holds part of it: send only the rest, if that part is this file's.
        this.update(item, 'sending', { code: 'checking-held' });
        const same = await pipe.check(file, answer.offset, answer.prefix!);
        from = same ? answer.offset : 0;
        item.resume = same ? { code: 'resumed-held', at: from } : { code: 'changed-sent-again' };
      }
      item.bytes = from;
      const pace = await this.pace();
      this.update(item, 'sending', '');
      await pipe.send(item.id, file, from, this.openChannel(bytesLabel(item.id)), pace);
      item.bytes = pipe.bytes;
      this.update(item, 'verifying', { code: 'waiting-verify' });
      const verdict = await next();
      if (verdict.t === 'abort') throw new Aborted();
      if (verdict.t === 'verified' && verdict.ok) this.end(item, 'done', { code: 'delivered' });
      else this.end(item, 'corrupt', { code: 'receiver-found-corrupt' });
    } catch (thrown) {
      let error = thrown;
      // The bytes channel can fail a moment before its cause arrives on this one: the
      // receiver's abort, or the connection closing.
      if (!(error instanceof Aborted) && !finished(item.state)) {
        for (let waited = 0; waited < 2000 && this.channel.readyState === 'open'; waited += 50) {
          if (replies.some((r) => !(r instanceof Error) && r.t === 'abort')) break;
          await new Promise((r) => setTimeout(r, 50));
        }
        if (replies.some((r) => !(r instanceof Error) && r.t === 'abort')) error = new Aborted();
      }
      if (error instanceof Aborted) {
        const abort = replies.find((r): r is Reply => !(r instanceof Error) && r.t === 'abort');
        const by = abort?.t === 'abort' ? abort.by : 'sender';
        const why = abort?.t === 'abort' ? abort.why : undefined;
        if (why === 'storage') this.end(item, 'failed', { code: 'receiver-store-failed' });
        else if (why === 'protocol') this.end(item, 'failed', { code: 'receiver-protocol' });
        else
          this.end(item, 'aborted', {
            code: by === 'sender' ? 'you-aborted' : 'receiver-aborted',
          });
      } else if (!finished(item.state)) {
        // A send can meet the closed channel before its 'close' event: it is an interruption.
        if (this.channel.readyState !== 'open') return this.interruptAll();
        this.end(item, 'failed', sendFailure(error));
      }
    } finally {
      this.current?.pipe?.stop(new Aborted());
      this.current = null;
      replies = [];
    }
  }

  /**
   * The connection ended: unfinished items wait, with their files, for it to come back. A file
   * being sent stands at the bytes that left this browser (what was still in the channel's
   * buffer is lost with it); its note and its bar both say that.
   */
  private interruptAll(): void {
    const reason: TransferNote = { code: 'closed-mid-transfer' };
    for (const item of this.items) {
      if (finished(item.state)) continue;
      item.bytes = this.transmitted(item);
      const pct = item.size ? Math.floor((item.bytes / item.size) * 100) : 0;
      this.end(
        item,
        'interrupted',
        item.state === 'queued'
          ? { code: 'interrupted-queued', reason }
          : { code: 'interrupted-sending', pct, reason },
      );
    }
    this.current?.reply(new NotedError({ code: 'closed-mid-transfer' }));
  }
}

/** Why a send failed: the engine's own note, the browser's words, or an error's own message. */
function sendFailure(error: unknown): TransferNote {
  if (isBrowserError(error)) {
    const e = error as Error;
    return { code: 'send-failed', browser: e.message || e.name };
  }
  if (error instanceof NotedError || (error instanceof Error && error.message))
    return noteOf(error);
  return { code: 'send-failed', browser: '' };
}
