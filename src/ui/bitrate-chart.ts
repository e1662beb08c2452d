import { LitElement, css, html, svg } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import { localized, msg, str } from '@lit/localize';
import { formatBitrate } from '../i18n/format';

const styles = css`
  :host {
    display: block;
  }
  svg {
    width: 100%;
    height: 5rem;
    background: var(--dc-surface, transparent);
    border: 1px solid var(--dc-border, #ccc);
    border-radius: 6px;
  }
  .sent {
    stroke: var(--dc-accent, #0969da);
  }
  .received {
    stroke: var(--dc-ok, #1a7f37);
  }
  polyline {
    fill: none;
    stroke-width: 1.5;
    vector-effect: non-scaling-stroke;
  }
  .legend {
    font-size: 0.8rem;
    color: var(--dc-muted, #57606a);
  }
`;

/** A small live chart of send and receive bitrate (bits per second, newest at the right). */
@customElement('bitrate-chart')
@localized()
export class BitrateChart extends LitElement {
  static override styles = styles;

  /** Sender samples, oldest first. */
  @property({ attribute: false }) sent: number[] = [];
  /** Receiver samples, oldest first. */
  @property({ attribute: false }) received: number[] = [];

  override render() {
    const width = 60; // samples shown: 30 s at 500 ms
    const max = Math.max(1, ...this.sent.slice(-width), ...this.received.slice(-width));
    const line = (values: number[]) =>
      values
        .slice(-width)
        .map((v, i, all) => `${width - all.length + i},${100 - (v / max) * 95}`)
        .join(' ');
    const last = (v: number[]) => formatBitrate(v.at(-1) ?? 0);
    const sending = last(this.sent);
    const receiving = last(this.received);
    const scale = formatBitrate(max);
    return html`
      <svg
        viewBox="0 0 ${width - 1} 100"
        preserveAspectRatio="none"
        role="img"
        aria-label=${msg(str`Bitrate chart: sending ${sending}, receiving ${receiving}`)}
      >
        ${svg`<polyline class="sent" points=${line(this.sent)}></polyline>
          <polyline class="received" points=${line(this.received)}></polyline>`}
      </svg>
      <div class="legend">
        <span class="sent-key">${msg(str`— sending ${sending}`)}</span> ·
        <span>${msg(str`— receiving ${receiving}`)}</span> · ${msg(str`scale ${scale}`)}
      </div>
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'bitrate-chart': BitrateChart;
  }
}
