import { LitElement, css, html, nothing } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import type { RecentRoom } from '../store/recent-rooms';
import { sharedStyles } from './shared-styles';

export type RoomEvent = CustomEvent<{ room: RecentRoom }>;

const styles = css`
  :host {
    display: block;
    margin-top: 0.75rem;
  }
  h3 {
    font-size: 0.95rem;
    margin: 0 0 0.25rem;
  }
  ul {
    list-style: none;
    padding: 0;
    margin: 0;
  }
  li {
    display: flex;
    gap: 0.5rem;
    align-items: center;
    flex-wrap: wrap;
    padding: 0.25rem 0;
    border-top: 1px solid var(--dc-border);
  }
  .what {
    flex: 1 1 16rem;
  }
  code {
    font-family: var(--dc-mono);
  }
`;

/**
 * Rooms this browser created or joined, with Rejoin (when the secret is known) and Forget.
 *
 * @fires room-rejoin - RoomEvent: the user asked to rejoin a room
 * @fires room-forget - RoomEvent: the user removed a room from the list
 */
@customElement('recent-rooms')
export class RecentRooms extends LitElement {
  static override styles = [sharedStyles, styles];

  /** Rooms to list, newest first; `secret` set where rejoining is possible. */
  @property({ attribute: false }) rooms: RecentRoom[] = [];

  override render() {
    if (this.rooms.length === 0) return nothing;
    return html`<section aria-labelledby="recent-h">
      <h3 id="recent-h">Recent rooms</h3>
      <ul>
        ${this.rooms.map((r) => this.renderRoom(r))}
      </ul>
    </section>`;
  }

  private renderRoom(room: RecentRoom) {
    const name = `room ${room.id.slice(0, 6)}`;
    return html`<li>
      <span class="what">
        <code>${room.id.slice(0, 6)}</code> · ${room.role === 'creator' ? 'created' : 'joined'}
        ${new Date(room.at).toLocaleString()} · ${room.tool} · last ${room.state}
      </span>
      ${
        room.secret
          ? html`<button aria-label="Rejoin ${name}" @click=${() => this.fire('room-rejoin', room)}>
              Rejoin
            </button>`
          : html`<span class="muted">secret not kept</span>`
      }
      <button aria-label="Forget ${name}" @click=${() => this.fire('room-forget', room)}>
        Forget
      </button>
    </li>`;
  }

  private fire(type: 'room-rejoin' | 'room-forget', room: RecentRoom): void {
    this.dispatchEvent(new CustomEvent(type, { detail: { room }, bubbles: true, composed: true }));
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'recent-rooms': RecentRooms;
  }
  interface HTMLElementEventMap {
    'room-rejoin': RoomEvent;
    'room-forget': RoomEvent;
  }
}
