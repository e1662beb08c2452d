import type { PeerSession } from './peer-session';

/** One other device in a room, as this side sees it. */
export interface RoomPeer {
  /** Unique within the link: the joiner's peer id on the creator's side, 'creator' on a joiner's. */
  readonly id: string;
  /** As the device named itself ('' if it gave no name). */
  name: string;
  readonly session: PeerSession;
  /** Open channels by label, once connected. */
  readonly channels: Map<string, RTCDataChannel>;
  state: 'connecting' | 'connected' | 'left' | 'failed';
  /** Why it left or failed, when that was not this side's choice. */
  reason: string;
  /** Six digits from both DTLS fingerprints of this peer's connection, once connected. */
  verificationCode: string;
}

export function isLive(peer: RoomPeer): boolean {
  return peer.state === 'connecting' || peer.state === 'connected';
}

/** The room's default device limit besides its creator. */
export const MAX_ROOM_PEERS = 8;
