import { createLoopbackPair } from '../signaling/loopback';
import { PeerSession, type ChannelSpec } from './peer-session';

/** Two peer sessions in one page, joined by in-memory signaling: the in-page demo setup. */
export function createLoopbackSessions(channels: ChannelSpec[]): [PeerSession, PeerSession] {
  const [a, b] = createLoopbackPair();
  // No ICE servers: both ends are on this machine, host candidates connect them.
  const offerer = new PeerSession({ signaling: a, role: 'offerer', channels });
  const answerer = new PeerSession({ signaling: b, role: 'answerer', channels: [] });
  return [offerer, answerer];
}
