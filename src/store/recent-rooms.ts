import { read, write } from './db';

/** A room this browser created or joined. */
export interface RecentRoom {
  id: string;
  tool: string;
  role: 'creator' | 'joiner';
  /** piping-server, when not the embedded one */
  server?: string;
  /** Kept only when the user ticked "remember". */
  secret?: string;
  /** ms since the epoch, last time it was used */
  at: number;
  /** The last state seen: waiting, connected, closed, failed… */
  state: string;
}

const KEY = 'recent-rooms';
const MAX = 20;

export async function loadRecentRooms(): Promise<RecentRoom[]> {
  return (await read<RecentRoom[]>(KEY)) ?? [];
}

/** Adds or updates a room (by id), newest first. */
export async function recordRoom(room: RecentRoom): Promise<RecentRoom[]> {
  const rest = (await loadRecentRooms()).filter((r) => r.id !== room.id);
  const next = [room, ...rest].slice(0, MAX);
  await write(KEY, next);
  return next;
}

export async function updateRoomState(id: string, state: string): Promise<RecentRoom[]> {
  const rooms = await loadRecentRooms();
  const next = rooms.map((r) => (r.id === id ? { ...r, state } : r));
  await write(KEY, next);
  return next;
}

export async function forgetRoom(id: string): Promise<RecentRoom[]> {
  const next = (await loadRecentRooms()).filter((r) => r.id !== id);
  await write(KEY, next);
  return next;
}
