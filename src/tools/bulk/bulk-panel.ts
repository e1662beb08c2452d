import { LitElement, html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { localized, msg } from '@lit/localize';
import type { PeerLink } from '../../rtc/peer-link';
import { loadSettings, saveSettings } from '../../store/settings';
import '../../ui/bitrate-chart';
import { connectedPc } from '../../ui/connection-details';
import '../../ui/connection-picker';
import { TransferConnection } from '../../ui/transfer-connection';
import '../../ui/progress-meter';
import { sharedStyles } from '../../ui/shared-styles';
import { checkMarks, checkSizeMiB, chunkSizeFor, defaultMarks } from './bulk-config';
import { BulkEndpoint, type BulkSummary } from './bulk-endpoint';
import { formatKiB } from './bulk-format';
import { renderSummary, statusText } from './bulk-report';
import { styles } from './bulk-panel.styles';
import { FocusKeeper } from '../../ui/focus-keeper';
import { ActivityReporter } from '../../device/activity-reporter';
import { bulkSnapshots } from './bulk-activity';
import { runSweep, sweepCells } from './bulk-sweep';
import { renderSweep, type SweepState } from './bulk-sweep-view';

/** Channels a run can spread its bytes over, opened with the connection (a sweep tries 1 to 4). */
const PARALLEL = 4;
const numbered = (label: string) =>
  Array.from({ length: PARALLEL }, (_, i) => (i === 0 ? label : `${label}-${i + 1}`));
const ORDERED = numbered('bulk');
const UNORDERED = numbered('bulk-unordered');

/**
 * The bulk-data tool: N MiB pushed as fast as the channel takes them, with live progress and
 * bitrate, and a summary of the run.
 */
@customElement('bulk-panel')
@localized()
export class BulkPanel extends LitElement {
  static override styles = [sharedStyles, styles];

  // A pressed button that disables itself (Start, Stop, Send…) hands the focus on.
  protected readonly focusKeeper = new FocusKeeper(this);

  private readonly connection = new TransferConnection(
    this,
    [
      ...ORDERED.map((label) => ({ label })),
      ...UNORDERED.map((label) => ({ label, init: { ordered: false } })),
    ],
    {
      wire: (link) => this.wire(link),
      // A bulk run measures one channel between two devices.
      maxPeers: 1,
      sent: (f) => (this.sentRates = f.history),
      received: (f) => (this.receivedRates = f.history),
      mainControl: () => this.renderRoot.querySelector<HTMLElement>('#size'),
    },
  );

  // The wake lock, the title and the update prompt follow the run.
  protected readonly reporter = new ActivityReporter(this, 'bulk', () => {
    const { sender, receiver } = this.ends();
    return bulkSnapshots(sender, receiver);
  });

  @state() private size = '16';
  @state() private ordered = true;
  @state() private highKiB = '';
  @state() private lowKiB = '';
  @state() private local: BulkEndpoint | null = null;
  @state() private remote: BulkEndpoint | null = null;
  @state() private sentRates: number[] = [];
  @state() private receivedRates: number[] = [];
  @state() private copied = false;
  @state() private sweep: SweepState | null = null;

  /** Fragment parameters (a room link opened on this tool joins that room). */
  @property({ attribute: false }) params: URLSearchParams | null = null;

  private readonly rerender = () => this.requestUpdate();

  override connectedCallback(): void {
    super.connectedCallback();
    void loadSettings().then((s) => {
      this.highKiB = s.bulkHighKiB;
      this.lowKiB = s.bulkLowKiB;
    });
  }

  override render() {
    const link = this.connection.link;
    const summary = renderSummary(this.local?.summary, this.copied, (s) => void this.handleCopy(s));
    return html`
      <h1 class="visually-hidden">${msg('Bulk data')}</h1>
      <connection-picker .link=${link} tool="bulk" .params=${this.params}></connection-picker>
      ${this.renderForm()} ${this.renderProgress()} ${renderSweep(this.sweep)}
      ${this.sweep ? nothing : summary}
      <connection-details .pc=${connectedPc(link)}></connection-details>
    `;
  }

  private chunk(): number {
    return chunkSizeFor(this.connection.link.local?.pc.sctp?.maxMessageSize);
  }

  private renderForm() {
    const size = checkSizeMiB(this.size);
    const marks = checkMarks(this.highKiB, this.lowKiB, this.chunk());
    const connected = this.connection.link.phase === 'connected' && this.local !== null;
    // The other side's run (or sweep) counts too: one run at a time on the connection.
    const running = this.sending || this.receiving;
    const why = !size.ok ? size.message : !marks.ok ? marks.message : '';
    const defaults = defaultMarks(this.chunk());
    const chunkKiB = formatKiB(this.chunk());
    const formula = html`<span translate="no">min(pc.sctp.maxMessageSize, 256 KiB)</span>`;
    return html`<form class="card" @submit=${this.handleStart} novalidate>
      <div class="row">
        <label for="size">${msg('Size (MiB)')}</label>
        <input
          id="size"
          type="text"
          inputmode="numeric"
          .value=${this.size}
          aria-invalid=${size.ok ? 'false' : 'true'}
          aria-describedby="size-problem"
          @input=${(e: Event) => (this.size = (e.target as HTMLInputElement).value)}
        />
      </div>
      <fieldset>
        <legend>${msg('Delivery')}</legend>
        <label
          ><input
            type="radio"
            name="order"
            .checked=${this.ordered}
            @change=${() => (this.ordered = true)}
          />
          ${msg('Ordered')}</label
        >
        <label
          ><input
            type="radio"
            name="order"
            .checked=${!this.ordered}
            @change=${() => (this.ordered = false)}
          />
          ${msg('Unordered')}</label
        >
      </fieldset>
      <details>
        <summary>${msg('Advanced')}</summary>
        <div class="row">
          <label for="high">${msg('High watermark (KiB)')}</label>
          <input
            id="high"
            type="text"
            inputmode="numeric"
            .value=${this.highKiB}
            placeholder=${formatKiB(defaults.high)}
            @input=${(e: Event) => this.handleMark('high', e)}
          />
          <label for="low">${msg('Low watermark (KiB)')}</label>
          <input
            id="low"
            type="text"
            inputmode="numeric"
            .value=${this.lowKiB}
            placeholder=${formatKiB(defaults.low)}
            @input=${(e: Event) => this.handleMark('low', e)}
          />
        </div>
        <p class="muted">
          ${msg(html`Chunk: ${chunkKiB} KiB (${formula}). Empty fields use the defaults shown.`)}
        </p>
      </details>
      <p id="size-problem" class="error" role="alert">${why}</p>
      <div class="row">
        <button class="primary" type="submit" ?disabled=${!connected || running || !!why}>
          ${msg('Start sending')}
        </button>
        <button
          type="button"
          ?disabled=${!connected || running || !!why || this.sweeping}
          @click=${this.handleSweep}
        >
          ${msg('Sweep settings')}
        </button>
        <button
          type="button"
          ?disabled=${!running && !this.receiving && !this.sweeping}
          @click=${this.handleStop}
        >
          ${msg('Stop sending')}
        </button>
        ${!connected ? html`<span class="muted">${msg('Connect first.')}</span>` : nothing}
      </div>
    </form>`;
  }

  private get sweeping(): boolean {
    return this.sweep?.running ?? false;
  }

  private get sending(): boolean {
    return this.local?.phase === 'starting' || this.local?.phase === 'sending';
  }

  private get receiving(): boolean {
    return this.ends().receiver?.phase === 'receiving';
  }

  private renderProgress() {
    const { sender, receiver } = this.ends();
    if (!sender?.role && !receiver?.role) return nothing;
    const failed = [sender, receiver].find((e) => e?.phase === 'failed');
    return html`<section class="card" aria-labelledby="progress-h">
      <h2 id="progress-h">${msg('Progress')}</h2>
      <div class="grid">
        ${
          sender
            ? html`<progress-meter
                label=${msg('Sent')}
                .value=${sender.transmitted}
                .max=${sender.total}
              ></progress-meter>`
            : nothing
        }
        ${
          receiver
            ? html`<progress-meter
                label=${msg('Received')}
                .value=${receiver.bytes}
                .max=${receiver.total}
              ></progress-meter>`
            : nothing
        }
      </div>
      <bitrate-chart .sent=${this.sentRates} .received=${this.receivedRates}></bitrate-chart>
      <p role="status">${statusText(sender, receiver)}</p>
      ${failed ? html`<p class="error" role="alert">${failed.message}</p>` : nothing}
    </section>`;
  }

  /** The ends of the current run: in loopback both are here; in a room, one of them. */
  private ends(): { sender: BulkEndpoint | null; receiver: BulkEndpoint | null } {
    if (this.remote) return { sender: this.local, receiver: this.remote };
    const end = this.local;
    return {
      sender: end?.role === 'sender' ? end : null,
      receiver: end?.role === 'receiver' ? end : null,
    };
  }

  private wire(link: PeerLink): void {
    const ends = (m: Map<string, RTCDataChannel>) => ({
      ordered: ORDERED.map((label) => m.get(label)!),
      unordered: UNORDERED.map((label) => m.get(label)!),
    });
    this.local = new BulkEndpoint(ends(link.channels));
    this.remote = link.mode === 'loopback' ? new BulkEndpoint(ends(link.peerChannels)) : null;
    for (const e of [this.local, this.remote]) e?.addEventListener('change', this.rerender);
    this.sentRates = [];
    this.receivedRates = [];
  }

  private async handleStart(e: Event): Promise<void> {
    e.preventDefault();
    const size = checkSizeMiB(this.size);
    const chunk = this.chunk();
    const marks = checkMarks(this.highKiB, this.lowKiB, chunk);
    if (!size.ok || !marks.ok || !this.local) return;
    this.copied = false;
    this.sweep = null;
    await this.local.send({
      bytes: size.value * 1024 * 1024,
      ordered: this.ordered,
      chunk,
      marks: marks.value,
    });
  }

  /**
   * Runs the size above once per cell of message size x high watermark, on the delivery chosen,
   * and shows each cell's rate as it ends.
   */
  private async handleSweep(): Promise<void> {
    const size = checkSizeMiB(this.size);
    const local = this.local;
    if (!size.ok || !local) return;
    const cells = sweepCells(
      this.connection.link.local?.pc.sctp?.maxMessageSize,
      local.maxChannels,
    );
    const sweep: SweepState = { results: [], total: cells.length, running: true };
    this.sweep = sweep;
    const ordered = this.ordered;
    await runSweep(
      cells,
      ({ chunk, high, low, channels }) =>
        // Stopped (or replaced by a run of its own) between two cells: no more cells.
        this.sweep !== sweep || !sweep.running
          ? Promise.resolve(null)
          : local.send({
              bytes: size.value * 1024 * 1024,
              ordered,
              chunk,
              marks: { high, low },
              channels,
            }),
      (result) => {
        sweep.results = [...sweep.results, result];
        if (this.sweep === sweep) this.requestUpdate();
      },
    );
    sweep.running = false;
    if (this.sweep === sweep) this.requestUpdate();
  }

  private handleStop(): void {
    if (this.sweep) this.sweep.running = false;
    if (this.sending) this.local?.stop();
    else this.ends().receiver?.stop();
  }

  private handleMark(which: 'high' | 'low', e: Event): void {
    const value = (e.target as HTMLInputElement).value;
    if (which === 'high') this.highKiB = value;
    else this.lowKiB = value;
    if (checkMarks(this.highKiB, this.lowKiB, this.chunk()).ok) {
      void saveSettings({ bulkHighKiB: this.highKiB, bulkLowKiB: this.lowKiB });
    }
  }

  private async handleCopy(summary: BulkSummary): Promise<void> {
    await navigator.clipboard.writeText(JSON.stringify(summary, null, 2));
    this.copied = true;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'bulk-panel': BulkPanel;
  }
}
