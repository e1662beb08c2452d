import { fileStorageMissing } from '../../../store/storage-errors';
import { LitElement, html, nothing } from 'lit';
import { customElement, property, query, state } from 'lit/decorators.js';
import { localized, msg, str } from '@lit/localize';
import type { BitrateFigures } from '../../../rtc/bitrate';
import type { RoomPeer } from '../../../rtc/peer-link';
import { loadSettings, saveSettings } from '../../../store/settings';
import { connectedPc } from '../../../ui/connection-details';
import '../../../ui/connection-picker';
import { formatBitrate } from '../../../i18n/format';
import { TransferConnection } from '../../../ui/transfer-connection';
import '../../../ui/progress-meter';
import { sharedStyles } from '../../../ui/shared-styles';
import type { Outgoing } from '../send/outgoing-queue';
import type { FolderFile } from '../session/outgoing-batches';
import { batchItem } from './batch-item';
import { splitPick } from '../send/pick-batch';
import { FileEndsList, type FileEnds } from '../session/file-ends';
import './interrupted-files';
import type { InterruptedFiles, PartialEvent } from './interrupted-files';
import { discardPartial, prunePartials } from '../../../store/partial-files';
import { settled } from '../receive/incoming-files';
import { pickedFolder } from '../../../ui/dropped-tree';
import { styles } from './file-panel.styles';
import './file-fallback';
import '../../../ui/received-files';
import type { ReceivedFiles } from '../../../ui/received-files';
import type { ShownItem } from './note-text';
import './transfer-items';
import { FocusKeeper } from '../../../ui/focus-keeper';
import { ActivityReporter } from '../../../device/activity-reporter';
import { fileSnapshots } from './file-activity';
import { FileIntake } from './file-intake';
import './waiting-files';
import type { WaitingRemoveEvent } from './waiting-files';

const LABEL = 'file';

/**
 * The file tool: pick or drop files; each goes as a header, 16 KiB chunks and a SHA-256, and
 * arrives in disk-backed storage, verified, with a download link. A room's creator sends to
 * every joiner it selects, each with its own queue, progress and backpressure.
 */
@customElement('file-panel')
@localized()
export class FilePanel extends LitElement {
  static override styles = [sharedStyles, styles];

  // A pressed button that disables itself (Start, Stop, Send…) hands the focus on.
  protected readonly focusKeeper = new FocusKeeper(this);

  private readonly connection = new TransferConnection(this, [{ label: LABEL }], {
    wire: (link) => {
      this.fileEnds.wireLoopback(link);
      queueMicrotask(() => this.intake.flush());
    },
    wirePeer: (peer) => {
      this.fileEnds.wirePeer(peer, !this.ask);
      queueMicrotask(() => this.intake.flush());
    },
    sent: (f) => (this.sent = f),
    received: (f) => (this.received = f),
    mainControl: () => this.renderRoot.querySelector<HTMLElement>('#files'),
  });

  // Files dropped, pasted or shared: queued at once, or as soon as a connection is up.
  private readonly intake = new FileIntake(this, {
    live: () => this.liveEnds().length > 0,
    enqueue: (files, emptyFolders) => void this.enqueue(files, emptyFolders),
  });

  // The wake lock, the title and the update prompt follow the transfers.
  protected readonly reporter = new ActivityReporter(this, 'file', () =>
    fileSnapshots(this.fileEnds.ends),
  );

  @query('received-files') private receivedList!: ReceivedFiles;
  @query('interrupted-files') private interruptedList!: InterruptedFiles;

  private readonly fileEnds = new FileEndsList(
    LABEL,
    {
      changed: () => this.requestUpdate(),
      saved: () => void this.receivedList?.refresh(),
      arrived: (records) => this.receivedList?.arrive(records),
      partials: () => void this.interruptedList?.refresh(),
      kept: (id) => this.announceOnLiveEnds(id),
    },
    {
      get thisPage() {
        return msg('This page');
      },
      get unnamed() {
        return msg('Unnamed device');
      },
    },
  );
  /** Peers the creator chose not to send to (new peers are selected). */
  @state() private unselected = new Set<RoomPeer>();
  @state() private sent: BitrateFigures | null = null;
  @state() private received: BitrateFigures | null = null;
  @state() private ask = true;

  /** Fragment parameters (a room link opened on this tool joins that room). */
  @property({ attribute: false }) params: URLSearchParams | null = null;

  override connectedCallback(): void {
    super.connectedCallback();
    void loadSettings().then(async (s) => {
      this.ask = s.askBeforeAccepting;
      // Partials nobody came back for go after the age set in Settings.
      const days = s.partialMaxAgeDays;
      if (await prunePartials(days * 24 * 3600 * 1000)) void this.interruptedList?.refresh();
    });
  }

