import { msg, str } from '@lit/localize';
import { PipingSignaling } from '../signaling/piping';
import { knocks, pause, type LobbyOptions } from '../signaling/room-lobby';
import type { SignalMessage } from '../signaling/signaling';
import type { RoomSettings } from './peer-link';
import { cleanPeerName } from './peer-name';
import { PeerSession, type ChannelSpec } from './peer-session';
import type { RoomPeer } from './room-peer';

export interface RoomHostEvents {
  /** The room's peers now: those not ended, those still connecting, and the limit. */
  room(): { live: number; connecting: number; max: number };
  /** A verified joiner, its session ready to start. */
  peer(peer: RoomPeer): void;
  /** Something to tell the user that ends nothing (a device turned away). */
  notice(text: string): void;
}

/**
 * Joiners connecting at once. Each holds a signaling request or two, and a browser keeps at
 * most six requests per server: the lobby's and those of two handshakes fit.
 */
const CONCURRENT_HANDSHAKES = 2;

/** How long a turned-away joiner's answer waits for it to read it. */
const TURN_AWAY_MS = 10_000;

/**
 * The creator's side of a room: reads knocks in the lobby and makes a session for each verified
 * joiner on its own paths; answers the others (a wrong link, a full room) so they do not wait.
 */
export class RoomHost {
  constructor(
    private readonly lobby: LobbyOptions,
    private readonly settings: RoomSettings,
    private readonly specs: ChannelSpec[],
    private readonly events: RoomHostEvents,
  ) {}

  /** Every joiner read so far: a lobby listened to again must not take one twice. */
  private readonly read = new Set<string>();

  /** Runs until the lobby's signal aborts; throws if the piping-server fails. */
  async listen(): Promise<void> {
    for await (const knock of knocks(this.lobby, this.read)) {
      if (!knock.ok) {
        this.events.notice(
          msg(
            'A device tried to join with a link that does not match this room (its message could not be verified), and was turned away.',
          ),
        );
        // Whoever sent it learns that its link is wrong (it cannot open our answer).
        if (knock.peerId) void this.turnAway(knock.peerId, { type: 'bye' });
        continue;
      }
      const { live, max } = this.events.room();
      if (live >= max) {
        this.events.notice(
          max === 1
            ? msg('A device was turned away: this tool connects two devices only.')
            : msg(str`A device was turned away: the room is full (${max} devices).`),
        );
        void this.turnAway(knock.peerId, { type: 'bye', full: max });
        continue;
      }
      // A closed room stops the wait at once (an AbortError, which the link ignores).
      while (this.events.room().connecting >= CONCURRENT_HANDSHAKES) {
        await pause(100, this.lobby.signal);
      }
      this.events.peer(this.peerFor(knock.peerId, cleanPeerName(knock.name)));
    }
  }

  private peerFor(id: string, name: string): RoomPeer {
    const signaling = this.signalingFor(id);
    signaling.send({ type: 'hello', name: this.settings.name });
    const session = new PeerSession({
      signaling,
      role: 'offerer',
      rtcConfig: this.settings.rtcConfig,
      channels: this.specs,
    });
    return {
      id,
      name,
      session,
      channels: new Map(),
      state: 'connecting',
      reason: '',
      verificationCode: '',
    };
  }

  private signalingFor(peerId: string): PipingSignaling {
    const { server, roomId, key } = this.lobby;
    return new PipingSignaling({ server, roomId: `${roomId}/${peerId}`, key, role: 'creator' });
  }

  private async turnAway(peerId: string, message: SignalMessage): Promise<void> {
    const signaling = this.signalingFor(peerId);
    signaling.send(message);
    await Promise.race([signaling.flush(), new Promise((r) => setTimeout(r, TURN_AWAY_MS))]);
    signaling.close();
  }
}
