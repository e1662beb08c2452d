import { read, write } from './db';

/** Everything the Settings view edits. New fields get a default in `settingsDefaults`. */
export interface Settings {
  /** The UI's language: a locale code, or '' to follow the browser's languages. */
  language: string;
  /** Piping-server URL used for rooms and the relay; '' means the app's embedded one. */
  pipingUrl: string;
  /** Seconds a room waits for its peer before giving up. */
  signalingTimeoutSeconds: number;
  /** ICE transport policy for rooms: 'relay' forces traffic through a TURN server. */
  iceTransportPolicy: RTCIceTransportPolicy;
  /** Keep room secrets in recent rooms, so a room can be rejoined after a reload. */
  rememberRoomSecrets: boolean;
  /** In rooms, ask before accepting an incoming file (loopback always accepts). */
  askBeforeAccepting: boolean;
  /** The name other devices in a room see; '' shows a generated one. */
  deviceName: string;
  /** Four random characters that make the generated name this device's own, made once. */
  deviceTag: string;
  /** A random id that lets devices know each other again (to resume a transfer), made once. */
  deviceId: string;
  /** Days an interrupted incoming file is kept for resuming before it is deleted. */
  partialMaxAgeDays: number;
  /** Say in a system notification that a transfer ended while the tab was hidden. */
  notifyWhenHidden: boolean;
  /** File tool: KiB of file bytes per message (see FILE_MESSAGE_KIB). */
  fileMessageKiB: number;
  /** File tool: the most MB (10^6 bytes) per second a file is sent at; 0 for no limit. */
  fileSpeedLimitMB: number;
  /** Bulk tool, Advanced: watermarks in KiB as typed ('' = the default rule). */
  bulkHighKiB: string;
  bulkLowKiB: string;
}

export const settingsDefaults: Readonly<Settings> = {
  language: '',
  pipingUrl: '',
  signalingTimeoutSeconds: 120,
  iceTransportPolicy: 'all',
  rememberRoomSecrets: false,
  askBeforeAccepting: true,
  deviceName: '',
  deviceTag: '',
  deviceId: '',
  partialMaxAgeDays: 7,
  notifyWhenHidden: false,
  fileMessageKiB: 16,
  fileSpeedLimitMB: 0,
  bulkHighKiB: '',
  bulkLowKiB: '',
};

/** Merges stored values over the defaults, dropping anything of the wrong type. */
export function withDefaults(stored: unknown): Settings {
  const out: Settings = { ...settingsDefaults };
  if (stored && typeof stored === 'object') {
    const record = stored as Record<string, unknown>;
    for (const key of Object.keys(settingsDefaults) as (keyof Settings)[]) {
      if (typeof record[key] === typeof settingsDefaults[key] && valid(key, record[key])) {
        (out as unknown as Record<string, unknown>)[key] = record[key];
      }
    }
  }
  return out;
}

function valid(key: keyof Settings, value: unknown): boolean {
  if (key === 'iceTransportPolicy') return value === 'all' || value === 'relay';
  if (key === 'partialMaxAgeDays') return isPartialMaxAge(value as number);
  if (key === 'fileMessageKiB') return (FILE_MESSAGE_KIB as readonly unknown[]).includes(value);
  if (key === 'fileSpeedLimitMB')
    return (FILE_SPEED_LIMITS_MB as readonly unknown[]).includes(value);
  return true;
}

const KEY = 'settings';

export async function loadSettings(): Promise<Settings> {
  return withDefaults(await read(KEY));
}

export async function saveSettings(patch: Partial<Settings>): Promise<Settings> {
  const next = { ...(await loadSettings()), ...patch };
  await write(KEY, next);
  return next;
}

export const PARTIAL_MAX_AGE_DAYS = { min: 1, max: 365 };

/** The file message sizes offered: 16 KiB as in the WebRTC sample, and two larger ones. */
export const FILE_MESSAGE_KIB = [16, 64, 256] as const;

/**
 * The file speed limits offered, in MB/s (0: none), for a link that must stay usable for other
 * things while a file goes.
 */
export const FILE_SPEED_LIMITS_MB = [0, 1, 2, 5, 10, 50] as const;

export function isPartialMaxAge(days: number): boolean {
  return (
    Number.isInteger(days) && days >= PARTIAL_MAX_AGE_DAYS.min && days <= PARTIAL_MAX_AGE_DAYS.max
  );
}

/** This device's id, made (and stored) the first time it is needed. */
export async function deviceId(): Promise<string> {
  const { deviceId } = await loadSettings();
  if (deviceId) return deviceId;
  const id = crypto.randomUUID().replace(/-/g, '');
  await saveSettings({ deviceId: id });
  return id;
}
