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

  hostConnected(): void {
    this.link.addEventListener('change', this.handle);
  }

  hostDisconnected(): void {
    this.link.removeEventListener('change', this.handle);
    this.link.close();
  }
}
