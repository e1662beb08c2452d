import { LitElement, css, html, nothing } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import { localized, msg, str } from '@lit/localize';
import { formatDateTime } from '../i18n/format';
import type { RecentRoom } from '../store/recent-rooms';
import { sharedStyles } from './shared-styles';

export type RoomEvent = CustomEvent<{ room: RecentRoom }>;

const styles = css`
  :host {
    display: block;
    margin-top: 0.75rem;
  }
  h2 {
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
@localized()
export class RecentRooms extends LitElement {
  static override styles = [sharedStyles, styles];

  /** Rooms to list, newest first; `secret` set where rejoining is possible. */
  @property({ attribute: false }) rooms: RecentRoom[] = [];

  override render() {
    if (this.rooms.length === 0) return nothing;
    return html`<section aria-labelledby="recent-h">
      <h2 id="recent-h">${msg('Recent rooms')}</h2>
      <ul>
        ${this.rooms.map((r) => this.renderRoom(r))}
      </ul>
    </section>`;
  }

  private renderRoom(room: RecentRoom) {
    const short = room.id.slice(0, 6);
    const when = formatDateTime(room.at);
    const state = stateName(room.state);
    return html`<li>
      <span class="what">
        <code translate="no">${short}</code> ·
        ${room.role === 'creator' ? msg(str`created ${when}`) : msg(str`joined ${when}`)} ·
        ${toolName(room.tool)} · ${msg(str`last ${state}`)}
      </span>
      ${
        room.secret
          ? html`<button
              aria-label=${msg(str`Rejoin room ${short}`)}
              @click=${() => this.fire('room-rejoin', room)}
            >
              ${msg('Rejoin')}
            </button>`
          : html`<span class="muted">${msg('secret not kept')}</span>`
      }
      <button
        aria-label=${msg(str`Forget room ${short}`)}
        @click=${() => this.fire('room-forget', room)}
      >
        ${msg('Forget')}
      </button>
    </li>`;
  }

  private fire(type: 'room-rejoin' | 'room-forget', room: RecentRoom): void {
    this.dispatchEvent(new CustomEvent(type, { detail: { room }, bubbles: true, composed: true }));
  }
}

/** The tool a room was used with, by its route name (the name itself when unknown). */
function toolName(tool: string): string {
  switch (tool) {
    case 'text':
      return msg('text');
    case 'file':
      return msg('file');
    case 'bulk':
      return msg('bulk');
    default:
      return tool;
  }
}

/** The last state a room was seen in, by its connection phase (the phase itself when unknown). */
function stateName(state: string): string {
  switch (state) {
    case 'idle':
      return msg('idle');
    case 'checking':
      return msg('checking');
    case 'waiting':
      return msg('waiting');
    case 'connecting':
      return msg('connecting');
    case 'connected':
      return msg('connected');
    case 'failed':
      return msg('failed');
    case 'closed':
      return msg('closed');
    default:
      return state;
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
