import { LitElement, css, html, nothing } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import { localized, msg } from '@lit/localize';
import type { ScreenWakeLock } from '../device/wake-lock';
import { sharedStyles } from './shared-styles';

const styles = css`
  :host {
    display: block;
  }
  p {
    margin: 0;
    padding: 0 1rem;
    font-size: 0.9rem;
  }
`;

/** Says whether the screen is kept on during a transfer: only what the browser granted. */
@customElement('wake-lock-note')
@localized()
export class WakeLockNote extends LitElement {
  static override styles = [sharedStyles, styles];

  /** The page's screen wake lock. */
  @property({ attribute: false }) lock: ScreenWakeLock | null = null;

  private readonly onChange = () => this.requestUpdate();
  private watched: ScreenWakeLock | null = null;

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.watch(null);
  }

  override willUpdate(): void {
    if (this.isConnected) this.watch(this.lock);
  }

  override render() {
    const state = this.lock?.state ?? 'off';
    const text = this.text(state);
    return html`<div aria-live="polite">
      ${text ? html`<p class=${state === 'refused' ? 'muted' : ''}>${text}</p>` : nothing}
    </div>`;
  }

  private text(state: ScreenWakeLock['state']): string {
    if (state === 'held') return msg('The screen stays on during the transfer.');
    if (state === 'refused')
      return msg('The browser did not keep the screen on: it may turn off during the transfer.');
    return '';
  }

  private watch(lock: ScreenWakeLock | null): void {
    if (this.watched === lock) return;
    this.watched?.removeEventListener('change', this.onChange);
    this.watched = lock;
    lock?.addEventListener('change', this.onChange);
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'wake-lock-note': WakeLockNote;
  }
}
