import { LitElement, css, html, nothing } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import { localized, msg, str } from '@lit/localize';
import { formatBytes } from '../../../i18n/format';
import { listStyles, sharedStyles } from '../../../ui/shared-styles';
import type { Outgoing } from '../send/outgoing-queue';

const styles = css`
  :host {
    display: block;
  }
  ul {
    margin: 0.5rem 0 0;
  }
  li {
    display: flex;
    gap: 0.75rem;
    align-items: center;
    flex-wrap: wrap;
    padding: 0.35rem 0;
  }
  .name {
    flex: 1 1 12rem;
  }
  p {
    margin: 0.5rem 0 0;
  }
`;

export type WaitingRemoveEvent = CustomEvent<{ index: number }>;

/**
 * Files dropped, pasted or shared before a connection was up, and what the share sheet sent:
 * they go as soon as a connection is.
 * @fires waiting-remove - a waiting file is taken off the list (detail: its index)
 */
@customElement('waiting-files')
@localized()
export class WaitingFiles extends LitElement {
  static override styles = [sharedStyles, listStyles, styles];

  /** The files waiting for a connection. */
  @property({ attribute: false }) files: (File | Outgoing)[] = [];
  /** What the share sheet sent to this tool (files: 0 when nothing came from it). */
  @property({ attribute: false }) shared: { files: number; text: boolean } = {
    files: 0,
    text: false,
  };

  override render() {
    return html`<div aria-live="polite">${this.renderShared()}</div>
      ${
        this.files.length === 0
          ? nothing
          : html`<p>${msg('These files are sent as soon as a connection is up:')}</p>
              <ul aria-label=${msg('Waiting to send')}>
                ${this.files.map((f, i) => this.renderFile(f, i))}
              </ul>`
      }`;
  }

  private renderShared() {
    const { files, text } = this.shared;
    if (files === 0) return nothing;
    return html`<p>
      ${files === 1 ? msg('From the share sheet: 1 file.') : msg(str`From the share sheet: ${files} files.`)}
      ${text ? msg(html`The text shared with them waits in the <a href="#/text">Text tool</a>.`) : nothing}
    </p>`;
  }

  private renderFile(entry: File | Outgoing, index: number) {
    const { file, path } = entry instanceof File ? { file: entry, path: undefined } : entry;
    const name = path ?? file.name;
    return html`<li>
      <span class="name" translate="no">${name}</span>
      <span class="muted">${formatBytes(file.size)}</span>
      <button
        aria-label=${msg(str`Remove ${name} from the list`)}
        @click=${() =>
          this.dispatchEvent(
            new CustomEvent('waiting-remove', {
              detail: { index },
              bubbles: true,
              composed: true,
            }),
          )}
      >
        ${msg('Remove')}
      </button>
    </li>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'waiting-files': WaitingFiles;
  }
}
