import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { BitrateMeter, type BitrateFigures } from '../rtc/bitrate';
import { PeerLink, type RoomPeer } from '../rtc/peer-link';
import type { ChannelSpec, PeerSession } from '../rtc/peer-session';
import { focusAfterConnect } from './focus-keeper';
import { LinkController } from './link-controller';

export interface TransferConnectionOptions {
  /**
   * Called once per connected session, with its channels open, to set up the tool's ends; in a
   * room, only when `wirePeer` is absent.
   */
  wire(link: PeerLink): void;
  /** In a room: called once for each peer whose channels opened (a creator has several). */
  wirePeer?(peer: RoomPeer): void;
  /** How many devices besides the creator a room of this tool takes (default: the room's). */
  maxPeers?: number;
  /** Bitrate of this side's sending, from getStats() every 500 ms while connected. */
  sent(figures: BitrateFigures): void;
  /** Bitrate of the receiving side (the page's second peer over loopback). */
  received(figures: BitrateFigures): void;
  /** The control that takes the focus once connected (the file chooser, the size field). */
  mainControl(): HTMLElement | null | undefined;
}

/**
 * The connection of a tool that moves data (File, Bulk): a PeerLink bound to the element, its
 * ends wired once per connected session, and send/receive bitrate meters that run only while
 * connected.
 */
export class TransferConnection implements ReactiveController {
  private readonly controller: LinkController;
  private meters: BitrateMeter[] = [];
  private wired: PeerSession | null = null;
  private readonly wiredPeers = new WeakSet<RoomPeer>();
  private metered: PeerSession | null = null;

  constructor(
    private readonly host: ReactiveControllerHost,
    channels: ChannelSpec[],
    private readonly options: TransferConnectionOptions,
  ) {
    host.addController(this);
    const link = new PeerLink(channels, { maxPeers: options.maxPeers });
    this.controller = new LinkController(host, link, () => this.handleChange());
  }

  get link(): PeerLink {
    return this.controller.link;
  }

  hostDisconnected(): void {
    this.stopMeters();
  }

  private handleChange(): void {
    const link = this.link;
    if (link.phase !== 'connected') {
      this.stopMeters();
      this.metered = null;
      return;
    }
    const first = this.metered === null;
    if (link.mode === 'room' && this.options.wirePeer) {
      for (const peer of link.connectedPeers) {
        if (this.wiredPeers.has(peer)) continue;
        this.wiredPeers.add(peer);
        this.options.wirePeer(peer);
      }
    } else if (this.wired !== link.local) {
      this.wired = link.local;
      this.options.wire(link);
    }
    if (this.metered !== link.local) this.startMeters(link);
    if (!first) return;
    // The controls enable with this update; only then can one of them take the focus.
    this.host.requestUpdate();
    void this.host.updateComplete.then(() => focusAfterConnect(this.options.mainControl()));
  }

  /** Meters follow the link's session: in a room, the first connected peer's. */
  private startMeters(link: PeerLink): void {
    this.stopMeters();
    this.metered = link.local;
    this.meters = [
      new BitrateMeter(link.local!.pc, 'sent', (f) => this.options.sent(f)),
      new BitrateMeter((link.peer ?? link.local!).pc, 'received', (f) => this.options.received(f)),
    ];
  }

  private stopMeters(): void {
    for (const m of this.meters) m.stop();
    this.meters = [];
  }
}
