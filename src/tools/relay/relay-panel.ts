import { LitElement, html, nothing } from 'lit';
import { customElement, query, state } from 'lit/decorators.js';
import { effectivePipingUrl } from '../../config';
import { receivedFileContent } from '../../store/received-files';
import { loadSettings } from '../../store/settings';
import '../../ui/progress-meter';
import { sharedStyles } from '../../ui/shared-styles';
import { safeFileName } from '../file/file-name';
import '../file/received-files';
import type { ReceivedFiles } from '../file/received-files';
import {
  checkPath,
  nameHeaders,
  randomPath,
  receiveCommand,
  relayUrl,
  sendCommand,
  type ServerState,
} from './relay-commands';
import { styles } from './relay-panel.styles';
import { relayReceive, type Received } from './relay-receive';
import { relaySend, type SendProgress } from './relay-send';

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
  @state() private what: 'text' | 'file' = 'text';
  @state() private text = '';
  @state() private file: File | null = null;
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
  }

  override render() {
    return html`
      <h1 class="visually-hidden">Relay</h1>
      <p>
        Through <code>${this.server}</code> (change it in <a href="#/settings">Settings</a>). What
        goes through the relay is not end-to-end encrypted: the server can read it.
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
    const busy = this.sending !== null;
    const p = this.sendProgress;
    return html`<section aria-labelledby="send-h">
      <h2 id="send-h">Send</h2>
      <fieldset ?disabled=${busy}>
        <legend class="visually-hidden">What to send</legend>
        <label
          ><input
            type="radio"
            name="what"
            .checked=${this.what === 'text'}
            @change=${() => (this.what = 'text')}
          />
          Text</label
        >
        <label
          ><input
            type="radio"
            name="what"
            .checked=${this.what === 'file'}
            @change=${() => (this.what = 'file')}
          />
          File</label
        >
      </fieldset>
      ${
        this.what === 'text'
          ? html`<label for="relay-text">Text to send</label>
              <textarea
                id="relay-text"
                .value=${this.text}
                ?disabled=${busy}
                @input=${(e: Event) => (this.text = (e.target as HTMLTextAreaElement).value)}
              ></textarea>`
          : html`<label for="relay-file">File to send</label>
              <input
                id="relay-file"
                type="file"
                ?disabled=${busy}
                @change=${(e: Event) => (this.file = (e.target as HTMLInputElement).files?.[0] ?? null)}
              />`
      }
      <div class="row">
        <label for="send-path">Path</label>
        <input
          id="send-path"
          class="path"
          .value=${this.sendPath}
          ?disabled=${busy}
          @input=${(e: Event) => (this.sendPath = (e.target as HTMLInputElement).value)}
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
          @input=${(e: Event) => (this.receivers = (e.target as HTMLInputElement).value)}
        />
      </div>
      ${
        pathProblem || n === null
          ? html`<p class="error" role="alert">
              ${pathProblem ?? 'Receivers must be a whole number from 1 to 100.'}
            </p>`
          : html`<div class="command">
              <code aria-label="Command to receive">${receiveCommand(url, name)}</code>
              <button
                @click=${() => this.handleCopy(receiveCommand(url, name), 'Receive command copied.')}
              >
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
      ${
        p
          ? html`<progress-meter
                label="Uploading"
                .value=${p.uploaded}
                .max=${p.total}
              ></progress-meter>
              <p role="status">
                ${busy && p.state === 'connecting' && (n ?? 1) > 1 ? `Waiting until all ${n} receivers have connected…` : stateWords[p.state]}
              </p>
              <ol class="lines" aria-label="Server messages">
                ${p.lines.map((l) => html`<li>${l}</li>`)}
              </ol>`
          : nothing
      }
      ${this.sendError ? html`<p class="error" role="alert">${this.sendError}</p>` : nothing}
    </section>`;
  }

  private renderReceive() {
    const n = this.n(this.recvReceivers);
    const pathProblem = this.recvPath ? checkPath(this.recvPath) : null;
    const url = relayUrl(this.server, this.recvPath || 'PATH', n ?? 1);
    const busy = this.receiving !== null;
    const p = this.recvProgress;
    return html`<section aria-labelledby="recv-h">
      <h2 id="recv-h">Receive</h2>
      <div class="row">
        <label for="recv-path">Path to receive from</label>
        <input
          id="recv-path"
          class="path"
          .value=${this.recvPath}
          ?disabled=${busy}
          @input=${(e: Event) => (this.recvPath = (e.target as HTMLInputElement).value)}
        />
        <label for="recv-n">Receivers</label>
        <input
          id="recv-n"
          type="number"
          min="1"
          max="100"
          .value=${this.recvReceivers}
          ?disabled=${busy}
          @input=${(e: Event) => (this.recvReceivers = (e.target as HTMLInputElement).value)}
        />
      </div>
      ${pathProblem ? html`<p class="error" role="alert">${pathProblem}</p>` : nothing}
      <div class="command">
        <code aria-label="Command to send">${sendCommand(url)}</code>
        <button @click=${() => this.handleCopy(sendCommand(url), 'Send command copied.')}>
          Copy command
        </button>
      </div>
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
      <p class="muted">${r.size.toLocaleString('en')} bytes, SHA-256 <code>${r.sha256}</code></p>`;
  }

  private async handleSend(): Promise<void> {
    const n = this.n(this.receivers) ?? 1;
    if (this.what === 'file' && !this.file) {
      this.sendError = 'Choose a file to send.';
      return;
    }
    const body =
      this.what === 'text'
        ? new Blob([this.text], { type: 'text/plain;charset=utf-8' })
        : this.file!;
    const headers =
      this.what === 'file'
        ? {
            ...nameHeaders(this.file!.name),
            'Content-Type': this.file!.type || 'application/octet-stream',
          }
        : { 'Content-Type': 'text/plain;charset=utf-8' };
    const abort = new AbortController();
    this.sending = abort;
    this.sendError = '';
    try {
      await relaySend(
        relayUrl(this.server, this.sendPath, n),
        body,
        headers,
        (p) => (this.sendProgress = p),
        abort.signal,
      );
    } catch (error) {
      this.sendError = abort.signal.aborted
        ? 'Cancelled: nothing is left waiting on the server.'
        : message(error);
    } finally {
      this.sending = null;
    }
  }

  private async handleReceive(): Promise<void> {
    const n = this.n(this.recvReceivers) ?? 1;
    const abort = new AbortController();
    this.receiving = abort;
    this.recvError = '';
    this.received = null;
    this.recvProgress = { received: 0, total: null };
    if (this.receivedUrl) URL.revokeObjectURL(this.receivedUrl);
    this.receivedUrl = '';
    try {
      const r = await relayReceive(
        relayUrl(this.server, this.recvPath, n),
        (p) => (this.recvProgress = p),
        abort.signal,
      );
      this.received = r;
      this.saveAs =
        r.name ??
        (r.text !== null
          ? `${this.recvPath.replace(/\//g, '_')}.txt`
          : `${this.recvPath.replace(/\//g, '_')}.bin`);
      this.receivedUrl = URL.createObjectURL(await receivedFileContent(r.id));
      void this.receivedList?.refresh();
    } catch (error) {
      this.recvError = abort.signal.aborted
        ? 'Cancelled: the partial download was removed.'
        : message(error);
    } finally {
      this.receiving = null;
    }
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
