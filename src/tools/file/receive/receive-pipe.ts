import { RECEIVED_DIR } from '../../../store/received-files';
import { HANDLE_RELEASE_MS } from '../../../store/sync-handle';
import { storageFailure } from '../../../store/storage-errors';
import type { ReceiveReply, ReceiveRequest } from './receive.worker';
import { NotedError, type TransferNote } from '../protocol/transfer-note';

export type FailureKind = Extract<ReceiveReply, { t: 'failed' }>['kind'];

/** What a receiving worker tells the page, besides answers. */
export interface ReceiveEvents {
  progress(bytes: number): void;
  from(offset: number): void;
  checkpoint(bytes: number, hashState: Uint8Array): void;
  end(ok: boolean, sha256: string, bytes: number): void;
  failed(kind: FailureKind, message: string): void;
}

/** Opening a file failed; `held` when another writer kept it past the wait. */
export class OpenFailed extends NotedError {
  constructor(
    note: TransferNote,
    readonly held: boolean,
  ) {
    super(note);
  }
}

/** Where a transfer stands when it stops: bytes on disk and the hash after them. */
export interface Kept {
  bytes: number;
  hashState: Uint8Array;
}

class OpenTimeout extends Error {}

/** How long a worker gets to open its file before it is replaced. */
const openTimeoutMs = 10_000;

/**
 * One file's bytes on their way in: a worker owns the file's channel (moved to it where the
 * browser can; elsewhere the page forwards the messages), hashes the bytes and writes them to
 * OPFS, so the page holds no file data.
 */
export class ReceivePipe {
  /** Which thread reads the channel, once one is attached. */
  where: 'worker' | 'page' | '' = '';
  /** Where the file stood when opened: its first checkpoint. */
  start: Kept = { bytes: 0, hashState: new Uint8Array() };
  /** The SHA-256 (hex) of the part stored when opened. */
  prefix = '';
  private answer: { t: ReceiveReply['t']; resolve: (m: ReceiveReply) => void } | null = null;
  private waiting = (): void => {};

  private constructor(
    private readonly worker: Worker,
    private readonly events: ReceiveEvents,
  ) {
    worker.onmessage = ({ data }: MessageEvent<ReceiveReply>) => this.receive(data);
    worker.onerror = (e) => events.failed('storage', storageFailure(undefined, e.message ?? ''));
  }

  /**
   * Opens the stored file `id` for the bytes from `at` on (0: a new file; more: a resumed one,
   * whose hash stood at `hashState`). A file another writer still holds (a page that was just
   * closed) is waited for, and `onWaiting` told. Firefox now and then never answers the open
   * (seen under test, cause unknown): a worker that has not opened the file in time is
   * replaced, once.
   */
  static async open(
    id: string,
    size: number,
    events: ReceiveEvents,
    resume?: Kept,
    onWaiting?: () => void,
    retries = 1,
  ): Promise<ReceivePipe> {
    const worker = new Worker(new URL('./receive.worker.ts', import.meta.url), { type: 'module' });
    const pipe = new ReceivePipe(worker, events);
    let timer: ReturnType<typeof setTimeout> | undefined;
    let timedOut: () => void = () => {};
    const limit = new Promise<never>((_, reject) => {
      timedOut = () => reject(new OpenTimeout());
      timer = setTimeout(timedOut, openTimeoutMs);
    });
    // While the worker waits for the file to be released, the time-out waits with it.
    pipe.waiting = () => {
      clearTimeout(timer);
      timer = setTimeout(timedOut, HANDLE_RELEASE_MS + openTimeoutMs);
      onWaiting?.();
    };
    const at = resume?.bytes ?? 0;
    const opened = pipe.ask(
      {
        t: 'open',
        dir: RECEIVED_DIR,
        id,
        at,
        size,
        ...(resume ? { hashState: resume.hashState } : {}),
      },
      'opened',
    );
    try {
      const reply = await Promise.race([opened, limit]);
      if (reply.t === 'failed')
        throw new OpenFailed(
          storageFailure(reply.name, reply.message),
          reply.name === 'FileHeldError',
        );
      if (reply.t === 'opened') {
        pipe.start = { bytes: reply.bytes, hashState: reply.hashState };
        pipe.prefix = reply.prefix;
      }
      return pipe;
    } catch (error) {
      worker.terminate();
      if (error instanceof OpenTimeout && retries > 0)
        return ReceivePipe.open(id, size, events, resume, onWaiting, retries - 1);
      throw error instanceof OpenTimeout ? new OpenFailed({ code: 'open-timeout' }, false) : error;
    } finally {
      clearTimeout(timer);
      pipe.waiting = () => {};
    }
  }

  /** Hands the file's bytes channel to the worker (or forwards its messages there). */
  attach(channel: RTCDataChannel): void {
    try {
      this.worker.postMessage({ t: 'channel', channel } satisfies ReceiveRequest, [
        channel as unknown as Transferable,
      ]);
      this.where = 'worker';
    } catch {
      // This browser cannot move a data channel to a worker: forward its messages.
      this.where = 'page';
      channel.binaryType = 'arraybuffer';
      channel.addEventListener('message', ({ data }: MessageEvent<string | ArrayBuffer>) => {
        const transfer = typeof data === 'string' ? [] : [data];
        this.worker.postMessage({ t: 'message', data } satisfies ReceiveRequest, transfer);
      });
      this.close = () => channel.close();
    }
  }

  /** Stops and keeps what arrived: resolves with where it stands on disk. */
  async keep(): Promise<Kept> {
    this.close();
    const reply = await this.ask({ t: 'keep' }, 'kept');
    this.worker.terminate();
    if (reply.t !== 'kept') throw new Error(reply.t === 'failed' ? reply.message : reply.t);
    return { bytes: reply.bytes, hashState: reply.hashState };
  }

  /** Stops and deletes the file. */
  async remove(): Promise<void> {
    this.close();
    await this.ask({ t: 'remove' }, 'removed');
    this.worker.terminate();
  }

  /** The worker is done with (the `end` came): let it go. */
  release(): void {
    this.close();
    this.worker.terminate();
  }

  /** Closes the channel when the page holds it. */
  private close = (): void => {};

  private ask(m: ReceiveRequest, answer: ReceiveReply['t']): Promise<ReceiveReply> {
    return new Promise((resolve) => {
      this.answer = { t: answer, resolve };
      this.worker.postMessage(m);
    });
  }

  private receive(m: ReceiveReply): void {
    const answer = this.answer;
    if (answer && (m.t === answer.t || m.t === 'failed')) {
      this.answer = null;
      answer.resolve(m);
      return;
    }
    switch (m.t) {
      case 'waiting':
        return this.waiting();
      case 'progress':
        return this.events.progress(m.bytes);
      case 'from':
        return this.events.from(m.offset);
      case 'checkpoint':
        return this.events.checkpoint(m.bytes, m.hashState);
      case 'end':
        return this.events.end(m.ok, m.sha256, m.bytes);
      case 'failed':
        return this.events.failed(
          m.kind,
          m.kind === 'storage' ? storageFailure(m.name, m.message) : m.message,
        );
    }
  }
}
