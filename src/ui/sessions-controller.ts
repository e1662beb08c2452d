import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { PeerSession } from '../rtc/peer-session';

/**
 * Bridges peer sessions to an element: re-renders it on every state change and closes the
 * sessions when the element leaves the page, so no connection outlives its tool.
 */
export class SessionsController implements ReactiveController {
  sessions: PeerSession[] = [];
  private readonly onChange = () => this.host.requestUpdate();

  constructor(private readonly host: ReactiveControllerHost) {
    host.addController(this);
  }

  /** Takes ownership of new sessions, closing any previous ones. */
  replace(sessions: PeerSession[]): void {
    this.closeAll();
    this.sessions = sessions;
    for (const s of sessions) s.addEventListener('statechange', this.onChange);
    this.host.requestUpdate();
  }

  closeAll(): void {
    for (const s of this.sessions) {
      s.close();
      s.removeEventListener('statechange', this.onChange);
    }
    this.sessions = [];
    this.host.requestUpdate();
  }

  hostConnected(): void {}

  hostDisconnected(): void {
    this.closeAll();
  }
}
