import { LitElement, css, html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { localized, msg, str } from '@lit/localize';
import { formatBytes } from '../i18n/format';
import { zipToStorage, type ZipEntry } from '../store/received-zip';
import { FocusKeeper } from './focus-keeper';
import { sharedStyles } from './shared-styles';

const styles = css`
  :host {
    display: flex;
    gap: 0.75rem;
    align-items: center;
    flex-wrap: wrap;
    margin: 0.5rem 0;
  }
`;

/**
 * "Download all as zip": builds the zip on disk (progress as a status), then starts its download
 * and keeps a link to it for another copy.
 */
@customElement('zip-download')
@localized()
export class ZipDownload extends LitElement {
  static override styles = [sharedStyles, styles];

  // The button disables itself while zipping: the focus moves on, then to the zip's link.
  protected readonly focusKeeper = new FocusKeeper(this);

  @state() private zipping: { at: number; total: number } | null = null;
  @state() private zip: { url: string; size: number } | null = null;
  @state() private problem = '';

  /** What goes in the zip, gathered when the user asks for it. */
  @property({ attribute: false }) entries: () => Promise<ZipEntry[]> = async () => [];
  /** The name the zip downloads under. */
  @property() filename = 'dckit-files.zip';
  /** The button's text ('' for "Download all as zip"). */
  @property() label = '';

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    if (this.zip) URL.revokeObjectURL(this.zip.url);
    this.zip = null;
  }

  override render() {
    const zipping = this.zipping;
    const zip = this.zip;
    const at = zipping ? zipping.at + 1 : 0;
    const total = zipping?.total ?? 0;
    const size = zip ? formatBytes(zip.size) : '';
    return html`
      <button ?disabled=${!!zipping} @click=${this.handleZip}>
        ${this.label || msg('Download all as zip')}
      </button>
      <span role="status"
        >${zipping ? msg(str`Zipping file ${at} of ${total}…`) : ''}${
          zip && !zipping
            ? html`<a id="zip-link" href=${zip.url} download=${this.filename}
                >${msg(str`Download the zip (${size})`)}</a
              >`
            : nothing
        }</span
      >
      ${this.problem ? html`<span class="error" role="alert">${this.problem}</span>` : nothing}
    `;
  }

  private async handleZip(): Promise<void> {
    if (this.zip) URL.revokeObjectURL(this.zip.url);
    this.zip = null;
    this.problem = '';
    this.zipping = { at: 0, total: 0 };
    try {
      const entries = await this.entries();
      const total = entries.length;
      this.zipping = { at: 0, total };
      const file = await zipToStorage(entries, (at) => (this.zipping = { at, total }));
      this.zip = { url: URL.createObjectURL(file), size: file.size };
    } catch (e) {
      const why = e instanceof Error ? e.message : String(e);
      this.problem = msg(str`The zip could not be made: ${why}`);
    } finally {
      this.zipping = null;
    }
    await this.updateComplete;
    const link = this.renderRoot.querySelector<HTMLAnchorElement>('#zip-link');
    // The download starts by itself; the link stays for another copy.
    link?.focus();
    link?.click();
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'zip-download': ZipDownload;
  }
}
