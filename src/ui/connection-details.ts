import { LitElement, css, html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import type { PeerLink } from '../rtc/peer-link';
import { describePath, selectedPair, type CandidateSummary, type SelectedPair } from '../rtc/stats';
import { formatBytes } from './format';
import { sharedStyles } from './shared-styles';

const styles = css`
  :host {
    display: block;
  }
  dl {
    display: grid;
    grid-template-columns: max-content 1fr;
    gap: 0.2rem 1rem;
    margin: 0;
    font-size: 0.9rem;
  }
  dt {
    color: var(--dc-muted);
  }
  dd {
    margin: 0;
    font-family: var(--dc-mono);
    overflow-wrap: anywhere;
  }
`;

/**
 * A collapsed "Connection details" section: the selected candidate pair, the data's path, RTT and
 * byte counts of a peer connection, refreshed every second while open.
 */
@customElement('connection-details')
export class ConnectionDetails extends LitElement {
  static override styles = [sharedStyles, styles];

  @state() private pair: SelectedPair | null = null;

  /** The connection to describe; null shows nothing. */
  @property({ attribute: false }) pc: RTCPeerConnection | null = null;

  private timer: ReturnType<typeof setInterval> | undefined;

  override connectedCallback(): void {
    super.connectedCallback();
    this.timer = setInterval(() => void this.refresh(), 1000);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    clearInterval(this.timer);
  }

  protected override willUpdate(changed: Map<string, unknown>): void {
    if (changed.has('pc')) {
      this.pair = null;
      void this.refresh();
    }
  }

  override render() {
    if (!this.pc) return nothing;
    const p = this.pair;
    return html`<details @toggle=${() => void this.refresh()}>
      <summary>Connection details</summary>
      <section aria-label="Connection details">
        ${
          p
            ? html`<dl>
                <dt>Local</dt>
                <dd>${candidate(p.local)}</dd>
                <dt>Remote</dt>
                <dd>${candidate(p.remote)}</dd>
                <dt>Path</dt>
                <dd>${describePath(p)}</dd>
                <dt>RTT</dt>
                <dd>
                  ${p.rtt === undefined ? 'not measured yet' : `${(p.rtt * 1000).toFixed(1)} ms`}
                </dd>
                <dt>Bytes sent</dt>
                <dd>${formatBytes(p.bytesSent)}</dd>
                <dt>Bytes received</dt>
                <dd>${formatBytes(p.bytesReceived)}</dd>
              </dl>`
            : html`<p class="muted">No candidate pair selected yet.</p>`
        }
      </section>
    </details>`;
  }

  private async refresh(): Promise<void> {
    const pc = this.pc;
    // Stats only while someone looks: getStats() is not free in the middle of a transfer.
    const open = this.renderRoot.querySelector('details')?.open ?? false;
    if (!pc || !open || pc.connectionState === 'closed') return;
    const report = await pc.getStats();
    if (pc === this.pc) this.pair = selectedPair(report);
  }
}

function candidate(c: CandidateSummary): string {
  const relay = c.relayProtocol ? ` (relay over ${c.relayProtocol})` : '';
  return `${c.type} ${c.address}:${c.port} ${c.protocol}${relay}`;
}

declare global {
  interface HTMLElementTagNameMap {
    'connection-details': ConnectionDetails;
  }
}

/** The connection a tool's details panel describes: its own side's, while connected. */
export function connectedPc(link: PeerLink): RTCPeerConnection | null {
  return link.phase === 'connected' ? (link.local?.pc ?? null) : null;
}
