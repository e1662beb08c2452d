import { LitElement, css, html, nothing } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import { localized, msg, str } from '@lit/localize';
import type { RoomPeer } from '../rtc/room-peer';
import { sharedStyles } from './shared-styles';

const styles = css`
  :host {
    display: block;
    margin-top: 0.5rem;
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
    flex-wrap: wrap;
    align-items: baseline;
    padding: 0.25rem 0;
    border-top: 1px solid var(--dc-border);
  }
  .name {
    font-weight: 600;
  }
  code {
    font-family: var(--dc-mono);
  }
`;

/** The other devices of a room: each one's name, state and verification code. */
@customElement('room-peers')
@localized()
export class RoomPeers extends LitElement {
  static override styles = [sharedStyles, styles];

  /** The link's peers, in the order they came. */
  @property({ attribute: false }) peers: RoomPeer[] = [];
  /** Whether this side created the room (it then lists every joiner). */
  @property({ type: Boolean }) creator = false;

  override render() {
    if (this.peers.length === 0) return nothing;
    return html`<section aria-labelledby="peers-h">
      <h2 id="peers-h">${this.creator ? msg('Devices in this room') : msg("The room's creator")}</h2>
      <ul aria-labelledby="peers-h">
        ${this.peers.map((p) => this.renderPeer(p))}
      </ul>
    </section>`;
  }

  private renderPeer(peer: RoomPeer) {
    const name = peer.name || msg('Unnamed device');
    const code = peer.verificationCode;
    return html`<li data-state=${peer.state}>
      <span class="name" translate="no">${name}</span>
      <span class=${peer.state === 'failed' ? 'error' : peer.state === 'connected' ? 'ok' : 'muted'}
        >${stateWords(peer)}</span
      >
      ${
        peer.state === 'connected'
          ? html`<span>${msg(str`Verification code: ${code}`)}</span>`
          : nothing
      }
    </li>`;
  }
}

function stateWords(peer: RoomPeer): string {
  const reason = peer.reason;
  switch (peer.state) {
    case 'connecting':
      return msg('Connecting…');
    case 'connected':
      return msg('Connected.');
    case 'left':
      return reason ? msg(str`Left: ${reason}`) : msg('Left.');
    case 'failed':
      return msg(str`Failed: ${reason}`);
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'room-peers': RoomPeers;
  }
}
