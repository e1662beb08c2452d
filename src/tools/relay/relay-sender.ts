import { LitElement, html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { localized, msg, str } from '@lit/localize';
import { safeFileName } from '../../files/file-name';
import { formatNumber } from '../../i18n/format';
import {
  checkPath,
  nameHeaders,
  parseReceivers,
  randomPath,
  receivePipeline,
  relayUrl,
  type ServerState,
} from '../../relay/relay-commands';
import { encryptToStorage, folderTar } from '../../relay/relay-prepare';
import { relaySend, type SendProgress } from '../../relay/relay-send';
import '../../ui/progress-meter';
import { sharedStyles } from '../../ui/shared-styles';
import './relay-command';
import { styles } from './relay-panel.styles';
import { FocusKeeper } from '../../ui/focus-keeper';

/** What the status line says for the server's latest word (in the current language). */
function stateWords(state: ServerState | 'connecting'): string {
  switch (state) {
    case 'connecting':
      return msg('Connecting to the piping-server…');
    case 'waiting':
      return msg('Waiting for the receiver(s) to connect…');
    case 'sending':
    case 'info':
      return msg('Sending…');
    case 'done':
      return msg('Sent: every receiver got it all.');
    case 'error':
      return msg('The server reported an error.');
  }
}

/** The label of each kind of thing to send. */
function whatWords(what: 'text' | 'file' | 'folder'): string {
  switch (what) {
    case 'text':
      return msg('Text');
    case 'file':
      return msg('File');
    case 'folder':
      return msg('Folder (as tar)');
  }
}

/** The relay tool's Send card: text, a file or a folder (as tar), optionally encrypted. */
@customElement('relay-sender')
@localized()
export class RelaySender extends LitElement {
  static override styles = [sharedStyles, styles];

  // A pressed button that disables itself (Start, Stop, Send…) hands the focus on.
  protected readonly focusKeeper = new FocusKeeper(this);

  @state() private what: 'text' | 'file' | 'folder' = 'text';
  @state() private text = '';
  @state() private file: File | null = null;
  @state() private folder: File[] = [];
  @state() private encrypt = false;
  @state() private passphrase = '';
  @state() private preparing = '';
  @state() private sendPath = randomPath();
  @state() private receivers = '1';
  @state() private sending: AbortController | null = null;
  @state() private sendProgress: SendProgress | null = null;
  @state() private sendError = '';

  /** The piping-server URL. */
  @property() server = '';

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.sending?.abort();
  }

  override render() {
    const n = parseReceivers(this.receivers);
    const pathProblem = checkPath(this.sendPath);
    const url = relayUrl(this.server, this.sendPath, n ?? 1);
    const name = this.what === 'file' ? safeFileName(this.file?.name ?? 'file') : undefined;
    const command = receivePipeline(url, {
      ...(this.encrypt ? { passphrase: this.passphrase } : {}),
      ...(name ? { saveAs: name } : {}),
      tar: this.what === 'folder',
    });
    const busy = this.sending !== null;
    const p = this.sendProgress;
    const value = (e: Event) => (e.target as HTMLInputElement).value;
    return html`<section class="card" aria-labelledby="send-h">
      <h2 id="send-h">${msg('Send')}</h2>
      <fieldset ?disabled=${busy}>
        <legend class="visually-hidden">${msg('What to send')}</legend>
        ${(['text', 'file', 'folder'] as const).map(
          (w) =>
            html`<label
              ><input
                type="radio"
                name="what"
                .checked=${this.what === w}
                @change=${() => (this.what = w)}
              />
              ${whatWords(w)}</label
            >`,
        )}
      </fieldset>
      ${this.renderWhat(busy)}
      <div class="row">
        <label
          ><input
            type="checkbox"
            .checked=${this.encrypt}
            ?disabled=${busy}
            @change=${(e: Event) => (this.encrypt = (e.target as HTMLInputElement).checked)}
          />
          ${msg('Encrypt with a passphrase (openssl-compatible)')}</label
        >
        ${
          this.encrypt
            ? html`<label for="send-pass">${msg('Passphrase')}</label>
                <input
                  id="send-pass"
                  type="password"
                  autocomplete="off"
                  .value=${this.passphrase}
                  ?disabled=${busy}
                  @input=${(e: Event) => (this.passphrase = value(e))}
                />`
            : nothing
        }
      </div>
      <div class="row">
        <label for="send-path">${msg('Path')}</label>
        <input
          id="send-path"
          class="path"
          .value=${this.sendPath}
          ?disabled=${busy}
          @input=${(e: Event) => (this.sendPath = value(e))}
        />
        <button ?disabled=${busy} @click=${() => (this.sendPath = randomPath())}>
          ${msg('New path')}
        </button>
        <label for="send-n">${msg('Receivers')}</label>
        <input
          id="send-n"
          type="number"
          min="1"
          max="100"
          .value=${this.receivers}
          ?disabled=${busy}
          @input=${(e: Event) => (this.receivers = value(e))}
        />
      </div>
      ${
        pathProblem || n === null
          ? html`<p class="error" role="alert">
              ${pathProblem ?? msg('Receivers must be a whole number from 1 to 100.')}
            </p>`
          : html`<relay-command
              label=${msg('Command to receive')}
              .command=${command}
              done=${msg('Receive command copied.')}
            ></relay-command>`
      }
      <div class="row">
        <button
          class="primary"
          ?disabled=${busy || !!pathProblem || n === null}
          @click=${this.handleSend}
        >
          ${msg('Send')}
        </button>
        <button ?disabled=${!busy} @click=${() => this.sending?.abort()}>
          ${msg('Cancel sending')}
        </button>
      </div>
      ${this.preparing ? html`<p role="status">${this.preparing}</p>` : nothing}
      ${
        p && !this.preparing
          ? html`<progress-meter
                label=${msg('Uploading')}
                .value=${p.uploaded}
                .max=${p.total}
              ></progress-meter>
              <p role="status">
                ${
                  busy && p.state === 'connecting' && (n ?? 1) > 1
                    ? this.waitingForAll(n ?? 1)
                    : stateWords(p.state)
                }
              </p>
              <ol class="lines" translate="no" aria-label=${msg('Server messages')}>
                ${p.lines.map((l) => html`<li>${l}</li>`)}
              </ol>`
          : nothing
      }
      ${this.sendError ? html`<p class="error" role="alert">${this.sendError}</p>` : nothing}
    </section>`;
  }

  private renderWhat(busy: boolean) {
    switch (this.what) {
      case 'text':
        return html`<label for="relay-text">${msg('Text to send')}</label>
          <textarea
            id="relay-text"
            .value=${this.text}
            ?disabled=${busy}
            @input=${(e: Event) => (this.text = (e.target as HTMLTextAreaElement).value)}
          ></textarea>`;
      case 'file':
        return html`<label for="relay-file">${msg('File to send')}</label>
          <input
            id="relay-file"
            type="file"
            ?disabled=${busy}
            @change=${(e: Event) => (this.file = (e.target as HTMLInputElement).files?.[0] ?? null)}
          />`;
      case 'folder':
        return html`<label for="relay-folder">${msg('Folder to send')}</label>
          <input
            id="relay-folder"
            type="file"
            webkitdirectory
            multiple
            ?disabled=${busy}
            @change=${(e: Event) => (this.folder = [...((e.target as HTMLInputElement).files ?? [])])}
          />
          ${this.folder.length ? html`<span class="muted">${this.fileCount()}</span>` : nothing}`;
    }
  }

  private fileCount(): string {
    const count = formatNumber(this.folder.length);
    return msg(str`${count} file(s)`);
  }

  private waitingForAll(receivers: number): string {
    const n = formatNumber(receivers);
    return msg(str`Waiting until all ${n} receivers have connected…`);
  }

  private async handleSend(): Promise<void> {
    const n = parseReceivers(this.receivers) ?? 1;
    const missing =
      this.what === 'file' && !this.file
        ? msg('Choose a file to send.')
        : this.what === 'folder' && this.folder.length === 0
          ? msg('Choose a folder to send.')
          : this.encrypt && this.passphrase === ''
            ? msg('Enter the passphrase to encrypt with.')
            : '';
    if (missing) {
      this.sendError = missing;
      return;
    }
    const tar = this.what === 'folder' ? folderTar(this.folder) : null;
    let body: Blob =
      this.what === 'text'
        ? new Blob([this.text], { type: 'text/plain;charset=utf-8' })
        : (tar?.blob ?? this.file!);
    const fileName = tar ? tar.name : this.what === 'file' ? this.file!.name : null;
    let headers: Record<string, string> = fileName
      ? { ...nameHeaders(fileName), 'Content-Type': body.type || 'application/octet-stream' }
      : { 'Content-Type': 'text/plain;charset=utf-8' };
    const abort = new AbortController();
    this.sending = abort;
    this.sendError = '';
    this.sendProgress = null;
    let discard: (() => Promise<void>) | null = null;
    try {
      if (this.encrypt) {
        // Encrypted first into disk-backed storage, then uploaded as a File.
        const encrypted = await encryptToStorage(body, this.passphrase, (done, total) => {
          const percent = formatNumber(Math.round((done / Math.max(total, 1)) * 100));
          this.preparing = msg(str`Encrypting… ${percent}%`);
        });
        body = encrypted.file;
        discard = encrypted.discard;
        headers = { 'Content-Type': 'application/octet-stream' };
      }
      this.preparing = '';
      const url = relayUrl(this.server, this.sendPath, n);
      await relaySend(url, body, headers, (p) => (this.sendProgress = p), abort.signal);
    } catch (error) {
      this.sendError = abort.signal.aborted
        ? msg('Cancelled: nothing is left waiting on the server.')
        : message(error);
    } finally {
      this.preparing = '';
      this.sending = null;
      await discard?.();
    }
  }
}

function message(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

declare global {
  interface HTMLElementTagNameMap {
    'relay-sender': RelaySender;
  }
}
