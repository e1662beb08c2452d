import { PipingSignaling } from '../signaling/piping';
import { knock, knockUntilAnswered, newPeerId, type LobbyOptions } from '../signaling/room-lobby';
import type { RoomSettings } from './peer-link';
import { PeerSession } from './peer-session';
import type { RoomPeer } from './room-peer';

/**
 * A joiner's way in: knock in the lobby with a fresh peer id (waiting while the creator is away
 * or busy with another joiner), then answer the creator on that peer id's own paths; knock
 * again while the creator stays silent.
 */
export async function joinRoom(lobby: LobbyOptions, settings: RoomSettings): Promise<RoomPeer> {
  const peerId = newPeerId();
  await knock(lobby, peerId, settings.name);
  const answered = new AbortController();
  const signaling = new PipingSignaling({
    server: lobby.server,
    roomId: `${lobby.roomId}/${peerId}`,
    key: lobby.key,
    role: 'joiner',
    onPeerSeen: () => answered.abort(),
  });
  const session = new PeerSession({
    signaling,
    role: 'answerer',
    rtcConfig: settings.rtcConfig,
    channels: [],
  });
  session.addEventListener('statechange', () => {
    if (session.state === 'closed' || session.state === 'failed') answered.abort();
  });
  void knockUntilAnswered(lobby, peerId, settings.name, answered.signal);
  return {
    id: 'creator',
    name: '',
    session,
    channels: new Map(),
    state: 'connecting',
    reason: '',
    verificationCode: '',
  };
}
