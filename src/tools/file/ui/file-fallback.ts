import { LitElement, css, html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { localized, msg, str } from '@lit/localize';
import type { RoomRole } from '../../../signaling/piping';
import type { RoomRef } from '../../../signaling/room-link';
import '../../../ui/progress-meter';
import { sharedStyles } from '../../../ui/shared-styles';
import {
  fallbackBase,
  receiveFilesViaRelay,
  AlteredFilesError,
  sendFilesViaRelay,
  type FallbackProgress,
} from '../session/relay-fallback';

const styles = css`
  :host {
    display: block;
    border: 1px solid var(--dc-warn);
    border-radius: var(--dc-radius);
    padding: 0.75rem;
    margin-top: 1rem;
  }
  h2 {
    font-size: 1rem;
    margin: 0 0 0.5rem;
  }
`;

/**
 * Offered when a room's WebRTC connection fails: the same files go through the room's
 * piping-server instead, and the other side gets them there.
 *
 * @fires relay-received - Event: files arrived through the relay and were stored
 */
@customElement('file-fallback')
@localized()
export class FileFallback extends LitElement {
  static override styles = [sharedStyles, styles];

  @state() private busy: AbortController | null = null;
  @state() private progress: FallbackProgress | null = null;
  @state() private outcome = '';
  @state() private problem = '';

  /** The room whose connection failed. */
  @property({ attribute: false }) room!: RoomRef;
  /** This side's role in it. */
  @property() side: RoomRole = 'creator';
  /** The room's piping-server. */
  @property() server = '';

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.busy?.abort();
  }

  override render() {
    const p = this.progress;
    return html`<section aria-labelledby="fallback-h">
      <h2 id="fallback-h">${msg('Send through the relay instead')}</h2>
      <p>
        ${msg(
          "WebRTC found no path between you. Files can go through the room's piping-server instead: one side sends, the other receives. They are encrypted with the room's secret (AES-256-CBC), so the server cannot read them, and each file's SHA-256 is checked on arrival.",
        )}
      </p>
      <div class="row">
        <label for="fallback-files">${msg('Files to send through the relay')}</label>
        <input
          id="fallback-files"
          type="file"
          multiple
          ?disabled=${this.busy !== null}
          @change=${this.handleSend}
        />
        <button class="primary" ?disabled=${this.busy !== null} @click=${this.handleReceive}>
          ${msg('Receive through the relay')}
        </button>
        <button ?disabled=${this.busy === null} @click=${() => this.busy?.abort()}>
          ${msg('Cancel relay')}
        </button>
      </div>
      ${p ? this.renderProgress(p) : nothing}
      <p role="status">
        ${this.busy ? msg('Waiting for the other side, then transferring…') : this.outcome}
      </p>
      ${this.problem ? html`<p class="error" role="alert">${this.problem}</p>` : nothing}
    </section>`;
  }

  private renderProgress(p: FallbackProgress) {
    const name = p.name;
    const number = p.index + 1;
    const count = p.count;
    return html`<progress-meter
      label=${msg(str`Relay ${name} (${number} of ${count})`)}
      .value=${p.bytes}
      .max=${p.size}
    ></progress-meter>`;
  }

  private async handleSend(e: Event): Promise<void> {
    const input = e.target as HTMLInputElement;
    const files = [...(input.files ?? [])];
    input.value = '';
    if (files.length === 0) return;
    await this.run(async (signal) => {
      await sendFilesViaRelay(
        this.server,
        await fallbackBase(this.room, this.side),
        this.room.secret,
        files,
        (p) => (this.progress = p),
        signal,
      );
      const count = files.length;
      return msg(str`Sent ${count} file(s) through the relay.`);
    });
  }

  private async handleReceive(): Promise<void> {
    const from = this.side === 'creator' ? 'joiner' : 'creator';
    await this.run(async (signal) => {
      const got = await receiveFilesViaRelay(
        this.server,
        await fallbackBase(this.room, from),
        this.room.secret,
        (p) => (this.progress = p),
        signal,
      );
      this.dispatchEvent(new Event('relay-received', { bubbles: true, composed: true }));
      const count = got.length;
      return msg(
        str`Received ${count} file(s) through the relay: they are listed under Received files.`,
      );
    });
  }

  private async run(task: (signal: AbortSignal) => Promise<string>): Promise<void> {
    const abort = new AbortController();
    this.busy = abort;
    this.problem = '';
    this.outcome = '';
    try {
      this.outcome = await task(abort.signal);
    } catch (error) {
      if (error instanceof AlteredFilesError) {
        this.dispatchEvent(new Event('relay-received', { bubbles: true, composed: true }));
        const names = error.names.map((n) => `\u201c${n}\u201d`).join(', ');
        const count = error.received;
        this.problem = msg(
          str`Received ${count} file(s) through the relay. Discarded as altered on the way (their SHA-256 differs from the sender\u2019s): ${names}.`,
        );
        return;
      }
      this.problem = abort.signal.aborted
        ? msg('Cancelled.')
        : error instanceof Error
          ? error.message
          : String(error);
    } finally {
      this.busy = null;
    }
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'file-fallback': FileFallback;
  }
}
