import { serviceWorkersMissing } from '../device/offline-support';
import { LitElement, css, html, nothing } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import { localized, msg, str } from '@lit/localize';
import { embeddedPipingUrl } from '../config';
import { applyLocale, localeNames, locales } from '../i18n/locale';
import { PEER_NAME_MAX, cleanPeerName } from '../rtc/peer-name';
import { checkPipingUrl } from '../signaling/piping-url';
import { deviceTag, generatedName } from '../ui/room-settings';
import {
  FILE_MESSAGE_KIB,
  FILE_SPEED_LIMITS_MB,
  isPartialMaxAge,
  loadSettings,
  PARTIAL_MAX_AGE_DAYS,
  saveSettings,
  settingsDefaults,
} from '../store/settings';
import { sharedStyles } from '../ui/shared-styles';
import './notify-setting';

const styles = css`
  :host {
    display: block;
    max-width: 40rem;
  }
  form,
  fieldset.fields {
    display: grid;
    gap: 0.75rem;
  }
  fieldset.fields {
    border: 0;
    margin: 0;
    padding: 0;
    min-width: 0;
  }
  label {
    font-weight: 600;
  }
  input[type='url'],
  select {
    width: 100%;
  }
  .language {
    display: grid;
    gap: 0.5rem;
    margin-bottom: 1.5rem;
  }
  .language p {
    margin: 0;
  }
  .hint {
    margin: 0;
    font-size: 0.9rem;
  }
`;

/** Settings: the piping-server used for rooms and the relay, and the signaling time-out. */
@customElement('settings-view')
@localized()
export class SettingsView extends LitElement {
  static override styles = [sharedStyles, styles];

  @state() private pipingUrl = '';
  @state() private timeout = String(settingsDefaults.signalingTimeoutSeconds);
  @state() private keepDays = String(settingsDefaults.partialMaxAgeDays);
  @state() private policy: RTCIceTransportPolicy = settingsDefaults.iceTransportPolicy;
  @state() private messageKiB = settingsDefaults.fileMessageKiB;
  @state() private speedLimitMB = settingsDefaults.fileSpeedLimitMB;
  @state() private message = '';
  @state() private problem = '';
  @state() private loaded = false;
  @state() private language = '';
  @state() private deviceName = '';
  /** The tag of the generated name, shown while no name is set. */
  @state() private tag = '';
  @state() private languageMessage = '';

  override async connectedCallback(): Promise<void> {
    super.connectedCallback();
    const s = await loadSettings();
    this.pipingUrl = s.pipingUrl || embeddedPipingUrl();
    this.timeout = String(s.signalingTimeoutSeconds);
    this.policy = s.iceTransportPolicy;
    this.language = s.language;
    this.deviceName = s.deviceName;
    this.keepDays = String(s.partialMaxAgeDays);
    this.messageKiB = s.fileMessageKiB;
    this.speedLimitMB = s.fileSpeedLimitMB;
    this.tag = await deviceTag(s);
    this.loaded = true;
  }

  /** Said here, where people look for what the app can do, when it cannot work offline. */
  private renderOffline() {
    const missing = serviceWorkersMissing();
    return missing ? html`<p class="error" role="note">${missing}</p>` : nothing;
  }

