import { LitElement, css, html } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import { localized, msg } from '@lit/localize';
import { sharedStyles } from '../ui/shared-styles';
import '../tools/bulk/bulk-panel';
import '../tools/file/ui/file-panel';
import '../tools/ice/ice-panel';
import '../tools/relay/relay-panel';
import '../tools/text/text-panel';
import './settings-view';
import './update-prompt';
import '../ui/wake-lock-note';
import { startDeviceIntegration } from '../device/device-integration';
import { hashFor, parseHash, tools, type Route, type ViewId } from './routes';

const styles = css`
  :host {
    display: block;
    min-height: 100vh;
    background: var(--dc-bg);
  }
  header {
    display: flex;
    align-items: center;
    gap: 1.5rem;
    padding: 0.6rem 1rem;
    border-bottom: 1px solid var(--dc-border);
    background: var(--dc-surface);
    flex-wrap: wrap;
  }
  .brand {
    font-weight: 700;
    font-size: 1.1rem;
    text-decoration: none;
    color: inherit;
  }
  nav ul {
    display: flex;
    gap: 0.25rem;
    list-style: none;
    margin: 0;
    padding: 0;
    flex-wrap: wrap;
  }
  nav a {
    display: block;
    padding: 0.3rem 0.7rem;
    border-radius: var(--dc-radius);
    color: inherit;
    text-decoration: none;
  }
  nav a[aria-current='page'] {
    background: var(--dc-accent);
    color: var(--dc-accent-fg);
  }
  .skip-link {
    position: absolute;
    left: 0.5rem;
    top: -3rem;
    z-index: 1;
  }
  .skip-link:focus {
    top: 0.5rem;
  }
  main {
    padding: 1rem;
    max-width: 72rem;
    margin: 0 auto;
  }
  .insecure {
    margin: 1rem;
    padding: 0.75rem;
    border: 1px solid var(--dc-warn);
    border-radius: var(--dc-radius);
  }
`;

/** The app shell: header, navigation between tools by hash route, and the current view. */
@customElement('dc-app')
@localized()
export class DcApp extends LitElement {
  static override styles = [sharedStyles, styles];

  // The page's wake lock, title, notifications and service worker; the lock's state is shown.
  private readonly wakeLock = startDeviceIntegration();

  @state() private route: Route = parseHash(location.hash);

  private readonly onHashChange = () => {
    this.route = parseHash(location.hash);
  };

  override connectedCallback(): void {
    super.connectedCallback();
    window.addEventListener('hashchange', this.onHashChange);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    window.removeEventListener('hashchange', this.onHashChange);
  }

  override render() {
    return html`
      <button class="skip-link" @click=${this.handleSkip}>${msg('Skip to the tool')}</button>
      <header>
        <a class="brand" href=${hashFor(tools[0].id)}>dckit</a>
        <nav aria-label=${msg('Tools')}>
          <ul>
            ${[...tools, { id: 'settings' as const, title: () => msg('Settings') }].map((t) =>
              this.renderLink(t.id, t.title()),
            )}
          </ul>
        </nav>
      </header>
      ${window.isSecureContext ? '' : this.renderInsecure()}
      <update-prompt></update-prompt>
      <wake-lock-note .lock=${this.wakeLock}></wake-lock-note>
      <main tabindex="-1">${this.renderView()}</main>
    `;
  }

  private renderLink(id: ViewId, title: string) {
    const current = this.route.view === id;
    return html`<li>
      <a href=${hashFor(id)} aria-current=${current ? 'page' : 'false'}>${title}</a>
    </li>`;
  }

  private renderView() {
    switch (this.route.view) {
      case 'text':
        return html`<text-panel .params=${this.route.params}></text-panel>`;
      case 'file':
        return html`<file-panel .params=${this.route.params}></file-panel>`;
      case 'bulk':
        return html`<bulk-panel .params=${this.route.params}></bulk-panel>`;
      case 'ice':
        return html`<ice-panel .params=${this.route.params}></ice-panel>`;
      case 'relay':
        return html`<relay-panel></relay-panel>`;
      case 'settings':
        return html`<settings-view></settings-view>`;
    }
  }

  private renderInsecure() {
    return html`<div class="insecure" role="alert">
      ${msg(
        html`This page is not a secure context (it was opened over plain http from another address), so the browser withholds encryption (WebCrypto) and file storage (OPFS) that rooms and files need. Open it over https instead: start it with <code translate="no">npm start -- --lan</code> and use the https address it prints, or use a copy deployed to an HTTPS host.`,
      )}
    </div>`;
  }

  /** The first Tab stop: past the header and its links, straight to the tool. */
  private handleSkip(): void {
    this.renderRoot.querySelector('main')?.focus();
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'dc-app': DcApp;
  }
}
