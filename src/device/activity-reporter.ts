import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { activity, type TransferSnapshot } from './activity';

/**
 * Reports a tool's transfers to the page's activity registry after each of its renders (every
 * progress step re-renders it), and none once it leaves the page (which closes its connections).
 */
export class ActivityReporter implements ReactiveController {
  constructor(
    host: ReactiveControllerHost,
    private readonly source: string,
    private readonly snapshot: () => TransferSnapshot[],
  ) {
    host.addController(this);
  }

  hostUpdated(): void {
    activity.report(this.source, this.snapshot());
  }

  hostDisconnected(): void {
    activity.report(this.source, []);
  }
}