  override render() {
    const link = this.connection.link;
    return html`
      <h1 class="visually-hidden">${msg('File')}</h1>
      <connection-picker .link=${link} tool="file" .params=${this.params}></connection-picker>
      ${
        link.phase === 'failed' && link.iceFailed && link.room && link.roomRole
          ? html`<file-fallback
              .room=${link.room}
              side=${link.roomRole}
              server=${link.server}
              @relay-received=${() => void this.receivedList?.refresh()}
            ></file-fallback>`
          : nothing
      }
      <div class="panes">${this.renderSend()} ${this.renderReceive()}</div>
      <connection-details .pc=${connectedPc(link)}></connection-details>
      <received-files .arriving=${this.fileEnds.arrivingPacks()}></received-files>
    `;
  }

  private renderSend() {
    const open = this.connection.link.phase === 'connected' && this.liveEnds().length > 0;
    const dragging = this.intake.dragging ? 'dragging' : '';
    return html`<section class="pane ${dragging}" aria-labelledby="send-h">
      <h2 id="send-h">${msg('Send')}</h2>
      <label for="files">${msg('Choose files')}</label>
      <input id="files" type="file" multiple ?disabled=${!open} @change=${this.handlePick} />
      <label for="folder">${msg('Choose a folder')}</label>
      <input
        id="folder"
        type="file"
        webkitdirectory
        ?disabled=${!open}
        aria-describedby="folder-hint"
        @change=${this.handleFolder}
      />
      <p class="drop" id="folder-hint">
        ${
          open
            ? msg('or drop files and folders here (a dropped folder keeps its empty folders).')
            : msg('Connect first. Files dropped, pasted or shared before that wait here.')
        }
      </p>
      <waiting-files
        .files=${this.intake.waiting}
        .shared=${this.intake.shared}
        @waiting-remove=${(e: WaitingRemoveEvent) => this.intake.remove(e.detail.index)}
      ></waiting-files>
      ${this.renderTargets()} ${this.renderBitrate('out', this.sent)}
      ${this.fileEnds.ends.map((e) => this.renderItems(e, 'out'))}
    </section>`;
  }

  private renderReceive() {
    const room = this.connection.link.mode === 'room';
    const noStorage = fileStorageMissing();
    return html`<section class="pane" aria-labelledby="recv-h">
      <h2 id="recv-h">${msg('Receive')}</h2>
      ${noStorage ? html`<p class="error" role="note">${noStorage}</p>` : nothing}
      ${
        room
          ? html`<label class="row"
              ><input type="checkbox" .checked=${this.ask} @change=${this.handleAsk} />
              ${msg('Ask before accepting incoming files')}</label
            >`
          : html`<p class="muted">${msg('In loopback, files are accepted at once.')}</p>`
      }
      ${this.renderBitrate('in', this.received)}
      <div aria-live="polite">${this.fileEnds.ends.map((e) => this.renderItems(e, 'in'))}</div>
      <interrupted-files
        .devices=${new Set(this.liveEnds().map((e) => e.receiver.peerDevice))}
        .active=${this.fileEnds.receiving()}
        @partial-resume=${this.handlePartialResume}
        @partial-discard=${this.handlePartialDiscard}
      ></interrupted-files>
    </section>`;
  }

  private renderBitrate(way: 'in' | 'out', f: BitrateFigures | null) {
    if (!f || f.history.length === 0) return nothing;
    const now = formatBitrate(f.current);
    const average = formatBitrate(f.average);
    const peak = formatBitrate(f.peak);
    return html`<p class="bitrate">
      ${
        way === 'out'
          ? msg(str`Sending: ${now} now · average ${average} · peak ${peak}`)
          : msg(str`Receiving: ${now} now · average ${average} · peak ${peak}`)
      }
    </p>`;
  }

  /** The creator's choice of joiners to send to, once there is more than one. */
  private renderTargets() {
    const live = this.liveEnds();
    if (live.length < 2) return nothing;
    return html`<fieldset class="targets">
      <legend>${msg('Send to')}</legend>
      ${live.map(
        ({ peer }) =>
          html`<label
            ><input
              type="checkbox"
              .checked=${!this.unselected.has(peer!)}
              @change=${(e: Event) => this.handleTarget(peer!, e)}
            /><span translate="no">${peer!.name || msg('Unnamed device')}</span></label
          >`,
      )}
    </fieldset>`;
  }

