import { LitElement, html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import type { PeerLink } from '../../rtc/peer-link';
import { loadSettings, saveSettings } from '../../store/settings';
import '../../ui/bitrate-chart';
import { connectedPc } from '../../ui/connection-details';
import '../../ui/connection-picker';
import { formatBytes } from '../../ui/format';
import { TransferConnection } from '../../ui/transfer-connection';
import '../../ui/progress-meter';
import { sharedStyles } from '../../ui/shared-styles';
import { checkMarks, checkSizeMiB, chunkSizeFor, defaultMarks } from './bulk-config';
import { BulkEndpoint, type BulkSummary } from './bulk-endpoint';
import { styles } from './bulk-panel.styles';

const ORDERED = 'bulk';
const UNORDERED = 'bulk-unordered';

/**
 * The bulk-data tool: N MiB pushed as fast as the channel takes them, with live progress and
 * bitrate, and a summary of the run.
 */
@customElement('bulk-panel')
export class BulkPanel extends LitElement {
  static override styles = [sharedStyles, styles];

  private readonly connection = new TransferConnection(
    this,
    [{ label: ORDERED }, { label: UNORDERED, init: { ordered: false } }],
    {
      wire: (link) => this.wire(link),
      sent: (f) => (this.sentRates = f.history),
      received: (f) => (this.receivedRates = f.history),
    },
  );

  @state() private size = '16';
  @state() private ordered = true;
  @state() private highKiB = '';
  @state() private lowKiB = '';
  @state() private local: BulkEndpoint | null = null;
  @state() private remote: BulkEndpoint | null = null;
  @state() private sentRates: number[] = [];
  @state() private receivedRates: number[] = [];
  @state() private copied = false;

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
    return html`
      <h1 class="visually-hidden">Bulk data</h1>
      <connection-picker .link=${link} tool="bulk" .params=${this.params}></connection-picker>
      ${this.renderForm()} ${this.renderProgress()} ${this.renderSummary()}
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
    const running = this.sending;
    const why = !size.ok ? size.message : !marks.ok ? marks.message : '';
    const defaults = defaultMarks(this.chunk());
    return html`<form class="card" @submit=${this.handleStart} novalidate>
      <div class="row">
        <label for="size">Size (MiB)</label>
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
        <legend>Delivery</legend>
        <label
          ><input
            type="radio"
            name="order"
            .checked=${this.ordered}
            @change=${() => (this.ordered = true)}
          />
          Ordered</label
        >
        <label
          ><input
            type="radio"
            name="order"
            .checked=${!this.ordered}
            @change=${() => (this.ordered = false)}
          />
          Unordered</label
        >
      </fieldset>
      <details>
        <summary>Advanced</summary>
        <div class="row">
          <label for="high">High watermark (KiB)</label>
          <input
            id="high"
            type="text"
            inputmode="numeric"
            .value=${this.highKiB}
            placeholder=${String(defaults.high / 1024)}
            @input=${(e: Event) => this.handleMark('high', e)}
          />
          <label for="low">Low watermark (KiB)</label>
          <input
            id="low"
            type="text"
            inputmode="numeric"
            .value=${this.lowKiB}
            placeholder=${String(defaults.low / 1024)}
            @input=${(e: Event) => this.handleMark('low', e)}
          />
        </div>
        <p class="muted">
          Chunk: ${this.chunk() / 1024} KiB (min(pc.sctp.maxMessageSize, 256 KiB)). Empty fields use
          the defaults shown.
        </p>
      </details>
      <p id="size-problem" class="error" role="alert">${why}</p>
      <div class="row">
        <button class="primary" type="submit" ?disabled=${!connected || running || !!why}>
          Start sending
        </button>
        <button type="button" ?disabled=${!running && !this.receiving} @click=${this.handleStop}>
          Stop sending
        </button>
        ${!connected ? html`<span class="muted">Connect first.</span>` : nothing}
      </div>
    </form>`;
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
      <h2 id="progress-h">Progress</h2>
      <div class="grid">
        ${
          sender
            ? html`<progress-meter
                label="Sent"
                .value=${sender.transmitted}
                .max=${sender.total}
              ></progress-meter>`
            : nothing
        }
        ${
          receiver
            ? html`<progress-meter
                label="Received"
                .value=${receiver.bytes}
                .max=${receiver.total}
              ></progress-meter>`
            : nothing
        }
      </div>
      <bitrate-chart .sent=${this.sentRates} .received=${this.receivedRates}></bitrate-chart>
      <p role="status">${this.statusText(sender, receiver)}</p>
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

  private statusText(s: BulkEndpoint | null, r: BulkEndpoint | null): string {
    if (s?.phase === 'sending' || s?.phase === 'starting')
      return `Sending ${formatBytes(s.total)}…`;
    if (r?.phase === 'receiving') return `Receiving ${formatBytes(r.total)}…`;
    const stopped = [s, r].find((e) => e?.phase === 'stopped');
    if (stopped) return stopped.message;
    if (s?.phase === 'done') {
      return `Done: sent ${s.total.toLocaleString('en')} bytes; the receiver counted ${s.counted.toLocaleString('en')}.`;
    }
    if (r?.phase === 'done') return `Done: ${r.bytes.toLocaleString('en')} bytes received.`;
    return '';
  }

  private renderSummary() {
    const s = this.local?.summary;
    if (!s) return nothing;
    return html`<section class="card" aria-labelledby="summary-h">
      <h2 id="summary-h">Summary</h2>
      <dl aria-label="Summary">
        <dt>Bytes</dt>
        <dd>${s.bytes.toLocaleString('en')}</dd>
        <dt>Time</dt>
        <dd>${s.seconds.toFixed(3)} s</dd>
        <dt>Throughput</dt>
        <dd>${s.MBps.toFixed(1)} MB/s</dd>
        <dt>send() calls</dt>
        <dd>${s.sendCalls.toLocaleString('en')}</dd>
        <dt>Time in send()</dt>
        <dd>average ${s.avgSendMs.toFixed(3)} ms, max ${s.maxSendMs.toFixed(3)} ms</dd>
        <dt>Chunk</dt>
        <dd>${s.chunkSize / 1024} KiB</dd>
        <dt>Watermarks</dt>
        <dd>high ${s.highWatermark / 1024} KiB, low ${s.lowWatermark / 1024} KiB</dd>
        <dt>Delivery</dt>
        <dd>${s.ordered ? 'ordered' : 'unordered'}</dd>
      </dl>
      <div class="row">
        <button @click=${() => this.handleCopy(s)}>Copy as JSON</button>
        <span aria-live="polite">${this.copied ? 'Copied.' : ''}</span>
      </div>
    </section>`;
  }

  private wire(link: PeerLink): void {
    const ends = (m: Map<string, RTCDataChannel>) => ({
      ordered: m.get(ORDERED)!,
      unordered: m.get(UNORDERED)!,
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
    await this.local.send({
      bytes: size.value * 1024 * 1024,
      ordered: this.ordered,
      chunk,
      marks: marks.value,
    });
  }

  private handleStop(): void {
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
