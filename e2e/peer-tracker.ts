import type { Page } from '@playwright/test';

declare global {
  interface Window {
    __peerConnections: RTCPeerConnection[];
  }
}

/**
 * Records every RTCPeerConnection the page creates, so a test can check from the page itself
 * whether the app closed them. The app's own code is untouched; only the constructor is observed.
 */
export async function trackPeerConnections(page: Page): Promise<void> {
  await page.addInitScript(() => {
    const Native = window.RTCPeerConnection;
    window.__peerConnections = [];
    window.RTCPeerConnection = class extends Native {
      constructor(config?: RTCConfiguration) {
        super(config);
        window.__peerConnections.push(this);
      }
    };
  });
}

/** signalingState of each tracked connection ('closed' once the app closed it). */
export function peerConnectionStates(page: Page): Promise<string[]> {
  return page.evaluate(() => window.__peerConnections.map((pc) => pc.signalingState));
}
