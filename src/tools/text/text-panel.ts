import { LitElement, html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { localized, msg, str } from '@lit/localize';
import { formatNumber } from '../../i18n/format';
import { PeerLink, type RoomPeer } from '../../rtc/peer-link';
import { connectedPc } from '../../ui/connection-details';
import '../../ui/connection-picker';
import { LinkController } from '../../ui/link-controller';
import { sharedStyles } from '../../ui/shared-styles';
import {
  TextChannel,
  entry,
  maxMessageSize,
  roomMessageSize,
  type ChatEntry,
} from './text-channel';
import { styles } from './text-panel.styles';
import { FocusKeeper, focusAfterConnect } from '../../ui/focus-keeper';
import { TextIntake, type TextSource } from './text-intake';

const LABEL = 'text';

/**
 * The text tool. Over loopback, what the send pane sends the receive pane shows; over a room it
 * is a chat: the creator sends to every joiner and passes each joiner's message on to the
 * others, labelled with its sender's name.
 */
@customElement('text-panel')
@localized()
export class TextPanel extends LitElement {
  static override styles = [sharedStyles, styles];

  // A pressed button that disables itself (Start, Stop, Send…) hands the focus on.
  protected readonly focusKeeper = new FocusKeeper(this);

  private readonly connection = new LinkController(this, new PeerLink([{ label: LABEL }]), () =>
    this.handleLinkChange(),
  );

  // Text pasted, dropped or shared goes to the message box.
  protected readonly intake = new TextIntake(this, (text, source) =>
    this.handleIntake(text, source),
  );

  @state() private messages: ChatEntry[] = [];
  @state() private draft = '';
  @state() private sendError = '';
  /** The message box holds text from the share sheet, not sent yet. */
  @state() private fromShare = false;

  /** Fragment parameters (a room link opened on this tool joins that room). */
  @property({ attribute: false }) params: URLSearchParams | null = null;

  private sender: TextChannel | null = null;
  /** In a room: one channel per peer (a joiner has one, the creator one per joiner). */
  private roomChannels = new Map<RoomPeer, TextChannel>();
  private limit = 0;
  private wiredRun: PeerLink['local'] = null;
  /** The draft came from outside (share, paste, drop): connecting again keeps it. */
  private keepDraft = false;

  override render() {
    const link = this.connection.link;
    return html`
      <h1 class="visually-hidden">${msg('Text')}</h1>
      <connection-picker .link=${link} tool="text" .params=${this.params}></connection-picker>
      ${
        link.mode === 'room' && link.phase !== 'idle'
          ? html`<div class="panes">${this.renderChat()}</div>`
          : html`<div class="panes">${this.renderSendPane()} ${this.renderReceivePane()}</div>`
      }
      <connection-details .pc=${connectedPc(link)}></connection-details>
    `;
  }

  private renderComposer() {
    const open = this.connection.link.phase === 'connected' && this.hasChannel();
    return html`<label for="message">${msg('Message')}</label>
      <textarea
        id="message"
        .value=${this.draft}
        ?disabled=${!open}
        placeholder=${
          open
            ? msg('Type, then press Enter to send (Shift+Enter for a new line)')
            : msg('Connect first')
        }
        aria-describedby="send-error"
        @input=${this.handleInput}
        @keydown=${this.handleKeydown}
      ></textarea>
      <div class="row">
        <button class="primary" @click=${this.handleSend} ?disabled=${!open}>${msg('Send')}</button>
        ${open ? html`<span class="muted">${this.renderLimit()}</span>` : nothing}
      </div>
      <p id="send-error" class="error" role="alert">${this.sendError}</p>
      <div aria-live="polite">
        ${
          this.fromShare
            ? html`<p class="muted">
                ${msg('From the share sheet: the shared text is in the message box, ready to send.')}
              </p>`
            : nothing
        }
      </div>`;
  }

  private renderSendPane() {
    return html`<section class="pane" aria-labelledby="send-h">
      <h2 id="send-h">${msg('Send')}</h2>
      ${this.renderComposer()}
      <ol class="log" aria-label=${msg('Sent messages')}>
        ${this.mine().map((e) => html`<li class="me" translate="no">${e.text}</li>`)}
      </ol>
    </section>`;
  }

  private renderReceivePane() {
    return html`<section class="pane" aria-labelledby="recv-h">
      <h2 id="recv-h">${msg('Receive')}</h2>
      <div role="log" aria-live="polite" aria-label=${msg('Received messages')}>
        <ol class="log">
          ${this.messages
            .filter((e) => e.from === 'peer')
            .map((e) => html`<li translate="no">${e.text}</li>`)}
        </ol>
      </div>
    </section>`;
  }

  private renderChat() {
    return html`<section class="pane" aria-labelledby="chat-h">
      <h2 id="chat-h">${msg('Chat')}</h2>
      <div role="log" aria-live="polite" aria-label=${msg('Chat')}>
        <ol class="log">
          ${this.messages.map(
            (e) =>
              html`<li class=${e.from}
                ><span class="who" translate=${e.from === 'me' ? 'yes' : 'no'}
                  >${e.from === 'me' ? msg('You') : e.name || msg('Peer')}</span
                ><span translate="no">${e.text}</span></li
              >`,
          )}
        </ol>
      </div>
      ${this.renderComposer()}
    </section>`;
  }

  private renderLimit() {
    const limit = formatNumber(this.limit);
    return msg(str`Limit: ${limit} bytes per message`);
  }

  private mine(): ChatEntry[] {
    return this.messages.filter((e) => e.from === 'me');
  }

  private hasChannel(): boolean {
    return this.sender !== null || this.livePeers().length > 0;
  }

  private livePeers(): RoomPeer[] {
    return [...this.roomChannels.keys()].filter((p) => p.state === 'connected');
  }

  private handleLinkChange(): void {
    const link = this.connection.link;
    if (link.phase !== 'connected') {
      this.sender = null;
      this.roomChannels = new Map();
      // Stop (or a new start) resets everything; a peer leaving, or a joiner rejoining after
      // its network dropped, keeps the chat readable.
      if (
        link.reconnectUntil === 0 &&
        (link.phase === 'connecting' ||
          link.phase === 'checking' ||
          (link.phase === 'closed' && !link.reason))
      ) {
        this.reset();
      }
      return;
    }
    const first = !this.hasChannel();
    if (link.mode === 'loopback') this.wireLoopback(link);
    else for (const peer of link.connectedPeers) this.wirePeer(peer);
    if (!first) return;
    // The message box enables with this update; only then can it take the focus.
    this.requestUpdate();
    void this.updateComplete.then(() =>
      focusAfterConnect(this.renderRoot.querySelector('textarea')),
    );
  }

  private wireLoopback(link: PeerLink): void {
    if (this.wiredRun === link.local) return;
    this.wiredRun = link.local;
    this.limit = maxMessageSize(link.local!.pc);
    this.sender = new TextChannel(link.channels.get(LABEL)!, this.limit, () => {});
    const inbound = link.peerChannels.get(LABEL)!;
    new TextChannel(inbound, maxMessageSize(link.peer!.pc), (text) => {
      this.messages = [...this.messages, entry('peer', text)];
    });
  }

  private wirePeer(peer: RoomPeer): void {
    if (this.roomChannels.has(peer)) return;
    const limit = roomMessageSize(peer.session.pc);
    const creator = this.connection.link.roomRole === 'creator';
    const channel = new TextChannel(peer.channels.get(LABEL)!, limit, (text, relayedFrom) => {
      // Only the creator relays: a joiner's "relayed" frame would speak in someone else's name.
      if (creator && relayedFrom !== undefined) return;
      const name = relayedFrom ?? peer.name;
      this.messages = [...this.messages, entry('peer', text, name)];
      // The creator is the hub: what one joiner says, the others hear from it.
      if (!creator) return;
      for (const other of this.livePeers()) {
        if (other !== peer) this.roomChannels.get(other)!.relay(peer.name, text);
      }
    });
    this.roomChannels.set(peer, channel);
    this.limit = Math.min(
      ...[...this.roomChannels.keys()].map((p) => roomMessageSize(p.session.pc)),
    );
  }

  private reset(): void {
    this.messages = [];
    if (!this.keepDraft) this.draft = '';
    this.sendError = '';
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
    if (!this.hasChannel() || this.draft === '') return;
    const channels = this.sender
      ? [this.sender]
      : this.livePeers().map((p) => this.roomChannels.get(p)!);
    // The same text and the same limit for every peer: the first refusal speaks for all.
    const problem = channels.map((c) => c.send(this.draft)).find((p) => p !== null);
    if (problem) {
      this.sendError = problem;
      return;
    }
    this.messages = [...this.messages, entry('me', this.draft)];
    this.draft = '';
    this.sendError = '';
    this.keepDraft = false;
    this.fromShare = false;
  }

  private handleIntake(text: string, source: TextSource): void {
    // A paste goes where the caret would be at the end; a drop or a share on a line of its own.
    const glue = source === 'paste' || this.draft === '' || this.draft.endsWith('\n') ? '' : '\n';
    this.draft = `${this.draft}${glue}${text}`;
    this.keepDraft = true;
    this.sendError = '';
    if (source === 'share') this.fromShare = true;
    void this.updateComplete.then(() => {
      const box = this.renderRoot.querySelector('textarea');
      if (!box || box.disabled) return;
      box.focus();
      box.setSelectionRange(box.value.length, box.value.length);
    });
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'text-panel': TextPanel;
  }
}
