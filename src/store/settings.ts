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
