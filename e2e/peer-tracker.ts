import type { Page } from '@playwright/test';

/** Milestones of one RTCPeerConnection, in page milliseconds (performance.now()). */
interface ConnectTimes {
  created: number;
  /** ICE began checking candidate pairs. */
  checking?: number;
  connected?: number;
}

declare global {
  interface Window {
    __peerConnections: { pc: RTCPeerConnection; times: ConnectTimes }[];
  }
}

/**
 * Records every RTCPeerConnection the page creates, with when it began ICE checks and connected,
 * so a test can check from the page itself whether the app closed them and how long connecting
 * took. The app's own code is untouched; only the constructor is observed.
 */
export async function trackPeerConnections(page: Page): Promise<void> {
  await page.addInitScript(() => {
    const Native = window.RTCPeerConnection;
    window.__peerConnections = [];
    window.RTCPeerConnection = class extends Native {
      constructor(config?: RTCConfiguration) {
        super(config);
        const times: ConnectTimes = { created: performance.now() };
        window.__peerConnections.push({ pc: this, times });
        this.addEventListener('iceconnectionstatechange', () => {
          if (this.iceConnectionState === 'checking') times.checking ??= performance.now();
        });
        this.addEventListener('connectionstatechange', () => {
          if (this.connectionState === 'connected') times.connected ??= performance.now();
        });
      }
    };
  });
}

/** signalingState of each tracked connection ('closed' once the app closed it). */
export function peerConnectionStates(page: Page): Promise<string[]> {
  return page.evaluate(() => window.__peerConnections.map(({ pc }) => pc.signalingState));
}

/** The last connection's time to connect, from its creation and from the first ICE check. */
export async function connectTimes(page: Page): Promise<{ total: number; ice: number }> {
  const times = await page.evaluate(() => window.__peerConnections.at(-1)?.times);
  if (times?.connected === undefined) throw new Error('no connected peer connection');
  return {
    total: times.connected - times.created,
    ice: times.connected - (times.checking ?? times.created),
  };
}
