import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { PeerLink } from '../rtc/peer-link';

/**
 * Bridges a PeerLink to an element: re-renders it on every change (and calls `onChange`), and
 * closes the link when the element leaves the page, so no connection outlives its tool.
 */
export class LinkController implements ReactiveController {
  private readonly handle = () => {
    this.onChange?.();
    this.host.requestUpdate();
  };

  constructor(
    private readonly host: ReactiveControllerHost,
    readonly link: PeerLink,
    private readonly onChange?: () => void,
  ) {
    host.addController(this);
  }

  /** Closing the tab closes the connection properly, so the peer learns at once. */
  private readonly onPageHide = () => this.link.close();

  hostConnected(): void {
    this.link.addEventListener('change', this.handle);
    window.addEventListener('pagehide', this.onPageHide);
  }

  hostDisconnected(): void {
    this.link.removeEventListener('change', this.handle);
    window.removeEventListener('pagehide', this.onPageHide);
    this.link.close();
  }
}
