import { LitElement, html, nothing } from 'lit';
import { repeat } from 'lit/directives/repeat.js';
import { customElement, property, query, state } from 'lit/decorators.js';
import { localized, msg, str } from '@lit/localize';
import type { BitrateFigures } from '../../rtc/bitrate';
import type { PeerLink } from '../../rtc/peer-link';
import { loadSettings, saveSettings } from '../../store/settings';
import { connectedPc } from '../../ui/connection-details';
import '../../ui/connection-picker';
import { formatBitrate, formatBytes } from '../../i18n/format';
import { TransferConnection } from '../../ui/transfer-connection';
import '../../ui/progress-meter';
import { sharedStyles } from '../../ui/shared-styles';
import { FileReceiver } from './file-receiver';
import { routeFileMessages } from './file-router';
import { FileSender } from './file-sender';
import { styles } from './file-panel.styles';
import './file-fallback';
import '../../ui/received-files';
import type { ReceivedFiles } from '../../ui/received-files';
import { finished, type TransferItem } from './transfer-item';
import { FocusKeeper } from '../../ui/focus-keeper';

const LABEL = 'file';

/**
 * The file tool: pick or drop files; each goes as a header, 16 KiB chunks and a SHA-256, and
 * arrives in disk-backed storage, verified, with a download link.
 */
@customElement('file-panel')
@localized()
export class FilePanel extends LitElement {
  static override styles = [sharedStyles, styles];

  // A pressed button that disables itself (Start, Stop, Send…) hands the focus on.
  protected readonly focusKeeper = new FocusKeeper(this);

  private readonly connection = new TransferConnection(this, [{ label: LABEL }], {
    wire: (link) => this.wire(link),
    sent: (f) => (this.sent = f),
    received: (f) => (this.received = f),
    mainControl: () => this.renderRoot.querySelector<HTMLElement>('#files'),
  });

  @query('received-files') private receivedList!: ReceivedFiles;

  @state() private sender: FileSender | null = null;
  @state() private receiver: FileReceiver | null = null;
  @state() private sent: BitrateFigures | null = null;
  @state() private received: BitrateFigures | null = null;
  @state() private ask = true;
  @state() private dragging = false;

  /** Fragment parameters (a room link opened on this tool joins that room). */
  @property({ attribute: false }) params: URLSearchParams | null = null;

  private readonly rerender = () => this.requestUpdate();

