import { LitElement, css, html, nothing } from 'lit';
import { repeat } from 'lit/directives/repeat.js';
import { customElement, state } from 'lit/decorators.js';
import { localized, msg, str } from '@lit/localize';
import {
  deleteReceivedFile,
  listReceivedFiles,
  receivedFileContent,
  type ReceivedFileRecord,
} from '../store/received-files';
import { formatBytes, formatDateTime } from '../i18n/format';
import { receivedZipEntries } from '../store/received-zip';
import './zip-download';
import { sharedStyles } from './shared-styles';
import { safeFileName } from '../files/file-name';

const styles = css`
  :host {
    display: block;
  }
  ul {
    list-style: none;
    padding: 0;
    margin: 0;
  }
  li {
    display: flex;
    gap: 0.75rem;
    align-items: center;
    flex-wrap: wrap;
    padding: 0.35rem 0;
    border-top: 1px solid var(--dc-border);
  }
  .name {
    flex: 1 1 14rem;
    overflow-wrap: anywhere;
  }
  .meta {
    color: var(--dc-muted);
    font-size: 0.85rem;
  }
`;

/** Files received and verified, kept on disk until deleted, each with a download link. */
@customElement('received-files')
@localized()
export class ReceivedFiles extends LitElement {
  static override styles = [sharedStyles, styles];

  @state() private files: ReceivedFileRecord[] = [];
  @state() private urls = new Map<string, string>();
  @state() private problem = '';
  override connectedCallback(): void {
    super.connectedCallback();
    void this.refresh();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    for (const url of this.urls.values()) URL.revokeObjectURL(url);
    this.urls = new Map();
  }

  /** Reloads the list (after a new file was saved). */
  async refresh(): Promise<void> {
    const files = await listReceivedFiles();
    const urls = new Map(this.urls);
    for (const f of files) {
      if (urls.has(f.id)) continue;
      try {
        // An object URL of the OPFS file: the download streams from disk.
        urls.set(f.id, URL.createObjectURL(await receivedFileContent(f.id)));
      } catch {
        const name = f.name;
        this.problem = msg(str`The content of "${name}" is missing from this browser's storage.`);
      }
    }
    this.files = files;
    this.urls = urls;
  }

  override render() {
    return html`<section aria-labelledby="received-h">
      <h2 id="received-h">${msg('Received files')}</h2>
      ${
        this.files.length === 0
          ? html`<p class="muted">${msg('Nothing received yet.')}</p>`
          : html`${this.renderZip()}<ul aria-label=${msg('Received files')}>
              ${repeat(
                this.files,
                (f) => f.id,
                (f) => this.renderFile(f),
              )}
            </ul>`
      }
      ${this.problem ? html`<p class="error" role="alert">${this.problem}</p>` : nothing}
    </section>`;
  }

  private renderZip() {
    if (this.files.length < 2) return nothing;
    const files = this.files;
    return html`<zip-download .entries=${() => receivedZipEntries(files)}></zip-download>`;
  }

  private renderFile(f: ReceivedFileRecord) {
    const url = this.urls.get(f.id);
    const safe = safeFileName(f.name);
    return html`<li>
      <span class="name" translate="no">${f.name}</span>
      <span class="meta"
        >${formatBytes(f.size)} · ${formatDateTime(f.receivedAt)} · SHA-256
        <code title=${f.sha256} translate="no">${f.sha256.slice(0, 12)}…</code></span
      >
      ${
        url
          ? html`<a href=${url} download=${safe} aria-label=${msg(str`Download ${safe}`)}
              >${msg('Download')}</a
            >`
          : nothing
      }
      <button aria-label=${msg(str`Delete ${safe}`)} @click=${() => this.handleDelete(f.id)}>
        ${msg('Delete')}
      </button>
    </li>`;
  }

  private async handleDelete(id: string): Promise<void> {
    const url = this.urls.get(id);
    if (url) URL.revokeObjectURL(url);
    this.urls.delete(id);
    await deleteReceivedFile(id);
    await this.refresh();
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'received-files': ReceivedFiles;
  }
}
