import type { Page } from '@playwright/test';
import { describePath, selectedPair, type CandidateSummary } from '../../src/rtc/stats';

declare global {
  interface Window {
    __natLabPeers: RTCPeerConnection[];
  }
}

/** Keeps every RTCPeerConnection the page creates, for `pathOf`. The app is untouched. */
export async function recordPeers(page: Page): Promise<void> {
  await page.addInitScript(() => {
    const Native = window.RTCPeerConnection;
    window.__natLabPeers = [];
    window.RTCPeerConnection = class extends Native {
      constructor(config?: RTCConfiguration) {
        super(config);
        window.__natLabPeers.push(this);
      }
    };
  });
}

/** The selected pair's ends and the data's path, in the words of the Connection details panel. */
export interface PeerPath {
  local: string;
  remote: string;
  path: string;
}

/**
 * The page's last connection's selected pair, read from its live stats and worded by the app's
 * own code (src/rtc/stats.ts, which the Connection details panel renders). The File tool shows
 * no Connection details panel (only the Text tool does), so its rooms are read this way.
 */
export async function pathOf(page: Page): Promise<PeerPath | null> {
  const stats = await page.evaluate(async () => {
    const pc = window.__natLabPeers.at(-1);
    if (!pc || pc.connectionState === 'closed') return [];
    return [...(await pc.getStats()).values()] as Record<string, unknown>[];
  });
  const report = new Map(stats.map((entry) => [String(entry.id), entry]));
  const pair = selectedPair(report);
  if (!pair) return null;
  return { local: words(pair.local), remote: words(pair.remote), path: describePath(pair) };
}

/** As the panel shows a candidate: "srflx 203.0.113.1:50000 udp". */
function words(c: CandidateSummary): string {
  const relay = c.relayProtocol ? ` (relay over ${c.relayProtocol})` : '';
  return `${c.type} ${c.address}:${c.port} ${c.protocol}${relay}`;
}
