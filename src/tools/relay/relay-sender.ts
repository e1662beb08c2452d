import { LitElement, html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { safeFileName } from '../../files/file-name';
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

const stateWords: Record<ServerState | 'connecting', string> = {
  connecting: 'Connecting to the piping-server…',
  waiting: 'Waiting for the receiver(s) to connect…',
  sending: 'Sending…',
  done: 'Sent: every receiver got it all.',
  error: 'The server reported an error.',
  info: 'Sending…',
};

/** The relay tool's Send card: text, a file or a folder (as tar), optionally encrypted. */
@customElement('relay-sender')
export class RelaySender extends LitElement {
  static override styles = [sharedStyles, styles];

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
      <h2 id="send-h">Send</h2>
      <fieldset ?disabled=${busy}>
        <legend class="visually-hidden">What to send</legend>
        ${(['text', 'file', 'folder'] as const).map(
          (w) =>
            html`<label
              ><input
                type="radio"
                name="what"
                .checked=${this.what === w}
                @change=${() => (this.what = w)}
              />
              ${w === 'text' ? 'Text' : w === 'file' ? 'File' : 'Folder (as tar)'}</label
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
          Encrypt with a passphrase (openssl-compatible)</label
        >
        ${
          this.encrypt
            ? html`<label for="send-pass">Passphrase</label>
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
        <label for="send-path">Path</label>
        <input
          id="send-path"
          class="path"
          .value=${this.sendPath}
          ?disabled=${busy}
          @input=${(e: Event) => (this.sendPath = value(e))}
        />
        <button ?disabled=${busy} @click=${() => (this.sendPath = randomPath())}>New path</button>
        <label for="send-n">Receivers</label>
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
              ${pathProblem ?? 'Receivers must be a whole number from 1 to 100.'}
            </p>`
          : html`<relay-command
              label="Command to receive"
              .command=${command}
              done="Receive command copied."
            ></relay-command>`
      }
      <div class="row">
        <button
          class="primary"
          ?disabled=${busy || !!pathProblem || n === null}
          @click=${this.handleSend}
        >
          Send
        </button>
        <button ?disabled=${!busy} @click=${() => this.sending?.abort()}>Cancel sending</button>
      </div>
      ${this.preparing ? html`<p role="status">${this.preparing}</p>` : nothing}
      ${
        p && !this.preparing
          ? html`<progress-meter
                label="Uploading"
                .value=${p.uploaded}
                .max=${p.total}
              ></progress-meter>
              <p role="status">
                ${
                  busy && p.state === 'connecting' && (n ?? 1) > 1
                    ? `Waiting until all ${n} receivers have connected…`
                    : stateWords[p.state]
                }
              </p>
              <ol class="lines" aria-label="Server messages">
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
        return html`<label for="relay-text">Text to send</label>
          <textarea
            id="relay-text"
            .value=${this.text}
            ?disabled=${busy}
            @input=${(e: Event) => (this.text = (e.target as HTMLTextAreaElement).value)}
          ></textarea>`;
      case 'file':
        return html`<label for="relay-file">File to send</label>
          <input
            id="relay-file"
            type="file"
            ?disabled=${busy}
            @change=${(e: Event) => (this.file = (e.target as HTMLInputElement).files?.[0] ?? null)}
          />`;
      case 'folder':
        return html`<label for="relay-folder">Folder to send</label>
          <input
            id="relay-folder"
            type="file"
            webkitdirectory
            multiple
            ?disabled=${busy}
            @change=${(e: Event) => (this.folder = [...((e.target as HTMLInputElement).files ?? [])])}
          />
          ${this.folder.length ? html`<span class="muted">${this.folder.length} file(s)</span>` : nothing}`;
    }
  }

  private async handleSend(): Promise<void> {
    const n = parseReceivers(this.receivers) ?? 1;
    const missing =
      this.what === 'file' && !this.file
        ? 'Choose a file to send.'
        : this.what === 'folder' && this.folder.length === 0
          ? 'Choose a folder to send.'
          : this.encrypt && this.passphrase === ''
            ? 'Enter the passphrase to encrypt with.'
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
          this.preparing = `Encrypting… ${Math.round((done / Math.max(total, 1)) * 100)}%`;
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
        ? 'Cancelled: nothing is left waiting on the server.'
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
