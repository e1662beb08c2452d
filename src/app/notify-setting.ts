import { LitElement, css, html } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import { localized, msg } from '@lit/localize';
import { loadSettings, saveSettings } from '../store/settings';
import { sharedStyles } from '../ui/shared-styles';

const styles = css`
  :host {
    display: block;
    margin-bottom: 1.5rem;
  }
  p {
    margin: 0.25rem 0 0;
    font-size: 0.9rem;
  }
`;

/**
 * Settings' notification switch. The browser is asked for permission only when the user turns
 * it on, never before.
 */
@customElement('notify-setting')
@localized()
export class NotifySetting extends LitElement {
  static override styles = [sharedStyles, styles];

  @state() private on = false;
  @state() private message = '';

  override async connectedCallback(): Promise<void> {
    super.connectedCallback();
    const { notifyWhenHidden } = await loadSettings();
    this.on = notifyWhenHidden && supported() && Notification.permission === 'granted';
  }

  override render() {
    const available = supported();
    return html`<label class="row"
        ><input
          type="checkbox"
          .checked=${this.on}
          ?disabled=${!available}
          aria-describedby="notify-hint"
          @change=${this.handleChange}
        />
        ${msg('Notify me when a transfer ends while this tab is hidden')}</label
      >
      <p id="notify-hint" class="muted">
        ${
          available
            ? msg('The browser asks for your permission the first time you turn this on.')
            : msg('This browser cannot show notifications.')
        }
      </p>
      <p class="ok" aria-live="polite">${this.message}</p>`;
  }

  private async handleChange(e: Event): Promise<void> {
    const box = e.target as HTMLInputElement;
    const wanted = box.checked;
    const on =
      wanted &&
      (Notification.permission === 'granted' ||
        (await Notification.requestPermission()) === 'granted');
    box.checked = on;
    this.on = on;
    await saveSettings({ notifyWhenHidden: on });
    this.message = on
      ? msg('Notifications are on.')
      : wanted
        ? msg('The browser refused: notifications are blocked for this site in its settings.')
        : msg('Notifications are off.');
  }
}

function supported(): boolean {
  return typeof Notification !== 'undefined';
}

declare global {
  interface HTMLElementTagNameMap {
    'notify-setting': NotifySetting;
  }
}
