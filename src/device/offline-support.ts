import { msg } from '@lit/localize';

/**
 * Why this page cannot be installed or work offline, in one sentence, or '' when it can. Service
 * workers are missing in some browsers, in Firefox's private windows, and where turned off
 * (Firefox's dom.serviceWorkers.enabled); everything else works without them.
 */
export function serviceWorkersMissing(): string {
  if ('serviceWorker' in navigator) return '';
  return msg(
    'This browser runs no service workers for this page (a private window, or turned off), so dckit cannot be installed, work offline or take files shared from other apps here; everything else works.',
  );
}
