import { effectivePipingUrl } from '../config';
import type { RoomSettings } from '../rtc/peer-link';
import { resolveIceServers } from '../rtc/turn-rest';
import { loadIceServers } from '../store/ice-servers';
import { loadSettings } from '../store/settings';

/** What a room needs from the stored settings and ICE server list. */
export async function loadRoomSettings(serverOverride?: string): Promise<RoomSettings> {
  const [settings, servers] = await Promise.all([loadSettings(), loadIceServers()]);
  return {
    server: serverOverride || effectivePipingUrl(settings.pipingUrl),
    rtcConfig: {
      iceServers: await resolveIceServers(servers),
      iceTransportPolicy: settings.iceTransportPolicy,
    },
    timeoutMs: settings.signalingTimeoutSeconds * 1000,
  };
}
