import { LitElement, html } from 'lit';
import { customElement, query, state } from 'lit/decorators.js';
import { localized, msg } from '@lit/localize';
import { effectivePipingUrl } from '../../config';
import { loadSettings } from '../../store/settings';
import '../../ui/received-files';
import type { ReceivedFiles } from '../../ui/received-files';
import { sharedStyles } from '../../ui/shared-styles';
import { styles } from './relay-panel.styles';
import './relay-receiver';
import './relay-sender';

/**
 * The relay tool: send and receive through the piping-server itself, so `curl` can be the
 * other side, or when WebRTC cannot connect.
 */
@customElement('relay-panel')
@localized()
export class RelayPanel extends LitElement {
  static override styles = [sharedStyles, styles];

  @query('received-files') private receivedList!: ReceivedFiles;

  @state() private server = '';

  override connectedCallback(): void {
    super.connectedCallback();
    void loadSettings().then((s) => (this.server = effectivePipingUrl(s.pipingUrl)));
  }

  override render() {
    const server = this.server;
    return html`
      <h1 class="visually-hidden">${msg('Relay')}</h1>
      <p>
        ${msg(
          html`Through <code translate="no">${server}</code> (change it in <a href="#/settings">Settings</a>). Unless you set a passphrase, what goes through the relay is not encrypted end to end: the server can read it.`,
        )}
      </p>
      <div class="grid">
        <relay-sender .server=${this.server}></relay-sender>
        <relay-receiver
          .server=${this.server}
          @relay-received=${() => void this.receivedList?.refresh()}
        ></relay-receiver>
      </div>
      <received-files></received-files>
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'relay-panel': RelayPanel;
  }
}
