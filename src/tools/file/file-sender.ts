import { createSHA256 } from 'hash-wasm';
import { html } from 'lit';
import { msg } from '@lit/localize';
import { ChannelSender, type Watermarks } from '../../rtc/channel-sender';
import { fileChunks } from './file-chunks';
import type { FileControl } from './file-protocol';
import { TransferList } from './transfer-list';
import { newTransferId } from '../../files/transfer-id';
import { finished, type TransferItem } from './transfer-item';

/** 16 KiB messages: a few MiB in flight keeps the channel busy without bloating its buffer. */
export const FILE_WATERMARKS: Watermarks = { high: 4 * 1024 * 1024, low: 1024 * 1024 };

const closedMidTransfer = () => msg('The connection closed mid-transfer.');

/** Why an empty file is skipped; its name is data, kept out of translation. */
const emptyNote = (name: string) =>
  msg(html`"<span translate="no">${name}</span>" is empty (0 bytes): there is nothing to send.`);

/** A file to send, with its place in a folder sent whole. */
export interface Outgoing {
  file: File;
  path?: string;
}

type Reply = Extract<FileControl, { t: 'accept' | 'decline' | 'verified' | 'abort' }>;

class Aborted extends Error {}

function blank(name: string, path: string | undefined): TransferItem {
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
 * Sends queued files one after another: header, wait for accept, 16 KiB chunks through the
 * backpressure sender while hashing, end with the SHA-256, wait for the receiver's verdict.
 * Fires `change` on progress and state changes.
 */
export class FileSender extends TransferList {
  private readonly files = new Map<string, File>();
  private running = false;
  private current: {
    id: string;
    sender: ChannelSender | null;
    reply: (r: Reply | Error) => void;
  } | null = null;

  constructor(
    channel: RTCDataChannel,
    private readonly marks: Watermarks = FILE_WATERMARKS,
  ) {
    super(channel);
    channel.addEventListener('close', () => this.stopAll(closedMidTransfer()));
  }

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
        message: skip ? emptyNote(file.name) : '',
      };
      this.items.push(item);
      if (!skip) this.files.set(item.id, file);
    }
    this.changed();
    void this.run();
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
      this.end(item, 'aborted', msg('You removed it from the queue.'));
    }
  }

  /** Bytes the network has taken of the current file (what was sent minus what still waits). */
  private transmitted(item: TransferItem): number {
    return Math.max(0, item.bytes - this.channel.bufferedAmount);
  }

  get activeItem(): TransferItem | undefined {
    return this.items.find((i) => i.id === this.current?.id);
  }

  /** Progress of an item as the network sees it. */
  progress(item: TransferItem): number {
    return item.state === 'sending' ? this.transmitted(item) : item.bytes;
  }

  private async run(): Promise<void> {
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
        this.files.delete(item.id);
      }
    } finally {
      this.running = false;
    }
  }

  private sendFolder(item: TransferItem): void {
    try {
      this.sendControl({ t: 'folder', id: item.id, path: item.path! });
      this.end(item, 'done', msg('Empty folder sent.'));
    } catch {
      this.end(item, 'failed', closedMidTransfer());
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
      sender: null,
      reply: (r) => {
        replies.push(r);
        if (r instanceof Error) this.current?.sender?.abort(r);
        else if (r.t === 'abort') this.current?.sender?.abort(new Aborted());
        wake?.();
      },
    };
    try {
      item.startedAt = performance.now();
      this.update(item, 'waiting', msg('Waiting for the receiver to accept…'));
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
        return this.end(item, 'declined', answer.reason || msg('The receiver declined it.'));
      if (answer.t === 'abort') throw new Aborted();
      if (answer.t !== 'accept') throw new Error(msg('The receiver answered out of turn.'));

      const sender = new ChannelSender(this.channel, this.marks);
      this.current.sender = sender;
      const hash = await createSHA256();
      this.update(item, 'sending', '');
      let lastEmit = 0;
      for await (const chunk of fileChunks(file)) {
        await sender.send(chunk);
        hash.update(chunk);
        item.bytes += chunk.byteLength;
        const now = performance.now();
        if (now - lastEmit > 100) {
          lastEmit = now;
          this.changed();
        }
        if (replies.some((r) => !(r instanceof Error) && r.t === 'abort')) throw new Aborted();
      }
      this.sendControl({ t: 'end', id: item.id, sha256: hash.digest('hex') });
      this.update(item, 'verifying', msg('Waiting for the receiver to verify the SHA-256…'));
      await sender.drained();
      const verdict = await next();
      if (verdict.t === 'abort') throw new Aborted();
      if (verdict.t === 'verified' && verdict.ok)
        this.end(item, 'done', msg('Delivered and verified (SHA-256).'));
      else
        this.end(
          item,
          'corrupt',
          msg('The receiver found a different SHA-256: the file arrived corrupted.'),
        );
    } catch (error) {
      if (error instanceof Aborted) {
        const abort = replies.find((r): r is Reply => !(r instanceof Error) && r.t === 'abort');
        const by = abort?.t === 'abort' ? abort.by : 'sender';
        this.end(
          item,
          'aborted',
          by === 'sender'
            ? msg('You aborted the transfer.')
            : msg('The receiver aborted the transfer.'),
        );
      } else if (!finished(item.state)) {
        // A send can meet the closed channel before its 'close' event: say what happened.
        const closed = this.channel.readyState !== 'open';
        const why = error instanceof Error ? error.message : String(error);
        this.end(item, 'failed', closed ? closedMidTransfer() : why);
      }
    } finally {
      this.current = null;
      replies = [];
    }
  }

  private stopAll(reason: string): void {
    for (const item of this.items) if (!finished(item.state)) this.end(item, 'failed', reason);
    this.current?.reply(new Error(reason));
  }
}