  override render() {
    return html`
      <h1>${msg('Settings')}</h1>
      ${this.renderOffline()}
      ${this.renderLanguage()}
      <notify-setting></notify-setting>
      <form @submit=${this.handleSubmit} novalidate aria-busy=${String(!this.loaded)}>
        <!-- Nothing to edit or save until the stored settings are shown: typing would be
        overwritten by them, and Save would store the defaults over them. -->
        <fieldset class="fields" ?disabled=${!this.loaded}>
          <label for="piping">${msg('Piping-server URL')}</label>
          <input
            id="piping"
            type="url"
            .value=${this.pipingUrl}
            aria-describedby="piping-hint settings-problem"
            aria-invalid=${this.problem ? 'true' : 'false'}
            @input=${(e: Event) => (this.pipingUrl = (e.target as HTMLInputElement).value)}
          />
          <p id="piping-hint" class="hint muted">
            ${msg(
              str`Rooms and the relay go through this server. The default, ${embeddedPipingUrl()}, is the one served with this app; any piping-server (such as https://ppng.io) works the same.`,
            )}
          </p>
          <label for="device-name">${msg('Device name')}</label>
          <input
            id="device-name"
            maxlength=${PEER_NAME_MAX}
            autocomplete="off"
            .value=${this.deviceName}
            placeholder=${this.tag ? generatedName(this.tag) : ''}
            aria-describedby="device-name-hint"
            @input=${(e: Event) => (this.deviceName = (e.target as HTMLInputElement).value)}
          />
          <p id="device-name-hint" class="hint muted">
            ${msg('The other devices in a room see this name. Leave it empty for the one shown.')}
          </p>
          <label for="timeout">${msg('Signaling time-out (seconds)')}</label>
          <input
            id="timeout"
            type="number"
            min="5"
            max="3600"
            step="1"
            .value=${this.timeout}
            @input=${(e: Event) => (this.timeout = (e.target as HTMLInputElement).value)}
          />
          <label for="keep-days">${msg('Keep interrupted transfers for (days)')}</label>
          <input
            id="keep-days"
            type="number"
            min=${PARTIAL_MAX_AGE_DAYS.min}
            max=${PARTIAL_MAX_AGE_DAYS.max}
            step="1"
            .value=${this.keepDays}
            aria-describedby="keep-days-hint settings-problem"
            @input=${(e: Event) => (this.keepDays = (e.target as HTMLInputElement).value)}
          />
          <p id="keep-days-hint" class="hint muted">
            ${msg(
              'The part of a file received before a transfer broke is kept so it can resume; after this many days untouched, it is deleted.',
            )}
          </p>
          <label for="message-size">${msg('File message size')}</label>
          <select
            id="message-size"
            .value=${String(this.messageKiB)}
            aria-describedby="message-size-hint"
            @change=${(e: Event) => (this.messageKiB = Number((e.target as HTMLSelectElement).value))}
          >
            ${FILE_MESSAGE_KIB.map(
              (kib) =>
                html`<option value=${kib} ?selected=${kib === this.messageKiB}>
                  ${kib === 16 ? msg('16 KiB (as in the WebRTC sample)') : msg(str`${kib} KiB`)}
                </option>`,
            )}
          </select>
          <p id="message-size-hint" class="hint muted">
            ${msg(
              'How many bytes of a file go in one data-channel message. Larger messages can be faster; a connection that takes less (its maxMessageSize) gets its own limit.',
            )}
          </p>
          <label for="speed-limit">${msg('File speed limit')}</label>
          <select
            id="speed-limit"
            .value=${String(this.speedLimitMB)}
            aria-describedby="speed-limit-hint"
            @change=${(e: Event) =>
              (this.speedLimitMB = Number((e.target as HTMLSelectElement).value))}
          >
            ${FILE_SPEED_LIMITS_MB.map(
              (mb) =>
                html`<option value=${mb} ?selected=${mb === this.speedLimitMB}>
                  ${mb === 0 ? msg('No limit') : msg(str`${mb} MB/s`)}
                </option>`,
            )}
          </select>
          <p id="speed-limit-hint" class="hint muted">
            ${msg(
              'The fastest this device sends a file, so that a shared or metered link stays usable for other things. 1 MB/s is 8 Mbit/s.',
            )}
          </p>
          <label for="policy">${msg('ICE transport policy for rooms')}</label>
          <select
            id="policy"
            .value=${this.policy}
            aria-describedby="policy-hint"
            @change=${(e: Event) =>
              (this.policy = (e.target as HTMLSelectElement).value as RTCIceTransportPolicy)}
          >
            <option value="all">${msg('all: direct paths first, TURN when needed')}</option>
            <option value="relay">${msg('relay: only through a TURN server')}</option>
          </select>
          <p id="policy-hint" class="hint muted">
            ${msg(
              'Rooms use the ICE server list of the Trickle ICE tool. "relay" hides your addresses from the peer but needs a working TURN server.',
            )}
          </p>
          <div class="row">
            <button class="primary" type="submit">${msg('Save')}</button>
            <button type="button" @click=${this.handleRestore}>${msg('Restore default')}</button>
          </div>
        </fieldset>
        <p id="settings-problem" class="error" role="alert">${this.problem}</p>
        ${this.message ? html`<p class="ok" role="status">${this.message}</p>` : nothing}
      </form>
    `;
  }

  private renderLanguage() {
    return html`
      <div class="language">
        <label for="language">${msg('Language')}</label>
        <select id="language" .value=${this.language} @change=${this.handleLanguage}>
          <option value="" ?selected=${this.language === ''}>
            ${msg('As the browser prefers')}
          </option>
          ${locales.map(
            (code) =>
              html`<option value=${code} lang=${code} ?selected=${this.language === code}>
                ${localeNames[code]}
              </option>`,
          )}
        </select>
        <p class="ok" role="status">${this.languageMessage}</p>
      </div>
    `;
  }

  private async handleLanguage(e: Event): Promise<void> {
    this.language = (e.target as HTMLSelectElement).value;
    await saveSettings({ language: this.language });
    await applyLocale(this.language);
    this.languageMessage = msg('Language saved.');
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
      this.problem = msg(
        'The signaling time-out must be a whole number of seconds from 5 to 3600.',
      );
      return;
    }
    const keepDays = Number(this.keepDays);
    if (!isPartialMaxAge(keepDays)) {
      const { min, max } = PARTIAL_MAX_AGE_DAYS;
      this.problem = msg(
        str`Interrupted transfers are kept for a whole number of days from ${min} to ${max}.`,
      );
      return;
    }
    this.problem = '';
    const pipingUrl = check.url === embeddedPipingUrl() ? '' : check.url;
    await saveSettings({
      pipingUrl,
      signalingTimeoutSeconds: timeout,
      iceTransportPolicy: this.policy,
      deviceName: cleanPeerName(this.deviceName),
      partialMaxAgeDays: keepDays,
      fileMessageKiB: this.messageKiB,
      fileSpeedLimitMB: this.speedLimitMB,
    });
    this.deviceName = cleanPeerName(this.deviceName);
    this.pipingUrl = check.url;
    this.message = msg('Saved.');
  }

  private async handleRestore(): Promise<void> {
    // The notification switch follows a browser permission: it is not reset with the rest.
    const { deviceTag, deviceId, notifyWhenHidden } = await loadSettings();
    await saveSettings({
      ...settingsDefaults,
      language: this.language,
      deviceTag,
      deviceId,
      notifyWhenHidden,
    });
    this.deviceName = '';
    this.pipingUrl = embeddedPipingUrl();
    this.timeout = String(settingsDefaults.signalingTimeoutSeconds);
    this.policy = settingsDefaults.iceTransportPolicy;
    this.keepDays = String(settingsDefaults.partialMaxAgeDays);
    this.messageKiB = settingsDefaults.fileMessageKiB;
    this.speedLimitMB = settingsDefaults.fileSpeedLimitMB;
    this.problem = '';
    this.message = msg('Defaults restored.');
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'settings-view': SettingsView;
  }
}
