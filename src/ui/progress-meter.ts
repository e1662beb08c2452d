import { LitElement, css, html } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import { localized, msg, str } from '@lit/localize';
import { formatBytes, formatDuration, formatNumber } from '../i18n/format';
import { sharedStyles } from './shared-styles';

const styles = css`
  :host {
    display: block;
  }
  .bar {
    height: 0.6rem;
    border-radius: 0.3rem;
    background: var(--dc-border);
    overflow: hidden;
  }
  .fill {
    height: 100%;
    background: var(--dc-accent);
    transition: width 0.15s linear;
  }
  .figures {
    font-size: 0.85rem;
    color: var(--dc-muted);
    font-variant-numeric: tabular-nums;
  }
`;

/** A labelled ARIA progressbar with bytes, percentage, speed and time left. */
@customElement('progress-meter')
@localized()
export class ProgressMeter extends LitElement {
  static override styles = [sharedStyles, styles];

  /** Accessible name of the progressbar. */
  @property() label = '';
  /** Bytes done. */
  @property({ type: Number }) value = 0;
  /** Bytes in all. */
  @property({ type: Number }) max = 0;
  /** Bytes per second, for speed and ETA (0 hides them). */
  @property({ type: Number }) rate = 0;

  override render() {
    const pct = this.max > 0 ? Math.min(100, (this.value / this.max) * 100) : 0;
    const done = formatBytes(this.value);
    const total = formatBytes(this.max);
    // Whole percents round down, as every note about a transfer does: 99.6% is not yet 100%.
    const whole = Math.floor(pct);
    const percent = formatNumber(whole, 0);
    const text = msg(str`${done} of ${total} (${percent}%)`);
    const left = this.rate > 0 && this.value < this.max ? (this.max - this.value) / this.rate : 0;
    const remaining = formatDuration(left);
    return html`
      <div
        class="bar"
        role="progressbar"
        aria-label=${this.label}
        aria-valuemin="0"
        aria-valuemax="100"
        aria-valuenow=${whole}
        aria-valuetext=${text}
      >
        <div class="fill" style="width:${pct}%"></div>
      </div>
      <div class="figures">
        ${text}${this.rate > 0 ? ` · ${formatBytes(this.rate)}/s` : ''}${
          left > 0 ? ` · ${msg(str`${remaining} left`)}` : ''
        }
      </div>
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'progress-meter': ProgressMeter;
  }
}
