// The folders this side sends to one peer, each as one batch run by a worker of its own. The
// page relays the batch's control messages; the worker reads, hashes and sends. A batch cut by
// the connection is kept, with its files, and offered again when the same device is back: the
// receiver says from which file on it still needs them.
import { newTransferId } from '../../../files/transfer-id';
import type { BatchControl } from '../protocol/batch-control';
import { batchLabel } from '../protocol/batch-label';
import type { BatchManifest } from '../protocol/manifest';
import type { SendLimits } from '../send/batch-sender';
import {
  listen,
  relayControl,
  type BatchProgress,
  type BatchSendRequest,
  type BatchWorkerReply,
} from './batch-worker-messages';
import type { BatchPhase, BatchView } from './batch-view';
import type { SessionOutcome } from './session-outcome';

/** A file of a folder, with its path in it. */
export interface FolderFile {
  readonly file: File;
  readonly path: string;
}

/** How a batch's bytes go out: bytes per message, and at most `rate` bytes/s (0: no limit). */
export interface BatchPace {
  readonly chunk: number;
  readonly rate: number;
}

/** Reads of up to 256 KiB; a few MiB read ahead and in the channel keep it busy. */
export function batchLimits(chunk: number): SendLimits {
  const readSize = 256 * 1024;
  return {
    maxMessage: chunk,
    readSize,
    readAhead: Math.max(4 * 1024 * 1024, 2 * chunk + readSize),
    highWater: 4 * 1024 * 1024,
  };
}

export interface OutgoingBatch {
  readonly id: string;
  readonly paths: string[];
  readonly emptyFolders: readonly string[];
  readonly files: File[];
  /** The receiving device (its id, once it said it): only it is offered the batch again. */
  device: string;
  phase: BatchPhase;
  progress: BatchProgress;
  outcome: SessionOutcome | null;
  failure: { name: string; message: string } | null;
  worker: Worker | null;
  startedAt: number;
  endedAt: number;
}

/** Files handed to a worker per message: a folder of thousands goes in several tasks. */
const FILES_PER_POST = 100;

export class OutgoingBatches extends EventTarget {
  readonly batches: OutgoingBatch[] = [];

  constructor(
    private readonly control: RTCDataChannel,
    private readonly openChannel: (label: string) => RTCDataChannel,
    private readonly pace: () => Promise<BatchPace>,
    private readonly peerDevice: () => string,
  ) {
    super();
    control.addEventListener('close', () => this.interruptAll());
  }

  /** Sends a folder (its files with their paths, and its empty folders) as one batch. */
  send(files: readonly FolderFile[], emptyFolders: readonly string[]): void {
    const batch: OutgoingBatch = {
      id: newTransferId(),
      paths: files.map((f) => f.path),
      emptyFolders,
      files: files.map((f) => f.file),
      device: this.peerDevice(),
      phase: 'offered',
      // Sizes are the worker's to read: reading thousands here would hold the page up.
      progress: { fileCount: files.length, filesDone: 0, filesCorrupt: 0, bytes: 0, totalBytes: 0 },
      outcome: null,
      failure: null,
      worker: null,
      startedAt: performance.now(),
      endedAt: 0,
    };
    this.batches.push(batch);
    void this.start(batch);
  }

  /** A batch control message from the receiver; false when it is about none of ours. */
  handleControl(message: BatchControl): boolean {
    const batch = this.find(message.id);
    if (!batch) return false;
    if (!batch.worker) return true;
    if (message.t === 'batch-accept') {
      // Its bytes go on a channel of their own, opened now and moved to the worker at once.
      const channel = this.openChannel(batchLabel(batch.id));
      try {
        this.post(batch, { t: 'channel', channel }, [channel as unknown as Transferable]);
      } catch {
        channel.close();
        this.post(batch, { t: 'abort' });
        batch.failure = {
          name: 'NotSupportedError',
          message: 'this browser cannot hand a data channel to a worker',
        };
        return true;
      }
      batch.phase = 'moving';
      this.changed();
    }
    this.post(batch, { t: 'control', message });
    return true;
  }

  /** The user stops a batch. */
  abort(id: string): void {
    const batch = this.find(id);
    if (batch?.worker) this.post(batch, { t: 'abort' });
    else if (batch?.phase === 'interrupted') this.discard(id);
  }

  /** Forgets an interrupted batch (its files too). */
  discard(id: string): void {
    const batch = this.find(id);
    if (batch?.phase !== 'interrupted') return;
    this.batches.splice(this.batches.indexOf(batch), 1);
    this.changed();
  }

