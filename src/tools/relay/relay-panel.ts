import { LitElement, html, nothing } from 'lit';
import { customElement, query, state } from 'lit/decorators.js';
import { effectivePipingUrl } from '../../config';
import { receivedFileContent } from '../../store/received-files';
import { loadSettings } from '../../store/settings';
import '../../ui/progress-meter';
import { sharedStyles } from '../../ui/shared-styles';
import { safeEntryName, safeFileName } from '../../files/file-name';
import '../../ui/received-files';
import type { ReceivedFiles } from '../../ui/received-files';
import { WrongPassphraseError } from '../../relay/openssl-cbc';
import {
  checkPath,
  nameHeaders,
  randomPath,
  receivePipeline,
  relayUrl,
  sendPipelines,
  type ServerState,
} from '../../relay/relay-commands';
import { encryptToStorage, folderTar } from '../../relay/relay-prepare';
import { listTar, looksLikeTar, type TarEntry } from '../../relay/tar';
import { styles } from './relay-panel.styles';
import { relayReceive, type Received } from '../../relay/relay-receive';
import { relaySend, type SendProgress } from '../../relay/relay-send';

const stateWords: Record<ServerState | 'connecting', string> = {
  connecting: 'Connecting to the piping-server…',
  waiting: 'Waiting for the receiver(s) to connect…',
  sending: 'Sending…',
  done: 'Sent: every receiver got it all.',
  error: 'The server reported an error.',
  info: 'Sending…',
};

/**
 * The relay tool: send and receive through the piping-server itself, so `curl` can be the
 * other side, or when WebRTC cannot connect.
 */
@customElement('relay-panel')
export class RelayPanel extends LitElement {
  static override styles = [sharedStyles, styles];

  @query('received-files') private receivedList!: ReceivedFiles;

  @state() private server = '';
  @state() private what: 'text' | 'file' | 'folder' = 'text';
  @state() private text = '';
  @state() private file: File | null = null;
  @state() private folder: File[] = [];
  @state() private encrypt = false;
  @state() private passphrase = '';
  @state() private decrypt = false;
  @state() private recvPassphrase = '';
  @state() private entries: { entry: TarEntry; url: string }[] = [];
  @state() private preparing = '';
  @state() private sendPath = randomPath();
  @state() private receivers = '1';
  @state() private sending: AbortController | null = null;
  @state() private sendProgress: SendProgress | null = null;
  @state() private sendError = '';
  @state() private recvPath = '';
  @state() private recvReceivers = '1';
  @state() private receiving: AbortController | null = null;
  @state() private recvProgress: { received: number; total: number | null } | null = null;
  @state() private recvError = '';
  @state() private received: Received | null = null;
  @state() private saveAs = '';
  @state() private receivedUrl = '';
  @state() private copied = '';

  override connectedCallback(): void {
    super.connectedCallback();
    void loadSettings().then((s) => (this.server = effectivePipingUrl(s.pipingUrl)));
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.sending?.abort();
    this.receiving?.abort();
    if (this.receivedUrl) URL.revokeObjectURL(this.receivedUrl);
    for (const e of this.entries) if (e.url) URL.revokeObjectURL(e.url);
  }

  override render() {
    return html`
      <h1 class="visually-hidden">Relay</h1>
      <p>
        Through <code>${this.server}</code> (change it in <a href="#/settings">Settings</a>). Unless
        you set a passphrase, what goes through the relay is not encrypted end to end: the server
        can read it.
      </p>
      <div class="grid">${this.renderSend()} ${this.renderReceive()}</div>
      <received-files></received-files>
    `;
  }

  private n(value: string): number | null {
    const n = Number(value);
    return Number.isInteger(n) && n >= 1 && n <= 100 ? n : null;
  }

