import { msg, str } from '@lit/localize';
import { effectivePipingUrl } from '../config';
import type { RoomSettings } from '../rtc/peer-link';
import { cleanPeerName } from '../rtc/peer-name';
import { resolveIceServers } from '../rtc/turn-rest';
import { randomBase64Url } from '../signaling/base64url';
import { loadIceServers } from '../store/ice-servers';
import { loadSettings, saveSettings, type Settings } from '../store/settings';

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
    name: await deviceName(settings),
  };
}

/** The name this device shows in rooms: the one set in Settings, else "Device" and its tag. */
export async function deviceName(settings: Settings): Promise<string> {
  return cleanPeerName(settings.deviceName) || generatedName(await deviceTag(settings));
}

export function generatedName(tag: string): string {
  return msg(str`Device ${tag}`);
}

/** The device's tag, made (and stored) the first time it is needed. */
export async function deviceTag(settings: Settings): Promise<string> {
  if (settings.deviceTag) return settings.deviceTag;
  const tag = randomBase64Url(3).toUpperCase().replace(/[-_]/g, 'X');
  await saveSettings({ deviceTag: tag });
  return tag;
}