  /** Takes this side's interrupted batches (those `only` allows) away, to go on elsewhere. */
  takeInterrupted(only: (b: OutgoingBatch) => boolean = () => true): OutgoingBatch[] {
    const out = this.batches.filter((b) => b.phase === 'interrupted' && only(b));
    for (const b of out) this.batches.splice(this.batches.indexOf(b), 1);
    return out;
  }

  /** Interrupted batches from an earlier connection: kept here, and offered again if `go`. */
  adopt(batches: OutgoingBatch[], go: (b: OutgoingBatch) => boolean): void {
    for (const b of batches) {
      this.batches.push(b);
      if (go(b)) this.resume(b);
    }
    this.changed();
  }

  /** Offers this side's interrupted batches for `device` again (its receiver is back). */
  resumeFor(device: string): void {
    for (const b of this.batches)
      if (b.phase === 'interrupted' && b.device === device) this.resume(b);
  }

  views(): BatchView[] {
    return this.batches.map((b) => ({
      id: b.id,
      name: batchName(b.paths[0] ?? b.emptyFolders[0] ?? ''),
      phase: b.phase,
      progress: b.progress,
      outcome: b.outcome,
      failure: b.failure,
      resumedFiles: 0,
      resumedPart: 0,
      unsafePath: null,
      noSpace: null,
      // Files first, then the empty folders (as the receiver names a path it refuses).
      pathAt: (i: number) => b.paths[i] ?? b.emptyFolders[i - b.paths.length] ?? '',
      startedAt: b.startedAt,
      endedAt: b.endedAt,
    }));
  }

  /** Whether any batch is moving (for the wake lock and the title). */
  active(): boolean {
    return this.batches.some((b) => b.phase === 'offered' || b.phase === 'moving');
  }

  private resume(batch: OutgoingBatch): void {
    Object.assign(batch, {
      phase: 'offered',
      outcome: null,
      failure: null,
      startedAt: performance.now(),
      endedAt: 0,
    });
    void this.start(batch);
    this.changed();
  }

  private async start(batch: OutgoingBatch): Promise<void> {
    const { chunk, rate } = await this.pace();
    const worker = new Worker(new URL('../send/batch-send.worker.ts', import.meta.url), {
      type: 'module',
    });
    batch.worker = worker;
    listen(worker, (m) => this.reply(batch, m));
    this.changed();
    for (let at = 0; at < batch.files.length; at += FILES_PER_POST) {
      if (at > 0) await new Promise((resolve) => setTimeout(resolve));
      if (batch.worker !== worker) return;
      this.post(batch, { t: 'files', files: batch.files.slice(at, at + FILES_PER_POST) });
    }
    const { id, paths, emptyFolders } = batch;
    this.post(batch, { t: 'start', id, paths, emptyFolders, limits: batchLimits(chunk), rate });
  }

  private reply(batch: OutgoingBatch, m: BatchWorkerReply): void {
    if (!batch.worker) return;
    switch (m.t) {
      case 'control':
        return relayControl(this.control, m.message);
      case 'progress':
        batch.progress = m.progress;
        return this.changed();
      case 'failed':
        batch.failure ??= { name: m.name, message: m.message };
        return this.changed();
      case 'ended':
        batch.progress = m.progress;
        batch.outcome = m.outcome;
        batch.phase = m.outcome.t === 'interrupted' ? 'interrupted' : 'over';
        batch.endedAt = performance.now();
        batch.worker.terminate();
        batch.worker = null;
        return this.changed();
      default:
        return;
    }
  }

  /** The connection ended: batches on their way stop here, to be offered again later. */
  private interruptAll(): void {
    for (const b of this.batches) if (b.worker) this.post(b, { t: 'closed' });
  }

  private post(batch: OutgoingBatch, m: BatchSendRequest, transfer: Transferable[] = []): void {
    batch.worker!.postMessage(m, transfer);
  }

  private find(id: string): OutgoingBatch | undefined {
    return this.batches.find((b) => b.id === id);
  }

  private changed(): void {
    this.dispatchEvent(new Event('change'));
  }
}

export function initialProgress(manifest: BatchManifest): BatchProgress {
  let totalBytes = 0;
  for (const f of manifest.files) totalBytes += f.size;
  return { fileCount: manifest.files.length, filesDone: 0, filesCorrupt: 0, bytes: 0, totalBytes };
}

/** The folder a batch carries (see batchName). */
export function folderName(manifest: BatchManifest): string {
  return batchName(manifest.files[0]?.path ?? manifest.emptyFolders[0] ?? '');
}

/**
 * The top folder of a batch's first path (the first, if there are several); '' for files picked
 * together, whose paths are their names.
 */
export function batchName(path: string): string {
  const slash = path.indexOf('/');
  return slash < 0 ? '' : path.slice(0, slash);
}
