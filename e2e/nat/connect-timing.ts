import type { Page } from '@playwright/test';

/** Milestones of one RTCPeerConnection, in page milliseconds (performance.now()). */
export interface ConnectTimes {
  created: number;
  /** ICE began checking candidate pairs. */
  checking?: number;
  connected?: number;
}

declare global {
  interface Window {
    __natLabConnectTimes: ConnectTimes[];
  }
}

/**
 * Records when each RTCPeerConnection the page creates starts ICE checks and connects. The app
 * is untouched; only the constructor is observed.
 */
export async function recordConnectTimes(page: Page): Promise<void> {
  await page.addInitScript(() => {
    const Native = window.RTCPeerConnection;
    window.__natLabConnectTimes = [];
    window.RTCPeerConnection = class extends Native {
      constructor(config?: RTCConfiguration) {
        super(config);
        const times: ConnectTimes = { created: performance.now() };
        window.__natLabConnectTimes.push(times);
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

/** The last connection's time to connect, from its creation and from the first ICE check. */
export async function connectTimes(page: Page): Promise<{ total: number; ice: number }> {
  const times = await page.evaluate(() => window.__natLabConnectTimes.at(-1));
  if (times?.connected === undefined) throw new Error('no connected peer connection');
  return {
    total: times.connected - times.created,
    ice: times.connected - (times.checking ?? times.created),
  };
}
