import { LitElement, css, html } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { localized, msg } from '@lit/localize';
import './qr-code';
import { sharedStyles } from './shared-styles';

const styles = css`
  :host {
    display: block;
  }
  .share {
    display: flex;
    gap: 1rem;
    flex-wrap: wrap;
    align-items: flex-start;
    margin-top: 0.5rem;
  }
  .share .linkbox {
    flex: 1 1 20rem;
    display: grid;
    gap: 0.35rem;
  }
  .share input {
    width: 100%;
    font-family: var(--dc-mono);
    font-size: 0.85rem;
  }
`;

/** A new room's link to pass on: the link itself, Copy link, and its QR code. */
@customElement('room-share')
@localized()
export class RoomShare extends LitElement {
  static override styles = [sharedStyles, styles];

  @state() private copied = false;

  /** The room link. */
  @property() url = '';

  /** Focuses the link (after Create room), once it is rendered. */
  override focus(options?: FocusOptions): void {
    void this.updateComplete.then(() =>
      this.renderRoot.querySelector<HTMLInputElement>('#room-link')?.focus(options),
    );
  }

  protected override willUpdate(changed: Map<string, unknown>): void {
    if (changed.has('url')) this.copied = false;
  }

  override render() {
    const url = this.url;
    return html`<div class="share">
      <div class="linkbox">
        <label for="room-link">${msg('Room link: open it on the other device')}</label>
        <input
          id="room-link"
          readonly
          translate="no"
          .value=${url}
          @focus=${(e: Event) => (e.target as HTMLInputElement).select()}
        />
        <div class="row">
          <button @click=${this.handleCopy}>${msg('Copy link')}</button>
          <span aria-live="polite">${this.copied ? msg('Copied.') : ''}</span>
        </div>
      </div>
      <qr-code .text=${url} label=${msg('QR code of the room link')}></qr-code>
    </div>`;
  }

  private async handleCopy(): Promise<void> {
    await navigator.clipboard.writeText(this.url);
    this.copied = true;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'room-share': RoomShare;
  }
}
