// The folders coming from one peer, each as one batch run by a worker of its own: the worker
// takes the bytes and writes the files into one pack; this side relays control messages, offers
// the batch (or takes it at once), and records the verified files in groups. A batch this side
// already holds files of resumes after them.
import { checkRelativePath } from '../../../files/relative-path';
import {
  deleteBatchPartial,
  readBatchPartial,
  saveBatchPartial,
  type BatchPartial,
} from '../../../store/batch-partials';
import {
  addReceivedFiles,
  addReceivedFolders,
  deleteReceivedContent,
  freeSpace,
  listReceivedFiles,
  receivedFileContent,
  RECEIVED_DIR,
  type ReceivedFileRecord,
} from '../../../store/received-files';
import type { BatchControl, BatchPosition } from '../protocol/batch-control';
import { batchChannelId } from '../protocol/batch-label';
import type { BatchManifest } from '../protocol/manifest';
import {
  listen,
  relayControl,
  type BatchProgress,
  type BatchReceiveRequest,
  type BatchWorkerReply,
  type CutFile,
  type PackedFile,
} from './batch-worker-messages';
import type { BatchPhase, BatchView } from './batch-view';
import { folderName, initialProgress } from './outgoing-batches';
import type { SessionOutcome } from './session-outcome';

interface IncomingBatch {
  readonly id: string;
  worker: Worker | null;
  manifest: BatchManifest | null;
  phase: BatchPhase;
  progress: BatchProgress;
  outcome: SessionOutcome | null;
  failure: { name: string; message: string } | null;
  unsafePath: { path: string; reason: string } | null;
  /** What this side holds of the batch, read when it was offered. */
  held: BatchPosition | null;
  /** The file cut in the middle last time, when the batch goes on inside it. */
  partial: BatchPartial | null;
  noSpace: { needs: number; grants: number } | null;
  pack: string;
  /** Records being written; the batch is over only once they are. */
  storing: Promise<void>;
  startedAt: number;
  endedAt: number;
}

export class IncomingBatches extends EventTarget {
  readonly batches: IncomingBatch[] = [];
  autoAccept: boolean;

  constructor(
    private readonly control: RTCDataChannel,
    options: { autoAccept: boolean },
  ) {
    super();
    this.autoAccept = options.autoAccept;
    control.addEventListener('close', () => {
      for (const b of this.batches) if (b.worker) this.post(b, { t: 'closed' });
    });
  }

  /** A batch control message from the sender; false when it is about none of this side's. */
  handleControl(message: BatchControl): boolean {
    let batch = this.find(message.id);
    const first = message.t === 'batch-part' && message.part === 0;
    if (!batch || (!batch.worker && first)) {
      if (!first) return false;
      // Offered again (it resumes): the row of its earlier try gives way to the new one.
      if (batch) this.batches.splice(this.batches.indexOf(batch), 1);
      batch = this.open(message.id);
    }
    if (batch.worker) this.post(batch, { t: 'control', message });
    return true;
  }

  /** The batch's bytes channel, opened by the sender: it moves to the batch's worker at once. */
  attachBytes(channel: RTCDataChannel): boolean {
    const id = batchChannelId(channel.label);
    const batch = id === null ? undefined : this.find(id);
    if (!batch?.worker || batch.phase !== 'moving') return false;
    try {
      this.post(batch, { t: 'channel', channel }, [channel as unknown as Transferable]);
    } catch {
      // What the browser throws when it cannot move the channel; not a storage failure.
      batch.failure = {
        name: 'DataCloneError',
        message: 'this browser cannot hand a data channel to a worker',
      };
      this.post(batch, { t: 'abort' });
      return false;
    }
    return true;
  }

