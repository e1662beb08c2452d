import { webCryptoMissing } from '../signaling/web-crypto';
import { LitElement, html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { localized, msg } from '@lit/localize';
import { embeddedPipingUrl } from '../config';
import type { PeerLink } from '../rtc/peer-link';
import {
  newRoom,
  roomFromLink,
  roomFromParams,
  roomLink,
  type RoomRef,
} from '../signaling/room-link';
import {
  forgetRoom,
  loadRecentRooms,
  recordRoom,
  updateRoomState,
  type RecentRoom,
} from '../store/recent-rooms';
import { loadSettings, saveSettings } from '../store/settings';
import { styles } from './connection-picker.styles';
import './room-share';
import './recent-rooms';
import type { RoomEvent } from './recent-rooms';
import { linkStatus } from './link-status';
import { loadRoomSettings } from './room-settings';
import { sharedStyles } from './shared-styles';
import { FocusKeeper } from './focus-keeper';
import './room-peers';
import { webRtcMissing } from '../rtc/webrtc-support';

/** Secrets of rooms used in this page's lifetime, so they can be rejoined without storing them. */
const knownSecrets = new Map<string, string>();

/**
 * How a tool connects: Loopback (both peers in this page) or a Room (create one and share its
 * link, or join from a link). Shows the state with elapsed time and Cancel / Leave at all times.
 */
@customElement('connection-picker')
@localized()
export class ConnectionPicker extends LitElement {
  static override styles = [sharedStyles, styles];

  // A pressed Start, Stop, Create room or Cancel disables itself or leaves: keep the focus here.
  protected readonly focusKeeper = new FocusKeeper(this, () => this.focusAfterChange());

  @state() private mode: 'loopback' | 'room' = 'loopback';
  @state() private pasted = '';
  @state() private pasteProblem = '';
  @state() private now = Date.now();
  @state() private recent: RecentRoom[] = [];
  @state() private remember = false;

  /** The link this picker drives. */
  @property({ attribute: false }) link!: PeerLink;
  /** The tool's route name, used in room links (`#/<tool>?room=…`). */
  @property() tool = '';
  /** Fragment parameters of the page: a room link opened here joins that room. */
  @property({ attribute: false }) params: URLSearchParams | null = null;

  private ticker: ReturnType<typeof setInterval> | undefined;
  private joinedFromUrl = '';
  private subscribed: PeerLink | null = null;
  private lastRecorded = '';
  private readonly onLinkChange = () => {
    // The clock stands still while connected: a countdown that begins now must not start late.
    this.now = Date.now();
    this.requestUpdate();
    const { room, phase, reconnectUntil } = this.link;
    // The steps of a rejoin (a joiner's, or its creator waiting for it) are not the room's state.
    if (reconnectUntil > 0 && phase !== 'connected') return;
    if (room && this.link.mode === 'room' && this.lastRecorded !== `${room.id}:${phase}`) {
      this.lastRecorded = `${room.id}:${phase}`;
      void updateRoomState(room.id, phase).then((rooms) => (this.recent = rooms));
    }
  };

  override connectedCallback(): void {
    super.connectedCallback();
    if (this.link) this.subscribe(this.link);
    void Promise.all([loadRecentRooms(), loadSettings()]).then(([rooms, settings]) => {
      this.recent = rooms;
      this.remember = settings.rememberRoomSecrets;
    });
    this.ticker = setInterval(() => {
      if (this.link?.active && this.link.phase !== 'connected') this.now = Date.now();
    }, 1000);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    clearInterval(this.ticker);
    this.subscribe(null);
  }

  /** The link belongs to the tool; the picker only listens so it re-renders on every change. */
  private subscribe(link: PeerLink | null): void {
    this.subscribed?.removeEventListener('change', this.onLinkChange);
    this.subscribed = link;
    link?.addEventListener('change', this.onLinkChange);
  }

  protected override willUpdate(changed: Map<string, unknown>): void {
    if (this.link !== this.subscribed) this.subscribe(this.link);
    if (changed.has('params') && this.params) {
      const parsed = roomFromParams(this.params);
      if (parsed && this.joinedFromUrl !== this.params.toString()) {
        this.joinedFromUrl = this.params.toString();
        this.mode = 'room';
        if (parsed.ok) void this.join(parsed.room);
        else this.pasteProblem = parsed.message;
      }
    }
  }

  override render() {
    const link = this.link;
    // Rooms also need WebCrypto to seal their messages.
    const missing = webRtcMissing() || (this.mode === 'room' ? webCryptoMissing() : '');
    return html`
      ${
        missing && link.phase !== 'failed'
          ? html`<p class="error" role="note">${missing}</p>`
          : nothing
      }
      <fieldset ?disabled=${link.active}>
        <legend>${msg('Connection')}</legend>
        <label
          ><input
            type="radio"
            name="mode"
            value="loopback"
            .checked=${this.mode === 'loopback'}
            @change=${() => (this.mode = 'loopback')}
          />
          ${msg('Loopback (two peers in this page)')}</label
        >
        <label
          ><input
            type="radio"
            name="mode"
            value="room"
            .checked=${this.mode === 'room'}
            @change=${() => (this.mode = 'room')}
          />
          ${msg('Room (other devices)')}</label
        >
      </fieldset>
      ${this.mode === 'loopback' ? this.renderLoopback() : this.renderRoom()}
      <p class="status" role="status">${linkStatus(this.link, this.now)}</p>
      ${link.phase === 'failed' ? html`<p class="error" role="alert">${link.reason}</p>` : nothing}
      ${link.notice && link.active ? html`<p class="notice" role="alert">${link.notice}</p>` : nothing}
      ${
        link.mode === 'room' && link.active
          ? html`<room-peers .peers=${[...link.peers]} ?creator=${link.roomRole === 'creator'}></room-peers>`
          : nothing
      }
    `;
  }

  private renderLoopback() {
    const active = this.link.active;
    return html`<div class="row">
      <button class="primary" @click=${this.handleStart} ?disabled=${active}>
        ${msg('Start')}
      </button>
      <button @click=${this.handleLeave} ?disabled=${!active}>${msg('Stop')}</button>
    </div>`;
  }

  private renderRoom() {
    const link = this.link;
    if (!link.active || link.mode !== 'room') {
      return html`<div class="row">
          <button class="primary" @click=${this.handleCreate}>${msg('Create room')}</button>
        </div>
        <div class="row join" style="margin-top:0.5rem">
          <label for="paste">${msg('Room link')}</label>
          <input
            id="paste"
            type="url"
            .value=${this.pasted}
            placeholder=${msg('Paste a room link')}
            aria-describedby="paste-problem"
            @input=${(e: Event) => ((this.pasted = (e.target as HTMLInputElement).value), (this.pasteProblem = ''))}
            @keydown=${(e: KeyboardEvent) => e.key === 'Enter' && this.handleJoin()}
          />
          <button @click=${this.handleJoin}>${msg('Join')}</button>
        </div>
        <p id="paste-problem" class="error" role="alert">${this.pasteProblem}</p>
        <label class="row">
          <input type="checkbox" .checked=${this.remember} @change=${this.handleRemember} />
          ${msg('Remember room secrets on this device (to rejoin after a reload)')}
        </label>
        <recent-rooms
          .rooms=${this.recent.map((r) => ({ ...r, secret: r.secret ?? knownSecrets.get(r.id) }))}
          @room-rejoin=${this.handleRejoin}
          @room-forget=${this.handleForget}
        ></recent-rooms>`;
    }
    const connected = link.phase === 'connected';
    // A creator whose devices left still holds the room open for them: closing ends it.
    const reopened = link.roomRole === 'creator' && link.peers.length > 0;
    return html`
      ${link.roomRole === 'creator' && link.room ? html`<room-share .url=${this.linkFor(link.room)}></room-share>` : nothing}
      <div class="row" style="margin-top:0.5rem">
        <button @click=${this.handleLeave}>
          ${connected ? msg('Leave') : reopened ? msg('Close room') : msg('Cancel')}
        </button>
      </div>
    `;
  }

  /** Where the focus goes when its control went away: the new room's link, else Create room. */
  private focusAfterChange(): HTMLElement | null {
    const root = this.renderRoot;
    return (
      root.querySelector<HTMLElement>('room-share') ??
      (this.mode === 'room' && !this.link.active
        ? root.querySelector<HTMLElement>('button.primary')
        : null)
    );
  }

  private linkFor(room: RoomRef): string {
    return roomLink(location.href, this.tool, room);
  }

  private handleStart(): void {
    void this.link.startLoopback();
  }

  private async handleCreate(): Promise<void> {
    const settings = await loadRoomSettings();
    // The link names the server only when it is not the app's own embedded one.
    const room = newRoom(settings.server === embeddedPipingUrl() ? undefined : settings.server);
    this.now = Date.now();
    await this.remembered(room, 'creator');
    await this.link.createRoom(room, settings);
  }

  private handleJoin(): void {
    const parsed = roomFromLink(this.pasted);
    if (!parsed.ok) {
      this.pasteProblem = parsed.message;
      return;
    }
    void this.join(parsed.room);
  }

  private async join(room: RoomRef): Promise<void> {
    this.pasteProblem = '';
    this.now = Date.now();
    await this.remembered(room, 'joiner');
    await this.link.joinRoom(room, await loadRoomSettings(room.server));
  }

  /** Lists the room under Recent rooms; its secret is stored only when the user asked. */
  private async remembered(room: RoomRef, role: RecentRoom['role']): Promise<void> {
    knownSecrets.set(room.id, room.secret);
    this.recent = await recordRoom({
      id: room.id,
      tool: this.tool,
      role,
      ...(room.server ? { server: room.server } : {}),
      ...(this.remember ? { secret: room.secret } : {}),
      at: Date.now(),
      state: 'checking',
    });
  }

  private async handleRejoin(e: RoomEvent): Promise<void> {
    const { id, secret, server, role } = e.detail.room;
    if (!secret) return;
    const room: RoomRef = { id, secret, ...(server ? { server } : {}) };
    if (role === 'joiner') return this.join(room);
    this.now = Date.now();
    await this.remembered(room, 'creator');
    await this.link.createRoom(room, await loadRoomSettings(server));
  }

  private async handleForget(e: RoomEvent): Promise<void> {
    knownSecrets.delete(e.detail.room.id);
    this.recent = await forgetRoom(e.detail.room.id);
  }

  private async handleRemember(e: Event): Promise<void> {
    this.remember = (e.target as HTMLInputElement).checked;
    await saveSettings({ rememberRoomSecrets: this.remember });
  }

  private handleLeave(): void {
    this.link.close();
    // A reload must not rejoin a room the user left.
    if (this.params && roomFromParams(this.params))
      history.replaceState(null, '', `#/${this.tool}`);
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'connection-picker': ConnectionPicker;
  }
}
