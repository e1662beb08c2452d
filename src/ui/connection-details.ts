import { LitElement, css, html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { localized, msg, str } from '@lit/localize';
import type { PeerLink } from '../rtc/peer-link';
import { describePath, selectedPair, type CandidateSummary, type SelectedPair } from '../rtc/stats';
import { formatBytes, formatNumber } from '../i18n/format';
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
@localized()
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
      <summary>${msg('Connection details')}</summary>
      <section aria-label=${msg('Connection details')}>
        ${
          p
            ? html`<dl>
                <dt>${msg('Local')}</dt>
                <dd>${candidate(p.local)}</dd>
                <dt>${msg('Remote')}</dt>
                <dd>${candidate(p.remote)}</dd>
                <dt>${msg('Path')}</dt>
                <dd>${describePath(p)}</dd>
                <dt>${msg('RTT')}</dt>
                <dd>
                  ${p.rtt === undefined ? msg('not measured yet') : milliseconds(p.rtt * 1000)}
                </dd>
                <dt>${msg('Bytes sent')}</dt>
                <dd>${formatBytes(p.bytesSent)}</dd>
                <dt>${msg('Bytes received')}</dt>
                <dd>${formatBytes(p.bytesReceived)}</dd>
              </dl>`
            : html`<p class="muted">${msg('No candidate pair selected yet.')}</p>`
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

/** A candidate as data (left untranslated), then how a relayed one reaches its TURN server. */
function candidate(c: CandidateSummary) {
  const over = c.relayProtocol;
  const relay = over ? msg(str` (relay over ${over})`) : '';
  return html`<span translate="no">${c.type} ${c.address}:${c.port} ${c.protocol}</span>${relay}`;
}

/** Milliseconds with one decimal, e.g. "12.3 ms". */
function milliseconds(ms: number): string {
  const n = formatNumber(ms, 1);
  return msg(str`${n} ms`);
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