  private renderSend() {
    const n = this.n(this.receivers);
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
          : html`<div class="command">
              <code aria-label="Command to receive">${command}</code>
              <button @click=${() => this.handleCopy(command, 'Receive command copied.')}>
                Copy command
              </button>
            </div>`
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

  private renderReceive() {
    const n = this.n(this.recvReceivers);
    const pathProblem = this.recvPath ? checkPath(this.recvPath) : null;
    const url = relayUrl(this.server, this.recvPath || 'PATH', n ?? 1);
    const busy = this.receiving !== null;
    const p = this.recvProgress;
    const value = (e: Event) => (e.target as HTMLInputElement).value;
    return html`<section class="card" aria-labelledby="recv-h">
      <h2 id="recv-h">Receive</h2>
      <div class="row">
        <label for="recv-path">Path to receive from</label>
        <input
          id="recv-path"
          class="path"
          .value=${this.recvPath}
          ?disabled=${busy}
          @input=${(e: Event) => (this.recvPath = value(e))}
        />
        <label for="recv-n">Receivers</label>
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
          Decrypt (openssl aes-256-cbc -pbkdf2)</label
        >
        ${
          this.decrypt
            ? html`<label for="recv-pass">Passphrase for decryption</label>
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
          html`<div class="command">
            <code aria-label=${i === 0 ? 'Command to send' : `Other command to send ${i}`}
              >${c}</code
            >
            <button @click=${() => this.handleCopy(c, 'Send command copied.')}>Copy command</button>
          </div>`,
      )}
      <div class="row">
        <button
          class="primary"
          ?disabled=${busy || !this.recvPath || !!pathProblem || n === null}
          @click=${this.handleReceive}
        >
          Receive
        </button>
        <button ?disabled=${!busy} @click=${() => this.receiving?.abort()}>Cancel receiving</button>
        <span aria-live="polite">${this.copied}</span>
      </div>
      ${
        p
          ? html`${
                p.total !== null
                  ? html`<progress-meter
                      label="Downloading"
                      .value=${p.received}
                      .max=${p.total}
                    ></progress-meter>`
                  : html`<p>
                      ${p.received.toLocaleString('en')} bytes so far (the sender gave no length).
                    </p>`
              }
              <p role="status">
                ${busy ? (p.received === 0 ? 'Waiting for the sender…' : 'Receiving…') : this.received ? 'Received.' : ''}
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
          ? html`<h3>Received text</h3>
              <pre aria-label="Received text">${r.text}</pre>`
          : nothing
      }
      <div class="row">
        <label for="save-as">Save as</label>
        <input
          id="save-as"
          .value=${this.saveAs}
          @input=${(e: Event) => (this.saveAs = (e.target as HTMLInputElement).value)}
        />
        ${
          this.receivedUrl
            ? html`<a href=${this.receivedUrl} download=${safeFileName(this.saveAs)}
                >Download received file</a
              >`
            : nothing
        }
      </div>
      <p class="muted">${r.size.toLocaleString('en')} bytes, SHA-256 <code>${r.sha256}</code></p>
      ${
        this.entries.length
          ? html`<h3>Archive entries</h3>
              <ul aria-label="Archive entries">
                ${this.entries.map(
                  ({ entry, url }) =>
                    html`<li>
                      <span>${entry.name}</span>
                      <span class="muted"
                        >${entry.type === 'directory' ? 'folder' : `${entry.size.toLocaleString('en')} bytes`}</span
                      >
                      ${url ? html`<a href=${url} download=${safeEntryName(entry.name)} aria-label="Download ${entry.name}">Download</a>` : nothing}
                    </li>`,
                )}
              </ul>`
          : nothing
      }`;
  }

  private async handleSend(): Promise<void> {
    const n = this.n(this.receivers) ?? 1;
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

  private async handleReceive(): Promise<void> {
    if (this.decrypt && this.recvPassphrase === '') {
      this.recvError = 'Enter the passphrase to decrypt with.';
      return;
    }
    const n = this.n(this.recvReceivers) ?? 1;
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
      void this.receivedList?.refresh();
    } catch (error) {
      this.recvError = abort.signal.aborted
        ? 'Cancelled: the partial download was removed.'
        : error instanceof WrongPassphraseError
          ? 'Failed: wrong passphrase or corrupted data. Nothing was kept.'
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

  private async handleCopy(text: string, done: string): Promise<void> {
    await navigator.clipboard.writeText(text);
    this.copied = done;
  }
}

function message(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

declare global {
  interface HTMLElementTagNameMap {
    'relay-panel': RelayPanel;
  }
}
