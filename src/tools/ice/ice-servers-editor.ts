import { LitElement, css, html, nothing } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import { localized, msg, str } from '@lit/localize';
import {
  loadIceServers,
  resetIceServers,
  saveIceServers,
  type IceServerEntry,
} from '../../store/ice-servers';
import { sharedStyles } from '../../ui/shared-styles';
import { checkServer } from './ice-url';

export type ServersChangeEvent = CustomEvent<{ selected: IceServerEntry[] }>;

const styles = css`
  :host {
    display: block;
  }
  ul {
    list-style: none;
    padding: 0;
    margin: 0 0 0.75rem;
  }
  li {
    display: flex;
    gap: 0.5rem;
    align-items: center;
    flex-wrap: wrap;
    padding: 0.3rem 0;
    border-bottom: 1px solid var(--dc-border);
  }
  li.editing {
    background: color-mix(in srgb, var(--dc-accent) 12%, transparent);
  }
  .url {
    font-family: var(--dc-mono);
    flex: 1 1 14rem;
    overflow-wrap: anywhere;
  }
  .cred {
    font-family: var(--dc-mono);
    color: var(--dc-muted);
  }
  .form {
    display: grid;
    grid-template-columns: max-content minmax(0, 1fr);
    gap: 0.4rem 0.75rem;
    align-items: center;
    max-width: 40rem;
  }
`;

/**
 * The ICE server list (shared with rooms): add, edit, remove, reset to defaults, choose which
 * to use; stored in IndexedDB. Credentials show as dots until revealed.
 *
 * @fires servers-change - ServersChangeEvent: the servers selected for gathering
 */
@customElement('ice-servers-editor')
@localized()
export class IceServersEditor extends LitElement {
  static override styles = [sharedStyles, styles];

  @state() private servers: IceServerEntry[] = [];
  @state() private unselected = new Set<string>();
  @state() private editing: number | null = null;
  @state() private url = '';
  @state() private username = '';
  @state() private credential = '';
  /** The credential field holds a TURN REST shared secret. */
  @state() private useSecret = false;
  @state() private problem = '';
  @state() private reveal = false;

  override async connectedCallback(): Promise<void> {
    super.connectedCallback();
    this.servers = await loadIceServers();
    this.announce();
  }

  override render() {
    return html`
      <ul aria-label=${msg('ICE servers')}>
        ${
          this.servers.length === 0
            ? html`<li class="muted">${msg('No servers: only host candidates will appear.')}</li>`
            : nothing
        }
        ${this.servers.map((s, i) => this.renderServer(s, i))}
      </ul>
      <div class="form" @keydown=${this.handleFormKey}>
        <label for="ice-url">${msg('Server URL')}</label>
        <input
          id="ice-url"
          .value=${this.url}
          placeholder=${msg('stun:stun.example.org:3478 or turn:…')}
          aria-describedby="ice-problem"
          @input=${(e: Event) => (this.url = value(e))}
        />
        <label for="ice-user">${msg('Username')}</label>
        <input
          id="ice-user"
          .value=${this.username}
          autocomplete="off"
          @input=${(e: Event) => (this.username = value(e))}
        />
        <label for="ice-cred">${this.useSecret ? msg('Shared secret') : msg('Credential')}</label>
        <input
          id="ice-cred"
          type=${this.reveal ? 'text' : 'password'}
          .value=${this.credential}
          autocomplete="off"
          aria-describedby=${this.useSecret ? 'ice-secret-hint' : nothing}
          @input=${(e: Event) => (this.credential = value(e))}
        />
        <span></span>
        <label
          ><input
            type="checkbox"
            .checked=${this.useSecret}
            @change=${(e: Event) => (this.useSecret = (e.target as HTMLInputElement).checked)}
          />
          ${msg('TURN REST: the credential is a shared secret')}</label
        >
      </div>
      ${
        this.useSecret
          ? html`<p id="ice-secret-hint" class="muted">
              ${msg(
                "Each use computes a time-limited username (expiry:username) and credential (HMAC-SHA1 of it with the secret), valid for 24 hours, as coturn's --use-auth-secret expects. The username may stay empty.",
              )}
            </p>`
          : nothing
      }
      <p id="ice-problem" class="error" role="alert">${this.problem}</p>
      <div class="row">
        ${
          this.editing === null
            ? html`<button class="primary" @click=${this.handleAdd}>${msg('Add server')}</button>`
            : html`<button class="primary" @click=${this.handleSave}>${msg('Save changes')}</button>
                <button @click=${this.clearForm}>${msg('Cancel edit')}</button>`
        }
        <button @click=${this.handleReset}>${msg('Reset to defaults')}</button>
        <label
          ><input
            type="checkbox"
            .checked=${this.reveal}
            @change=${(e: Event) => (this.reveal = (e.target as HTMLInputElement).checked)}
          />
          ${msg('Show credentials')}</label
        >
      </div>
    `;
  }

