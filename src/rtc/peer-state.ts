/** A peer session's state as tools show it. */
export type PeerState = 'new' | 'connecting' | 'connected' | 'failed' | 'closed';

/**
 * The session state after the peer connection reports `connectionState`. 'closed' and 'failed'
 * are final: a late 'connected' from a connection we already gave up on must not revive it.
 * 'disconnected' is often transient (ICE may recover), so it reads as 'connecting'.
 */
export function nextPeerState(current: PeerState, connection: RTCPeerConnectionState): PeerState {
  if (current === 'closed' || current === 'failed') return current;
  switch (connection) {
    case 'new':
      return current === 'new' ? 'new' : current;
    case 'connecting':
    case 'disconnected':
      return 'connecting';
    case 'connected':
      return 'connected';
    case 'failed':
      return 'failed';
    case 'closed':
      return 'closed';
  }
}