  async accept(id: string): Promise<void> {
    const batch = this.find(id);
    if (!batch?.manifest || batch.phase !== 'offered' || !batch.worker) return;
    const from = batch.held ?? (await this.heldPosition(batch));
    let left = -from.offset;
    batch.manifest.files.forEach((f, i) => (left += i >= from.index ? f.size : 0));
    const free = await freeSpace().catch(() => null);
    if (free !== null && free < left) {
      batch.noSpace = { needs: left, grants: free };
      return this.decline(id);
    }
    if (batch.phase !== 'offered' || !batch.worker) return;
    batch.phase = 'moving';
    batch.pack = `${id}.${Date.now().toString(36)}`;
    batch.startedAt = performance.now();
    const { partial } = batch;
    const resume =
      from.offset > 0 && partial ? { resume: { pack: partial.pack, start: partial.start } } : {};
    this.post(batch, { t: 'accept', id, from, dir: RECEIVED_DIR, pack: batch.pack, ...resume });
    const receivedAt = Date.now();
    const folders = batch.manifest.emptyFolders.map((path, i) => ({
      id: `${id}.f${i}`,
      path,
      receivedAt,
    }));
    batch.storing = batch.storing.then(() => addReceivedFolders(folders)).catch(() => {});
    this.changed();
  }

  decline(id: string): void {
    const batch = this.find(id);
    if (!batch?.worker || batch.phase !== 'offered') return;
    this.post(batch, { t: 'decline' });
  }

  abort(id: string): void {
    const batch = this.find(id);
    if (batch?.worker) this.post(batch, { t: 'abort' });
  }

  views(): BatchView[] {
    return this.batches
      .filter((b) => b.manifest)
      .map((b) => ({
        id: b.id,
        name: folderName(b.manifest!),
        phase: b.phase,
        progress: b.progress,
        outcome: b.outcome,
        failure: b.failure,
        resumedFiles: b.held?.index ?? 0,
        resumedPart: b.held?.offset ?? 0,
        unsafePath: b.unsafePath,
        noSpace: b.noSpace,
        pathAt: (i: number) => b.manifest!.files[i]?.path ?? '',
        startedAt: b.startedAt,
        endedAt: b.endedAt,
      }));
  }

  /** Packs still being written: the files recorded in them cannot be read yet. */
  arrivingPacks(): string[] {
    return this.batches.filter((b) => b.worker && b.phase === 'moving').map((b) => b.pack);
  }

  active(): boolean {
    return this.batches.some((b) => b.phase === 'offered' || b.phase === 'moving');
  }

  private open(id: string): IncomingBatch {
    const worker = new Worker(new URL('../receive/batch-receive.worker.ts', import.meta.url), {
      type: 'module',
    });
    const batch: IncomingBatch = {
      id,
      worker,
      manifest: null,
      phase: 'offered',
      progress: { fileCount: 0, filesDone: 0, filesCorrupt: 0, bytes: 0, totalBytes: 0 },
      outcome: null,
      failure: null,
      unsafePath: null,
      held: null,
      partial: null,
      noSpace: null,
      pack: '',
      storing: Promise.resolve(),
      startedAt: performance.now(),
      endedAt: 0,
    };
    listen(worker, (m) => this.reply(batch, m));
    this.batches.push(batch);
    return batch;
  }

  private reply(batch: IncomingBatch, m: BatchWorkerReply): void {
    if (!batch.worker) return;
    switch (m.t) {
      case 'control':
        return relayControl(this.control, m.message);
      case 'offered':
        return void this.offered(batch, m.manifest);
      case 'progress':
        batch.progress = withTotals(batch, m.progress);
        return this.changed();
      case 'stored':
        return this.store(batch, m.files);
      case 'failed':
        batch.failure ??= { name: m.name, message: m.message };
        return this.changed();
      case 'ended': {
        const worker = batch.worker;
        batch.worker = null;
        worker.terminate();
        batch.progress = withTotals(batch, m.progress);
        batch.storing = batch.storing.then(() => this.keepPartial(batch, m.partial));
        // Over once the verified files are recorded: then they show under Received files.
        void batch.storing.then(() => {
          batch.outcome = m.outcome;
          batch.phase = m.outcome.t === 'interrupted' ? 'interrupted' : 'over';
          batch.endedAt = performance.now();
          this.changed();
          this.dispatchEvent(new Event('saved'));
        });
        return;
      }
    }
  }

