import { LitElement, css, html, nothing } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import { embeddedPipingUrl } from '../config';
import { checkPipingUrl } from '../signaling/piping-url';
import { loadSettings, saveSettings, settingsDefaults } from '../store/settings';
import { sharedStyles } from '../ui/shared-styles';

const styles = css`
  :host {
    display: block;
    max-width: 40rem;
  }
  form {
    display: grid;
    gap: 0.75rem;
  }
  label {
    font-weight: 600;
  }
  input[type='url'],
  select {
    width: 100%;
  }
  .hint {
    margin: 0;
    font-size: 0.9rem;
  }
`;

/** Settings: the piping-server used for rooms and the relay, and the signaling time-out. */
@customElement('settings-view')
export class SettingsView extends LitElement {
  static override styles = [sharedStyles, styles];

  @state() private pipingUrl = '';
  @state() private timeout = String(settingsDefaults.signalingTimeoutSeconds);
  @state() private policy: RTCIceTransportPolicy = settingsDefaults.iceTransportPolicy;
  @state() private message = '';
  @state() private problem = '';
  @state() private loaded = false;

  override async connectedCallback(): Promise<void> {
    super.connectedCallback();
    const s = await loadSettings();
    this.pipingUrl = s.pipingUrl || embeddedPipingUrl();
    this.timeout = String(s.signalingTimeoutSeconds);
    this.policy = s.iceTransportPolicy;
    this.loaded = true;
  }

  override render() {
    return html`
      <h1>Settings</h1>
      <form @submit=${this.handleSubmit} novalidate aria-busy=${String(!this.loaded)}>
        <label for="piping">Piping-server URL</label>
        <input
          id="piping"
          type="url"
          .value=${this.pipingUrl}
          aria-describedby="piping-hint settings-problem"
          aria-invalid=${this.problem ? 'true' : 'false'}
          @input=${(e: Event) => (this.pipingUrl = (e.target as HTMLInputElement).value)}
        />
        <p id="piping-hint" class="hint muted">
          Rooms and the relay go through this server. The default, ${embeddedPipingUrl()}, is the
          one served with this app; any piping-server (such as https://ppng.io) works the same.
        </p>
        <label for="timeout">Signaling time-out (seconds)</label>
        <input
          id="timeout"
          type="number"
          min="5"
          max="3600"
          step="1"
          .value=${this.timeout}
          @input=${(e: Event) => (this.timeout = (e.target as HTMLInputElement).value)}
        />
        <label for="policy">ICE transport policy for rooms</label>
        <select
          id="policy"
          .value=${this.policy}
          aria-describedby="policy-hint"
          @change=${(e: Event) =>
            (this.policy = (e.target as HTMLSelectElement).value as RTCIceTransportPolicy)}
        >
          <option value="all">all: direct paths first, TURN when needed</option>
          <option value="relay">relay: only through a TURN server</option>
        </select>
        <p id="policy-hint" class="hint muted">
          Rooms use the ICE server list of the Trickle ICE tool. "relay" hides your addresses from
          the peer but needs a working TURN server.
        </p>
        <div class="row">
          <button class="primary" type="submit">Save</button>
          <button type="button" @click=${this.handleRestore}>Restore default</button>
        </div>
        <p id="settings-problem" class="error" role="alert">${this.problem}</p>
        ${this.message ? html`<p class="ok" role="status">${this.message}</p>` : nothing}
      </form>
    `;
  }

  private async handleSubmit(e: Event): Promise<void> {
    e.preventDefault();
    this.message = '';
    const check = checkPipingUrl(this.pipingUrl, location.href);
    if (!check.ok) {
      this.problem = check.message;
      return;
    }
    const timeout = Number(this.timeout);
    if (!Number.isInteger(timeout) || timeout < 5 || timeout > 3600) {
      this.problem = 'The signaling time-out must be a whole number of seconds from 5 to 3600.';
      return;
    }
    this.problem = '';
    const pipingUrl = check.url === embeddedPipingUrl() ? '' : check.url;
    await saveSettings({
      pipingUrl,
      signalingTimeoutSeconds: timeout,
      iceTransportPolicy: this.policy,
    });
    this.pipingUrl = check.url;
    this.message = 'Saved.';
  }

  private async handleRestore(): Promise<void> {
    await saveSettings({ ...settingsDefaults });
    this.pipingUrl = embeddedPipingUrl();
    this.timeout = String(settingsDefaults.signalingTimeoutSeconds);
    this.policy = settingsDefaults.iceTransportPolicy;
    this.problem = '';
    this.message = 'Defaults restored.';
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'settings-view': SettingsView;
  }
}
