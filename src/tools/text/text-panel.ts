import { LitElement, html, nothing } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import { createLoopbackSessions } from '../../rtc/loopback-pair';
import type { PeerSession } from '../../rtc/peer-session';
import '../../ui/connection-details';
import { SessionsController } from '../../ui/sessions-controller';
import { sharedStyles } from '../../ui/shared-styles';
import { TextChannel, entry, maxMessageSize, type ChatEntry } from './text-channel';
import { styles } from './text-panel.styles';

const LABEL = 'text';

/** The text tool: two peers in this page joined by loopback signaling; what one sends, the other shows. */
@customElement('text-panel')
export class TextPanel extends LitElement {
  static override styles = [sharedStyles, styles];

  private readonly sessions = new SessionsController(this);

  @state() private phase: 'idle' | 'connecting' | 'open' | 'closed' | 'failed' = 'idle';
  @state() private sent: ChatEntry[] = [];
  @state() private received: ChatEntry[] = [];
  @state() private draft = '';
  @state() private sendError = '';
  @state() private failure = '';

  private sender: TextChannel | null = null;
  private limit = 0;

  override render() {
    const running = this.phase === 'connecting' || this.phase === 'open';
    return html`
      <h1 class="visually-hidden">Text</h1>
      <div class="row">
        <button class="primary" @click=${this.handleStart} ?disabled=${running}>Start</button>
        <button @click=${this.handleStop} ?disabled=${!running}>Stop</button>
      </div>
      <p class="status" role="status">${this.statusText()}</p>
      ${this.failure ? html`<p class="error" role="alert">${this.failure}</p>` : nothing}
      <div class="panes">${this.renderSendPane()} ${this.renderReceivePane()}</div>
      ${
        this.phase === 'open'
          ? html`<details>
              <summary>Connection details</summary>
              <connection-details .pc=${this.sessions.sessions[0]?.pc ?? null}></connection-details>
            </details>`
          : nothing
      }
    `;
  }

  private renderSendPane() {
    const open = this.phase === 'open';
    return html`<section class="pane" aria-labelledby="send-h">
      <h2 id="send-h">Send</h2>
      <label for="message">Message</label>
      <textarea
        id="message"
        .value=${this.draft}
        ?disabled=${!open}
        placeholder=${open ? 'Type, then press Enter to send (Shift+Enter for a new line)' : 'Start first'}
        aria-describedby="send-error"
        @input=${this.handleInput}
        @keydown=${this.handleKeydown}
      ></textarea>
      <div class="row">
        <button class="primary" @click=${this.handleSend} ?disabled=${!open}>Send</button>
        ${open ? html`<span class="muted">Limit: ${this.limit.toLocaleString('en')} bytes per message</span>` : nothing}
      </div>
      <p id="send-error" class="error" role="alert">${this.sendError}</p>
      <ol class="log" aria-label="Sent messages">
        ${this.sent.map((e) => html`<li class="me">${e.text}</li>`)}
      </ol>
    </section>`;
  }

  private renderReceivePane() {
    return html`<section class="pane" aria-labelledby="recv-h">
      <h2 id="recv-h">Receive</h2>
      <ol class="log" role="log" aria-live="polite" aria-label="Received messages">
        ${this.received.map((e) => html`<li>${e.text}</li>`)}
      </ol>
    </section>`;
  }

  private statusText(): string {
    switch (this.phase) {
      case 'idle':
        return 'Press Start to connect two peers in this page.';
      case 'connecting':
        return 'Connecting…';
      case 'open':
        return 'Connected: the data channel is open.';
      case 'closed':
        return 'Stopped. Press Start to connect again.';
      case 'failed':
        return 'The connection failed.';
    }
  }

  private async handleStart(): Promise<void> {
    this.reset();
    this.phase = 'connecting';
    const pair = createLoopbackSessions([{ label: LABEL }]);
    this.sessions.replace(pair);
    const [a, b] = pair;
    for (const s of pair) s.addEventListener('statechange', () => this.handleSessionState(s));
    try {
      await Promise.all(pair.map((s) => s.start()));
      const [out, inbound] = await Promise.all([a.channel(LABEL), b.channel(LABEL)]);
      if (this.sessions.sessions[0] !== a) return; // stopped or restarted meanwhile
      this.limit = maxMessageSize(a.pc);
      this.sender = new TextChannel(out, this.limit, () => {});
      new TextChannel(inbound, maxMessageSize(b.pc), (text) => {
        this.received = [...this.received, entry('peer', text)];
      });
      this.phase = 'open';
      await this.updateComplete;
      this.renderRoot.querySelector('textarea')?.focus();
    } catch (error) {
      if (this.sessions.sessions[0] === a) this.fail(error);
    }
  }

  private handleSessionState(session: PeerSession): void {
    if (!this.sessions.sessions.includes(session)) return;
    if (session.state === 'failed' || (session.state === 'closed' && this.phase !== 'closed')) {
      this.failure = session.reason;
      this.phase = session.state === 'failed' ? 'failed' : 'closed';
      this.sessions.closeAll();
    }
  }

  private fail(error: unknown): void {
    this.failure = error instanceof Error ? error.message : String(error);
    this.phase = 'failed';
    this.sessions.closeAll();
  }

  private handleStop(): void {
    this.phase = 'closed';
    this.sessions.closeAll();
    this.reset();
  }

  private reset(): void {
    this.sender = null;
    this.sent = [];
    this.received = [];
    this.draft = '';
    this.sendError = '';
    this.failure = '';
  }

  private handleInput(e: Event): void {
    this.draft = (e.target as HTMLTextAreaElement).value;
    this.sendError = '';
  }

  private handleKeydown(e: KeyboardEvent): void {
    if (e.key === 'Enter' && !e.shiftKey && !e.isComposing) {
      e.preventDefault();
      this.handleSend();
    }
  }

  private handleSend(): void {
    if (!this.sender || this.draft === '') return;
    const problem = this.sender.send(this.draft);
    if (problem) {
      this.sendError = problem;
      return;
    }
    this.sent = [...this.sent, entry('me', this.draft)];
    this.draft = '';
    this.sendError = '';
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'text-panel': TextPanel;
  }
}
