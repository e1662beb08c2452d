import { defaultIceServers } from '../config';
import { read, remove, write } from './db';

/** One editable entry of the ICE server list (shared by the trickle-ICE tool and rooms). */
export interface IceServerEntry {
  url: string;
  /** With `secret`, the user part of a TURN REST username (`expiry:user`); may be empty. */
  username?: string;
  credential?: string;
  /** A TURN REST shared secret: credentials are computed from it at each use. */
  secret?: string;
}

/** The build's default servers, one entry per URL. */
export function defaultIceServerEntries(): IceServerEntry[] {
  return defaultIceServers.flatMap((server) =>
    (Array.isArray(server.urls) ? server.urls : [server.urls]).map((url) => ({
      url,
      ...(server.username ? { username: server.username } : {}),
      ...(typeof server.credential === 'string' ? { credential: server.credential } : {}),
    })),
  );
}

const KEY = 'ice-servers';

export async function loadIceServers(): Promise<IceServerEntry[]> {
  return (await read<IceServerEntry[]>(KEY)) ?? defaultIceServerEntries();
}

export function saveIceServers(entries: IceServerEntry[]): Promise<void> {
  return write(KEY, entries);
}

export async function resetIceServers(): Promise<IceServerEntry[]> {
  await remove(KEY);
  return defaultIceServerEntries();
}
