import { fileStorageMissing } from '../../store/storage-errors';
import { LitElement, html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { localized, msg, str } from '@lit/localize';
import { safeEntryName, safeFileName } from '../../files/file-name';
import { formatNumber } from '../../i18n/format';
import { WrongPassphraseError } from '../../relay/openssl-cbc';
import { checkPath, parseReceivers, relayUrl, sendPipelines } from '../../relay/relay-commands';
import { relayReceive, type Received } from '../../relay/relay-receive';
import { listTar, looksLikeTar, type TarEntry } from '../../relay/tar';
import { receivedFileContent } from '../../store/received-files';
import '../../ui/progress-meter';
import { sharedStyles } from '../../ui/shared-styles';
import './relay-command';
import { styles } from './relay-panel.styles';
import { FocusKeeper } from '../../ui/focus-keeper';
import { tarZipEntries } from '../../relay/tar-zip';
import type { ZipEntry } from '../../store/received-zip';
import '../../ui/zip-download';

/**
 * The relay tool's Receive card: text, a file or a tar (its entries listed), optionally
 * decrypted, streamed to disk-backed storage.
 *
 * @fires relay-received - a transfer arrived and was stored
 */
@customElement('relay-receiver')
@localized()
export class RelayReceiver extends LitElement {
  static override styles = [sharedStyles, styles];

  // A pressed button that disables itself (Start, Stop, Send…) hands the focus on.
  protected readonly focusKeeper = new FocusKeeper(this);

  @state() private decrypt = false;
  @state() private recvPassphrase = '';
  @state() private entries: { entry: TarEntry; url: string }[] = [];
  /** The stored archive the entries are slices of. */
  private archive: File | null = null;
  @state() private recvPath = '';
  @state() private recvReceivers = '1';
  @state() private receiving: AbortController | null = null;
  @state() private recvProgress: { received: number; total: number | null } | null = null;
  @state() private recvError = '';
  @state() private received: Received | null = null;
  @state() private saveAs = '';
  @state() private receivedUrl = '';

  /** The piping-server URL. */
  @property() server = '';

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.receiving?.abort();
    if (this.receivedUrl) URL.revokeObjectURL(this.receivedUrl);
    for (const e of this.entries) if (e.url) URL.revokeObjectURL(e.url);
  }

  override render() {
    const n = parseReceivers(this.recvReceivers);
    const pathProblem = this.recvPath ? checkPath(this.recvPath) : null;
    const url = relayUrl(this.server, this.recvPath || 'PATH', n ?? 1);
    const busy = this.receiving !== null;
    const p = this.recvProgress;
    const value = (e: Event) => (e.target as HTMLInputElement).value;
    const noStorage = fileStorageMissing();
    return html`<section class="card" aria-labelledby="recv-h">
      <h2 id="recv-h">${msg('Receive')}</h2>
      ${noStorage ? html`<p class="error" role="note">${noStorage}</p>` : nothing}
      <div class="row">
        <label for="recv-path">${msg('Path to receive from')}</label>
        <input
          id="recv-path"
          class="path"
          .value=${this.recvPath}
          ?disabled=${busy}
          @input=${(e: Event) => (this.recvPath = value(e))}
        />
        <label for="recv-n">${msg('Receivers')}</label>
        <input
          id="recv-n"
          type="number"
          min="1"
          max="100"
          .value=${this.recvReceivers}
          ?disabled=${busy}
          @input=${(e: Event) => (this.recvReceivers = value(e))}
        />
      </div>
      ${pathProblem ? html`<p class="error" role="alert">${pathProblem}</p>` : nothing}
      <div class="row">
        <label
          ><input
            type="checkbox"
            .checked=${this.decrypt}
            ?disabled=${busy}
            @change=${(e: Event) => (this.decrypt = (e.target as HTMLInputElement).checked)}
          />
          ${msg(html`Decrypt (<span translate="no">openssl aes-256-cbc -pbkdf2</span>)`)}</label
        >
        ${
          this.decrypt
            ? html`<label for="recv-pass">${msg('Passphrase for decryption')}</label>
                <input
                  id="recv-pass"
                  type="password"
                  autocomplete="off"
                  .value=${this.recvPassphrase}
                  ?disabled=${busy}
                  @input=${(e: Event) => (this.recvPassphrase = value(e))}
                />`
            : nothing
        }
      </div>
      ${sendPipelines(url, this.decrypt ? this.recvPassphrase : undefined).map(
        (c, i) =>
          html`<relay-command
            label=${this.commandLabel(i)}
            .command=${c}
            done=${msg('Send command copied.')}
          ></relay-command>`,
      )}
      <div class="row">
        <button
          class="primary"
          ?disabled=${busy || !this.recvPath || !!pathProblem || n === null}
          @click=${this.handleReceive}
        >
          ${msg('Receive')}
        </button>
        <button ?disabled=${!busy} @click=${() => this.receiving?.abort()}>
          ${msg('Cancel receiving')}
        </button>
      </div>
      ${
        p
          ? html`${
              p.total !== null
                ? html`<progress-meter
                      label=${msg('Downloading')}
                      .value=${p.received}
                      .max=${p.total}
                    ></progress-meter>`
                : html`<p>${this.bytesSoFar(p.received)}</p>`
            }
              <p role="status">
                ${
                  busy
                    ? p.received === 0
                      ? msg('Waiting for the sender…')
                      : msg('Receiving…')
                    : this.received
                      ? msg('Received.')
                      : ''
                }
              </p>`
          : nothing
      }
      ${this.recvError ? html`<p class="error" role="alert">${this.recvError}</p>` : nothing}
      ${this.received ? this.renderReceived(this.received) : nothing}
    </section>`;
  }

  private renderReceived(r: Received) {
    return html`${
      r.text !== null
        ? html`<h3>${msg('Received text')}</h3>
              <pre translate="no" aria-label=${msg('Received text')}>${r.text}</pre>`
        : nothing
    }
      <div class="row">
        <label for="save-as">${msg('Save as')}</label>
        <input
          id="save-as"
          .value=${this.saveAs}
          @input=${(e: Event) => (this.saveAs = (e.target as HTMLInputElement).value)}
        />
        ${
          this.receivedUrl
            ? html`<a href=${this.receivedUrl} download=${safeFileName(this.saveAs)}
                >${msg('Download received file')}</a
              >`
            : nothing
        }
      </div>
      <p class="muted">${this.sizeAndHash(r)}</p>
      ${
        this.entries.length
          ? html`<h3>${msg('Archive entries')}</h3>
              <zip-download
                label=${msg('Download the archive as zip')}
                filename=${this.zipName()}
                .entries=${async () => this.zipEntries()}
              ></zip-download>
              <ul aria-label=${msg('Archive entries')}>
                ${this.entries.map(
                  ({ entry, url }) =>
                    html`<li>
                      <span translate="no">${entry.name}</span>
                      <span class="muted"
                        >${entry.type === 'directory' ? msg('folder') : this.bytes(entry.size)}</span
                      >
                      ${
                        url
                          ? html`<a
                              href=${url}
                              download=${safeEntryName(entry.name)}
                              aria-label=${this.downloadName(entry.name)}
                              >${msg('Download')}</a
                            >`
                          : nothing
                      }
                    </li>`,
                )}
              </ul>`
          : nothing
      }`;
  }

  /** The accessible name of the i-th sending command ("Command to send" for the first). */
  private commandLabel(i: number): string {
    if (i === 0) return msg('Command to send');
    const n = formatNumber(i);
    return msg(str`Other command to send ${n}`);
  }

  private bytesSoFar(received: number) {
    const count = formatNumber(received);
    return msg(str`${count} bytes so far (the sender gave no length).`);
  }

  private sizeAndHash(r: Received) {
    const size = formatNumber(r.size);
    const sha256 = r.sha256;
    return msg(html`${size} bytes, SHA-256 <code translate="no">${sha256}</code>`);
  }

  private bytes(size: number): string {
    const count = formatNumber(size);
    return msg(str`${count} bytes`);
  }

  private downloadName(name: string): string {
    return msg(str`Download ${name}`);
  }

  private zipEntries(): ZipEntry[] {
    const archive = this.archive;
    return archive
      ? tarZipEntries(
          archive,
          this.entries.map(({ entry }) => entry),
        )
      : [];
  }

  private zipName(): string {
    return `${this.saveAs.replace(/\.tar$/i, '') || 'archive'}.zip`;
  }

  private async handleReceive(): Promise<void> {
    if (this.decrypt && this.recvPassphrase === '') {
      this.recvError = msg('Enter the passphrase to decrypt with.');
      return;
    }
    const n = parseReceivers(this.recvReceivers) ?? 1;
    const abort = new AbortController();
    this.receiving = abort;
    this.recvError = '';
    this.received = null;
    this.recvProgress = { received: 0, total: null };
    this.revokeUrls();
    const passphrase = this.decrypt ? this.recvPassphrase : undefined;
    try {
      const url = relayUrl(this.server, this.recvPath, n);
      const r = await relayReceive(url, (p) => (this.recvProgress = p), abort.signal, passphrase);
      const base = this.recvPath.replace(/\//g, '_');
      const content = await receivedFileContent(r.id);
      const tar = looksLikeTar(new Uint8Array(await content.slice(0, 512).arrayBuffer()));
      this.saveAs =
        r.name ?? (tar ? `${base}.tar` : r.text !== null ? `${base}.txt` : `${base}.bin`);
      this.receivedUrl = URL.createObjectURL(content);
      this.archive = tar ? content : null;
      if (tar) {
        // Each entry downloads as a slice of the stored archive: nothing is copied.
        this.entries = (await listTar(content)).map((entry) => ({
          entry,
          url:
            entry.type === 'file'
              ? URL.createObjectURL(content.slice(entry.offset, entry.offset + entry.size))
              : '',
        }));
      }
      this.received = r;
      this.dispatchEvent(new Event('relay-received', { bubbles: true, composed: true }));
    } catch (error) {
      this.recvError = abort.signal.aborted
        ? msg('Cancelled: the partial download was removed.')
        : error instanceof WrongPassphraseError
          ? msg('Failed: wrong passphrase or corrupted data. Nothing was kept.')
          : message(error);
    } finally {
      this.receiving = null;
    }
  }

  private revokeUrls(): void {
    if (this.receivedUrl) URL.revokeObjectURL(this.receivedUrl);
    for (const e of this.entries) if (e.url) URL.revokeObjectURL(e.url);
    this.receivedUrl = '';
    this.entries = [];
  }
}

function message(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

declare global {
  interface HTMLElementTagNameMap {
    'relay-receiver': RelayReceiver;
  }
}
