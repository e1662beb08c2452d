import { LitElement, css, html, nothing } from 'lit';
import { repeat } from 'lit/directives/repeat.js';
import { customElement, property, state } from 'lit/decorators.js';
import { localized, msg, str } from '@lit/localize';
import { formatDateTime } from '../../../i18n/format';
import { listPartials, type PartialFile } from '../../../store/partial-files';
import '../../../ui/progress-meter';
import { listStyles, sharedStyles } from '../../../ui/shared-styles';

export type PartialEvent = CustomEvent<{ id: string }>;

const styles = css`
  :host {
    display: block;
  }
  h3 {
    font-size: 0.95rem;
    margin: 0.75rem 0 0;
  }
  ul {
    margin: 0.25rem 0 0;
  }
  li {
    padding: 0.5rem 0;
    display: grid;
    gap: 0.25rem;
  }
  .name {
    font-weight: 600;
  }
  .meta {
    color: var(--dc-muted);
    font-size: 0.85rem;
  }
`;

/**
 * Incoming files whose transfer broke off, kept on disk to resume: how far each got, from whom,
 * and Resume (ask the sender for the rest) or Discard.
 *
 * @fires partial-resume - PartialEvent
 * @fires partial-discard - PartialEvent
 */
@customElement('interrupted-files')
@localized()
export class InterruptedFiles extends LitElement {
  static override styles = [sharedStyles, listStyles, styles];

  /** Devices connected now (their ids): only the one that sent a file can send the rest. */
  @property({ attribute: false }) devices: ReadonlySet<string> = new Set();
  /** Transfers going on right now (not listed here). */
  @property({ attribute: false }) active: ReadonlySet<string> = new Set();
  @state() private partials: PartialFile[] = [];

  override connectedCallback(): void {
    super.connectedCallback();
    void this.refresh();
  }

  async refresh(): Promise<void> {
    this.partials = await listPartials();
  }

  override render() {
    const shown = this.partials.filter((p) => !this.active.has(p.id));
    if (shown.length === 0) return nothing;
    return html`<section aria-labelledby="interrupted-h">
      <h3 id="interrupted-h">${msg('Interrupted transfers')}</h3>
      <ul aria-label=${msg('Interrupted transfers')}>
        ${repeat(
          shown,
          (p) => p.id,
          (p) => this.renderPartial(p),
        )}
      </ul>
    </section>`;
  }

  private renderPartial(p: PartialFile) {
    const name = p.path ?? p.name;
    const from = p.from;
    const when = formatDateTime(p.updatedAt);
    const connected = this.devices.has(p.fromDevice);
    return html`<li>
      <span class="name" translate="no">${name}</span>
      <progress-meter
        label=${msg(str`Kept part of ${name}`)}
        .value=${p.bytes}
        .max=${p.size}
      ></progress-meter>
      <span class="meta"
        >${msg(html`From <span translate="no">${from}</span>, last data ${when}.`)}
        ${connected ? nothing : msg('It resumes when that device connects again.')}</span
      >
      <div class="row">
        <button
          class="primary"
          ?disabled=${!connected}
          aria-label=${msg(str`Resume ${name}`)}
          @click=${() => this.fire('partial-resume', p.id)}
        >
          ${msg('Resume')}
        </button>
        <button
          aria-label=${msg(str`Discard ${name}`)}
          @click=${() => this.fire('partial-discard', p.id)}
        >
          ${msg('Discard')}
        </button>
      </div>
    </li>`;
  }

  private fire(type: 'partial-resume' | 'partial-discard', id: string): void {
    this.dispatchEvent(new CustomEvent(type, { detail: { id }, bubbles: true, composed: true }));
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'interrupted-files': InterruptedFiles;
  }
  interface HTMLElementEventMap {
    'partial-resume': PartialEvent;
    'partial-discard': PartialEvent;
  }
}