  /**
   * Remembers the file a batch was cut in the middle of, to go on inside it; once taken (or no
   * longer wanted), the pack that held its first bytes goes too, if no file needs it.
   */
  private async keepPartial(batch: IncomingBatch, partial: CutFile | undefined): Promise<void> {
    try {
      // Never accepted: what was kept before still holds.
      if (!batch.pack) return;
      if (partial) await saveBatchPartial({ batch: batch.id, pack: batch.pack, ...partial });
      else await deleteBatchPartial(batch.id);
      const old = batch.partial?.pack;
      if (!old || old === batch.pack) return;
      const records = await listReceivedFiles();
      if (!records.some((r) => r.pack?.id === old)) await deleteReceivedContent(old);
    } catch {
      // A part not kept is sent again from its start.
    }
  }

  private async offered(batch: IncomingBatch, manifest: BatchManifest): Promise<void> {
    batch.manifest = manifest;
    batch.progress = initialProgress(manifest);
    const paths = [...manifest.files.map((f) => f.path), ...manifest.emptyFolders];
    for (const [index, path] of paths.entries()) {
      const check = checkRelativePath(path);
      if (check.ok) continue;
      batch.unsafePath = { path, reason: check.reason };
      this.changed();
      // The sender hears which path, to say so.
      return this.post(batch, { t: 'decline', unsafe: index });
    }
    const held = await this.heldPosition(batch);
    batch.held = held;
    this.changed();
    // A batch accepted before (some of its files are here) goes on without asking again.
    if (this.autoAccept || held.index > 0 || held.offset > 0) await this.accept(batch.id);
  }

  /** Where the batch resumes: after the files of it stored here, from the first one missing. */
  private async heldPosition(batch: IncomingBatch): Promise<BatchPosition> {
    const records = await listReceivedFiles().catch(() => [] as ReceivedFileRecord[]);
    const have = new Set(records.filter((r) => r.batch === batch.id).map((r) => r.id));
    let index = 0;
    const count = batch.manifest?.files.length ?? 0;
    while (index < count && have.has(fileId(batch.id, index))) index++;
    // The file cut in the middle goes on from the bytes kept of it, if they are still there.
    const partial = await readBatchPartial(batch.id).catch(() => undefined);
    if (!partial || partial.index !== index || index >= count) return { index, offset: 0 };
    const size = batch.manifest!.files[index]!.size;
    const pack = await receivedFileContent(partial.pack).catch(() => null);
    const length = Math.min(partial.length, size);
    if (!pack || pack.size < partial.start + length) return { index, offset: 0 };
    batch.partial = partial;
    return { index, offset: length };
  }

  private store(batch: IncomingBatch, files: PackedFile[]): void {
    const manifest = batch.manifest!;
    const receivedAt = Date.now();
    const records: ReceivedFileRecord[] = files.map(({ index, start, sha256 }) => {
      const f = manifest.files[index]!;
      return {
        id: fileId(batch.id, index),
        name: f.path.split('/').pop() ?? f.path,
        // Files picked together (no folder) are received as loose files.
        ...(f.path.includes('/') ? { path: f.path } : {}),
        size: f.size,
        type: f.type,
        lastModified: f.lastModified,
        sha256,
        receivedAt,
        via: 'data channel',
        pack: { id: batch.pack, start },
        batch: batch.id,
      };
    });
    batch.storing = batch.storing
      .then(() => addReceivedFiles(records))
      // Their rows show at once; their links wait for the pack to close (see arrivingPacks).
      .then(() => void this.dispatchEvent(new CustomEvent('arrived', { detail: records })))
      .catch((error: Error) => {
        batch.failure ??= { name: error.name, message: error.message };
        this.abort(batch.id);
      });
  }

  private post(batch: IncomingBatch, m: BatchReceiveRequest, transfer: Transferable[] = []) {
    batch.worker!.postMessage(m, transfer);
  }

  private find(id: string): IncomingBatch | undefined {
    return this.batches.find((b) => b.id === id);
  }

  private changed(): void {
    this.dispatchEvent(new Event('change'));
  }
}

/** A worker that failed before it began receiving knows no totals: the manifest's stand. */
function withTotals(batch: IncomingBatch, progress: BatchProgress): BatchProgress {
  return progress.fileCount === 0 && batch.manifest?.files.length ? batch.progress : progress;
}

/** A batch's file's record id. */
export function fileId(batch: string, index: number): string {
  return `${batch}.${index}`;
}
