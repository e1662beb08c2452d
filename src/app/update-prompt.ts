import { LitElement, css, html, nothing } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import { localized, msg } from '@lit/localize';
import { activity } from '../device/activity';
import { updates } from '../device/updates';
import { sharedStyles } from '../ui/shared-styles';

const styles = css`
  :host {
    display: block;
  }
  .card {
    margin: 0.75rem 1rem 0;
  }
  p {
    margin: 0;
  }
`;

/**
 * Offers a new version of the app once its service worker waits. Applying it reloads the page,
 * so while a transfer runs the button stays disabled and says it waits for the end.
 */
@customElement('update-prompt')
@localized()
export class UpdatePrompt extends LitElement {
  static override styles = [sharedStyles, styles];

  @state() private waiting = updates.waiting;
  @state() private busy = activity.busy;
  @state() private applying = false;

  private readonly stops: (() => void)[] = [];

  override connectedCallback(): void {
    super.connectedCallback();
    this.stops.push(
      updates.subscribe(() => (this.waiting = updates.waiting)),
      activity.subscribe(() => (this.busy = activity.busy)),
    );
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    for (const stop of this.stops.splice(0)) stop();
  }

  override render() {
    // The live region is always there, so what appears in it is announced.
    return html`<div aria-live="polite">${this.waiting ? this.renderPrompt() : nothing}</div>`;
  }

  private renderPrompt() {
    return html`<div class="card row">
      <p id="update-note">
        ${
          this.busy
            ? msg(
                'A new version of dckit is ready. It will be offered when the transfer ends, since reloading would cut it.',
              )
            : msg('A new version of dckit is ready.')
        }
      </p>
      <button
        class="primary"
        aria-describedby="update-note"
        ?disabled=${this.busy || this.applying}
        @click=${this.handleUpdate}
      >
        ${msg('Reload to update')}
      </button>
    </div>`;
  }

  private async handleUpdate(): Promise<void> {
    if (activity.busy) return;
    this.applying = true;
    await updates.update();
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'update-prompt': UpdatePrompt;
  }
}