  private renderItems(ends: FileEnds, way: 'in' | 'out') {
    const { sender, receiver, batchesOut, batchesIn } = ends;
    const batches = (way === 'out' ? batchesOut : batchesIn).views().map((v) => batchItem(v, way));
    const items = [...(way === 'out' ? sender.items : receiver.items), ...batches];
    if (items.length === 0) return nothing;
    const isBatch = new Set(batches.map((b) => b.id));
    // Several peers: each list says whose it is.
    return html`<transfer-items
      way=${way}
      peer=${this.fileEnds.ends.length > 1 ? ends.peer?.name || msg('Unnamed device') : ''}
      .items=${[...items]}
      .progress=${(item: ShownItem) =>
        way === 'out' && !item.batch ? sender.progress(item) : item.bytes}
      .actions=${
        way === 'out'
          ? {
              abort: (id: string) => (isBatch.has(id) ? batchesOut.abort(id) : sender.abort(id)),
              resume: (id: string) => this.resumeOn(ends, id)?.sender.resume(id),
              supply: (id: string, file: File) => this.resumeOn(ends, id)?.sender.supply(id, file),
              discard: (id: string) =>
                isBatch.has(id) ? batchesOut.discard(id) : sender.discard(id),
              canResume: this.liveEnds().length > 0,
            }
          : {
              abort: (id: string) => (isBatch.has(id) ? batchesIn.abort(id) : receiver.abort(id)),
              accept: (id: string) =>
                void (isBatch.has(id) ? batchesIn.accept(id) : receiver.accept(id)),
              decline: (id: string) =>
                isBatch.has(id) ? batchesIn.decline(id) : receiver.decline(id),
            }
      }
    ></transfer-items>`;
  }

  private handlePartialResume(e: PartialEvent): void {
    this.announceOnLiveEnds(e.detail.id);
  }

  /** Offers the sender of a kept part the rest of it, on every connection up now. */
  private announceOnLiveEnds(id: string): void {
    for (const { receiver } of this.liveEnds()) void receiver.announce(id);
  }

  private async handlePartialDiscard(e: PartialEvent): Promise<void> {
    if (this.fileEnds.receiving().has(e.detail.id)) return;
    // Just interrupted: its worker may still be storing the last bytes.
    await settled(e.detail.id);
    await discardPartial(e.detail.id);
    await this.interruptedList?.refresh();
  }

  private liveEnds(): FileEnds[] {
    return this.fileEnds.live(this.connection.link);
  }

  private resumeOn(ends: FileEnds, id: string): FileEnds | undefined {
    const selected = (e: FileEnds) => !e.peer || !this.unselected.has(e.peer);
    return this.fileEnds.resumeOn(this.connection.link, ends, id, selected);
  }

  /**
   * A folder's files (with their paths) go as one batch; so do many small files picked together
   * (see pick-batch.ts); other files go one by one.
   */
  private async enqueue(files: (File | Outgoing)[], emptyFolders: string[] = []): Promise<void> {
    const folder: FolderFile[] = [];
    const loose: (File | Outgoing)[] = [];
    for (const f of files)
      if (!(f instanceof File) && f.path !== undefined) folder.push({ file: f.file, path: f.path });
      else loose.push(f);
    const { together, alone } = await splitPick(loose);
    const targets = this.liveEnds().filter((e) => !e.peer || !this.unselected.has(e.peer));
    for (const e of targets) {
      if (alone.length) e.sender.enqueue(alone);
      if (together.length) e.batchesOut.send(together, []);
      if (folder.length || emptyFolders.length) e.batchesOut.send(folder, emptyFolders);
    }
  }

  private handleFolder(e: Event): void {
    const input = e.target as HTMLInputElement;
    if (input.files?.length) this.intake.addTree(pickedFolder([...input.files]));
    input.value = '';
  }

  private handlePick(e: Event): void {
    const input = e.target as HTMLInputElement;
    if (input.files) void this.enqueue([...input.files]);
    input.value = '';
  }

  private handleTarget(peer: RoomPeer, e: Event): void {
    const next = new Set(this.unselected);
    if ((e.target as HTMLInputElement).checked) next.delete(peer);
    else next.add(peer);
    this.unselected = next;
  }

  private async handleAsk(e: Event): Promise<void> {
    this.ask = (e.target as HTMLInputElement).checked;
    if (this.connection.link.mode === 'room') {
      for (const { receiver, batchesIn } of this.fileEnds.ends) {
        receiver.autoAccept = !this.ask;
        batchesIn.autoAccept = !this.ask;
      }
    }
    await saveSettings({ askBeforeAccepting: this.ask });
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'file-panel': FilePanel;
  }
}