  private renderServer(s: IceServerEntry, i: number) {
    const hidden = s.secret ?? s.credential;
    const cred = hidden ? (this.reveal ? hidden : '•'.repeat(8)) : '';
    const url = s.url;
    const user = s.username || msg('(no username)');
    return html`<li class=${this.editing === i ? 'editing' : ''}>
      <input
        type="checkbox"
        aria-label=${msg(str`Use ${url}`)}
        .checked=${!this.unselected.has(s.url)}
        @change=${(e: Event) => this.handleToggle(s.url, (e.target as HTMLInputElement).checked)}
      />
      <span class="url" translate="no">${s.url}</span>
      ${
        s.secret !== undefined
          ? html`<span class="cred">${msg(str`${user} / ${cred} (TURN REST secret)`)}</span>`
          : s.username
            ? html`<span class="cred" translate="no">${s.username} / ${cred}</span>`
            : nothing
      }
      <button aria-label=${msg(str`Edit ${url}`)} @click=${() => this.handleEdit(i)}>
        ${msg('Edit')}
      </button>
      <button aria-label=${msg(str`Remove ${url}`)} @click=${() => this.handleRemove(i)}>
        ${msg('Remove')}
      </button>
    </li>`;
  }

  private entry(): IceServerEntry | null {
    const entry: IceServerEntry = {
      url: this.url.trim(),
      ...(this.username ? { username: this.username } : {}),
      ...(this.useSecret
        ? { secret: this.credential }
        : this.credential
          ? { credential: this.credential }
          : {}),
    };
    const check = checkServer(entry);
    if (!check.ok) {
      this.problem = check.message;
      return null;
    }
    this.problem = '';
    return entry;
  }

  /** Enter in a text field submits the form, as in any form. */
  private handleFormKey(e: KeyboardEvent): void {
    const field = e.target as HTMLInputElement;
    if (e.key !== 'Enter' || field.type === 'checkbox') return;
    e.preventDefault();
    void (this.editing === null ? this.handleAdd() : this.handleSave());
  }

  private async handleAdd(): Promise<void> {
    const entry = this.entry();
    if (!entry) return;
    if (this.servers.some((s) => s.url === entry.url)) {
      const url = entry.url;
      this.problem = msg(str`${url} is already in the list: edit it instead.`);
      return;
    }
    // The fields empty at once: what the user types next is not wiped when the save ends.
    this.clearForm();
    await this.commit([...this.servers, entry]);
  }

  private async handleSave(): Promise<void> {
    const entry = this.entry();
    if (!entry || this.editing === null) return;
    const next = [...this.servers];
    next[this.editing] = entry;
    this.clearForm();
    await this.commit(next);
  }

  private handleEdit(i: number): void {
    const s = this.servers[i];
    this.editing = i;
    this.url = s.url;
    this.username = s.username ?? '';
    this.credential = s.secret ?? s.credential ?? '';
    this.useSecret = s.secret !== undefined;
    this.problem = '';
  }

  private async handleRemove(i: number): Promise<void> {
    if (this.editing !== null) this.clearForm();
    await this.commit(this.servers.filter((_, j) => j !== i));
  }

  private async handleReset(): Promise<void> {
    this.clearForm();
    this.servers = await resetIceServers();
    this.unselected = new Set();
    this.announce();
  }

  private handleToggle(url: string, on: boolean): void {
    const next = new Set(this.unselected);
    if (on) next.delete(url);
    else next.add(url);
    this.unselected = next;
    this.announce();
  }

  private readonly clearForm = () => {
    this.editing = null;
    this.url = this.username = this.credential = '';
    this.useSecret = false;
    this.problem = '';
  };

  /**
   * Shows and uses `servers` at once, then stores them. A failed save keeps the list as shown (it
   * is lost only when the page closes) and says so.
   */
  private async commit(servers: IceServerEntry[]): Promise<void> {
    this.servers = servers;
    this.announce();
    try {
      await saveIceServers(servers);
    } catch (error) {
      const why = error instanceof Error || error instanceof DOMException ? error.message : '';
      this.problem = msg(
        str`The server list could not be saved in this browser: ${why} It stays as shown until this page is closed.`,
      );
    }
  }

  private announce(): void {
    const selected = this.servers.filter((s) => !this.unselected.has(s.url));
    this.dispatchEvent(
      new CustomEvent('servers-change', { detail: { selected }, bubbles: true, composed: true }),
    );
  }
}

function value(e: Event): string {
  return (e.target as HTMLInputElement).value;
}

declare global {
  interface HTMLElementTagNameMap {
    'ice-servers-editor': IceServersEditor;
  }
  interface HTMLElementEventMap {
    'servers-change': ServersChangeEvent;
  }
}
