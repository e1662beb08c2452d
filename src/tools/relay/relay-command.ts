import { LitElement, css, html } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { localized, msg } from '@lit/localize';
import { sharedStyles } from '../../ui/shared-styles';

const styles = css`
  :host {
    display: flex;
    gap: 0.5rem;
    align-items: center;
    margin: 0.5rem 0;
  }
  code {
    flex: 1;
    font-family: var(--dc-mono);
    font-size: 0.85rem;
    background: var(--dc-bg);
    border: 1px solid var(--dc-border);
    border-radius: var(--dc-radius);
    padding: 0.3rem 0.5rem;
    overflow-wrap: anywhere;
  }
`;

/** A shell command the other side runs, with a Copy button that says when it copied. */
@customElement('relay-command')
@localized()
export class RelayCommand extends LitElement {
  static override styles = [sharedStyles, styles];

  @state() private copied = false;

  /** The command line. */
  @property() command = '';
  /** Its accessible name ("Command to receive"). */
  @property() label = '';
  /** What the live region says once copied (default "Command copied."). */
  @property() done?: string;

  protected override willUpdate(changed: Map<string, unknown>): void {
    if (changed.has('command')) this.copied = false;
  }

  override render() {
    return html`<code translate="no" aria-label=${this.label}>${this.command}</code>
      <button @click=${this.handleCopy}>${msg('Copy command')}</button>
      <span aria-live="polite">${this.copied ? (this.done ?? msg('Command copied.')) : ''}</span>`;
  }

  private async handleCopy(): Promise<void> {
    await navigator.clipboard.writeText(this.command);
    this.copied = true;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'relay-command': RelayCommand;
  }
}
