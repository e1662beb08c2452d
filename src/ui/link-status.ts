import { msg, str } from '@lit/localize';
import { formatElapsed } from '../i18n/format';
import type { PeerLink } from '../rtc/peer-link';

/** The connection picker's status line: the link's phase in words, with the time waited. */
export function linkStatus(link: PeerLink, now: number): string {
  const elapsed = formatElapsed(now - link.startedAt);
  const room = link.mode === 'room';
  if (link.reconnectUntil > 0 && link.phase !== 'connected') {
    const left = formatElapsed(link.reconnectUntil - now);
    // The creator's notice names the device and the cause.
    if (link.roomRole === 'creator')
      return msg(str`Reconnecting… (waits ${left} for the device to rejoin)`);
    const why = link.lostBecause;
    return msg(str`Reconnecting… (gives up in ${left}) The connection was lost: ${why}`);
  }
  switch (link.phase) {
    case 'idle':
      return room
        ? msg('Create a room, or join one from its link.')
        : msg('Press Start to connect two peers in this page.');
    case 'checking':
      return msg(str`Contacting the piping-server… ${elapsed}`);
    case 'waiting':
      if (link.roomRole === 'creator' && link.peers.length > 0)
        return msg(str`Waiting for a device to join or come back… ${elapsed}`);
      return link.roomRole === 'creator'
        ? msg(str`Waiting for the peer to open the link… ${elapsed}`)
        : msg(str`Waiting for the room's creator… ${elapsed}`);
    case 'connecting':
      return msg(str`Connecting… ${elapsed}`);
    case 'connected': {
      const code = link.verificationCode;
      const count = link.connectedPeers.length;
      if (room && count > 1) {
        return msg(
          str`Connected to ${count} devices. Compare each one's verification code with the code that device shows.`,
        );
      }
      return room
        ? msg(str`Connected to the peer. Verification code: ${code} (compare it with your peer's)`)
        : msg('Connected: the data channel is open.');
    }
    case 'failed':
      return msg('Not connected.');
    case 'closed': {
      const reason = link.reason;
      return reason
        ? msg(str`Closed: ${reason}`)
        : room
          ? msg('Left the room.')
          : msg('Stopped. Press Start to connect again.');
    }
  }
}