  override connectedCallback(): void {
    super.connectedCallback();
    void loadSettings().then((s) => (this.ask = s.askBeforeAccepting));
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
      <received-files></received-files>
    `;
  }

  private renderSend() {
    const open = this.connection.link.phase === 'connected' && this.sender !== null;
    return html`<section
      class="pane ${this.dragging ? 'dragging' : ''}"
      aria-labelledby="send-h"
      @dragover=${this.handleDragOver}
      @dragleave=${() => (this.dragging = false)}
      @drop=${this.handleDrop}
    >
      <h2 id="send-h">${msg('Send')}</h2>
      <label for="files">${msg('Choose files')}</label>
      <input id="files" type="file" multiple ?disabled=${!open} @change=${this.handlePick} />
      <p class="drop">${open ? msg('or drop files here.') : msg('Connect first.')}</p>
      ${this.renderBitrate('out', this.sent)} ${this.renderItems(this.sender?.items ?? [], 'out')}
    </section>`;
  }

  private renderReceive() {
    const room = this.connection.link.mode === 'room';
    return html`<section class="pane" aria-labelledby="recv-h">
      <h2 id="recv-h">${msg('Receive')}</h2>
      ${
        room
          ? html`<label class="row"
              ><input type="checkbox" .checked=${this.ask} @change=${this.handleAsk} />
              ${msg('Ask before accepting incoming files')}</label
            >`
          : html`<p class="muted">${msg('In loopback, files are accepted at once.')}</p>`
      }
      ${this.renderBitrate('in', this.received)}
      <div aria-live="polite">${this.renderItems(this.receiver?.items ?? [], 'in')}</div>
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

  private renderItems(items: TransferItem[], way: 'in' | 'out') {
    if (items.length === 0) return nothing;
    const label = way === 'out' ? msg('Outgoing files') : msg('Incoming files');
    return html`<ul class="items" aria-label=${label}>
      ${repeat(
        items,
        (item) => item.id,
        (item) => this.renderItem(item, way),
      )}
    </ul>`;
  }

  private renderItem(item: TransferItem, way: 'in' | 'out') {
    const bytes = way === 'out' && this.sender ? this.sender.progress(item) : item.bytes;
    const elapsed = ((item.endedAt || performance.now()) - item.startedAt) / 1000;
    const rate = item.startedAt && elapsed > 0.2 && !finished(item.state) ? bytes / elapsed : 0;
    const bad = ['failed', 'corrupt', 'aborted', 'declined', 'skipped'].includes(item.state);
    const name = item.name;
    const speed = item.state === 'done' && elapsed > 0 ? formatBytes(item.size / elapsed) : '';
    return html`<li data-state=${item.state}>
      <span class="name" translate="no">${name}</span>
      ${
        item.state === 'skipped'
          ? nothing
          : html`<progress-meter
              label=${way === 'out' ? msg(str`Sending ${name}`) : msg(str`Receiving ${name}`)}
              .value=${bytes}
              .max=${item.size}
              .rate=${rate}
            ></progress-meter>`
      }
      <span class="state ${bad ? 'error' : item.state === 'done' ? 'ok' : ''}"
        >${item.message || stateWords(item.state)}${
          // The space belongs to the sentence: Chinese puts none after 。
          speed ? msg(str` ${speed}/s average.`) : ''
        }</span
      >
      <div class="row">${this.renderActions(item, way)}</div>
    </li>`;
  }

  private renderActions(item: TransferItem, way: 'in' | 'out') {
    if (finished(item.state)) return nothing;
    const name = item.name;
    if (way === 'in' && item.state === 'offered') {
      return html`<button
          class="primary"
          @click=${() => this.receiver?.accept(item.id)}
          aria-label=${msg(str`Accept ${name}`)}
        >
          ${msg('Accept')}
        </button>
        <button
          @click=${() => this.receiver?.decline(item.id)}
          aria-label=${msg(str`Decline ${name}`)}
        >
          ${msg('Decline')}
        </button>`;
    }
    const abort = () =>
      way === 'in' ? this.receiver?.abort(item.id) : this.sender?.abort(item.id);
    return html`<button @click=${abort} aria-label=${msg(str`Abort ${name}`)}>
      ${msg('Abort')}
    </button>`;
  }

  private wire(link: PeerLink): void {
    const mine = link.channels.get(LABEL)!;
    const loopback = link.mode === 'loopback';
    const sender = new FileSender(mine);
    const theirs = loopback ? link.peerChannels.get(LABEL)! : mine;
    const receiver = new FileReceiver(theirs, { autoAccept: loopback || !this.ask });
    routeFileMessages(mine, sender, loopback ? null : receiver);
    if (loopback) routeFileMessages(theirs, null, receiver);
    for (const t of [sender, receiver]) t.addEventListener('change', this.rerender);
    receiver.addEventListener('saved', () => void this.receivedList?.refresh());
    this.sender = sender;
    this.receiver = receiver;
  }

  private handlePick(e: Event): void {
    const input = e.target as HTMLInputElement;
    if (input.files) this.sender?.enqueue([...input.files]);
    input.value = '';
  }

  private handleDragOver(e: DragEvent): void {
    if (!this.sender) return;
    e.preventDefault();
    this.dragging = true;
  }

  private handleDrop(e: DragEvent): void {
    e.preventDefault();
    this.dragging = false;
    const files = [...(e.dataTransfer?.files ?? [])];
    if (files.length > 0) this.sender?.enqueue(files);
  }

  private async handleAsk(e: Event): Promise<void> {
    this.ask = (e.target as HTMLInputElement).checked;
    if (this.receiver && this.connection.link.mode === 'room') this.receiver.autoAccept = !this.ask;
    await saveSettings({ askBeforeAccepting: this.ask });
  }
}

/** A transfer's state in words, in the current language (built at render time). */
function stateWords(state: TransferItem['state']): string {
  switch (state) {
    case 'queued':
      return msg('Queued.');
    case 'offered':
      return msg('Offered: accept or decline.');
    case 'waiting':
      return msg('Waiting for the receiver…');
    case 'sending':
      return msg('Sending…');
    case 'receiving':
      return msg('Receiving…');
    case 'verifying':
      return msg('Verifying…');
    case 'done':
      return msg('Done.');
    case 'declined':
      return msg('Declined.');
    case 'aborted':
      return msg('Aborted.');
    case 'failed':
      return msg('Failed.');
    case 'corrupt':
      return msg('Corrupt.');
    case 'skipped':
      return msg('Skipped.');
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'file-panel': FilePanel;
  }
}
