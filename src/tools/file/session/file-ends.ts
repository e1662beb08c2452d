import type { PeerLink } from '../../../rtc/peer-link';
import { isLive, type RoomPeer } from '../../../rtc/room-peer';
import { deviceId, loadSettings } from '../../../store/settings';
import { FileReceiver } from '../receive/file-receiver';
import { FileSender } from '../send/file-sender';
import {
  bytesChannelId,
  encodeControl,
  fileMessageSize,
  type SendPace,
} from '../protocol/file-protocol';
import { routeFileMessages } from './file-router';
import type { Held, HeldEvent } from '../send/outgoing-queue';
import { finished } from './transfer-item';
import { OutgoingBatches, type OutgoingBatch } from './outgoing-batches';
import { IncomingBatches } from './incoming-batches';
import { batchChannelId } from '../protocol/batch-label';
import type { ReceivedFileRecord } from '../../../store/received-files';

/** This side's ends towards one peer: the loopback's other end (peer null) or a room peer. */
export interface FileEnds {
  peer: RoomPeer | null;
  sender: FileSender;
  receiver: FileReceiver;
  /** Folders going to this peer, and coming from it, each as one batch. */
  batchesOut: OutgoingBatches;
  batchesIn: IncomingBatches;
}

export interface FileEndsEvents {
  /** Something shown about a transfer changed. */
  changed(): void;
  /** A verified file was stored. */
  saved(): void;
  /** Verified files of a batch still arriving were recorded (their pack is still being written). */
  arrived(records: readonly ReceivedFileRecord[]): void;
  /** The kept partial files changed. */
  partials(): void;
  /** An interrupted file's part is stored for good: whoever sent it may ask for the rest. */
  kept(id: string): void;
}

/** What the receiver calls a sender with no name of its own, in the reader's words. */
export interface SenderNames {
  /** The loopback's other end. */
  thisPage: string;
  /** A room peer that gave no name. */
  unnamed: string;
}

/**
 * The file tool's ends, one per peer (or the loopback's pair), across connections: new ends
 * take over the interrupted files of ends that go, and a receiver's `held` finds the ends that
 * have that file, whichever connection they came with.
 */
export class FileEndsList {
  ends: FileEnds[] = [];

  constructor(
    private readonly label: string,
    private readonly events: FileEndsEvents,
    private readonly names: SenderNames,
  ) {}

  /** Loopback: this page's sender on one end, its receiver on the other. */
  wireLoopback(link: PeerLink): void {
    const mine = link.channels.get(this.label)!;
    const theirs = link.peerChannels.get(this.label)!;
    const sender = new FileSender(mine, opener(link.local!.pc), sendPace(link.local!.pc));
    const receiver = new FileReceiver(
      theirs,
      { autoAccept: true },
      { device: '', name: this.names.thisPage },
    );
    const batchesOut = outgoingBatches(mine, link.local!.pc, receiver);
    const batchesIn = new IncomingBatches(theirs, { autoAccept: true });
    routeFileMessages(mine, sender, null, { out: batchesOut, in: null });
    routeFileMessages(theirs, null, receiver, { out: null, in: batchesIn });
    takeBytesChannels(link.peer!.pc, receiver, batchesIn);
    this.replace({ peer: null, sender, receiver, batchesOut, batchesIn }, () => false);
    void introduce(mine);
  }

  /** A room peer whose channel opened. */
  wirePeer(peer: RoomPeer, autoAccept: boolean): void {
    const channel = peer.channels.get(this.label)!;
    const sender = new FileSender(channel, opener(peer.session.pc), sendPace(peer.session.pc));
    const receiver = new FileReceiver(
      channel,
      { autoAccept },
      { device: '', name: peer.name || this.names.unnamed },
    );
    const batchesOut = outgoingBatches(channel, peer.session.pc, receiver);
    const batchesIn = new IncomingBatches(channel, { autoAccept });
    routeFileMessages(channel, sender, receiver, { out: batchesOut, in: batchesIn });
    takeBytesChannels(peer.session.pc, receiver, batchesIn);
    // Ends of devices that left give way to this one's (their interrupted files wait there for
    // their device to come back); received files stay under Received files. Files that were
    // coming in when they left stay in sight until they resume (see forgetResumed).
    this.replace(
      { peer, sender, receiver, batchesOut, batchesIn },
      (e) => !!e.peer && (isLive(e.peer) || e.receiver.hasInterrupted()),
    );
    void introduce(channel);
  }

  /** Ends whose channel is open (none unless the link is connected). */
  live(link: PeerLink): FileEnds[] {
    if (link.phase !== 'connected') return [];
    return this.ends.filter((e) => e.peer === null || e.peer.state === 'connected');
  }

  /**
   * Where an interrupted outgoing file resumes: its own ends if live, else the first live ends
   * `preferred` allows (or the first live ones), which it moves to.
   */
  resumeOn(link: PeerLink, ends: FileEnds, id: string, preferred: (e: FileEnds) => boolean) {
    const live = this.live(link);
    if (live.includes(ends)) return ends;
    const to = live.find(preferred) ?? live[0];
    if (to && to !== ends) to.sender.adopt(ends.sender.takeInterrupted(new Set([id])), false);
    return to;
  }

  /** Ids of incoming files in progress (their partials are not offered for resume or discard). */
  receiving(): Set<string> {
    const ids = new Set<string>();
    for (const { receiver } of this.ends)
      for (const i of receiver.items) if (!finished(i.state)) ids.add(i.id);
    return ids;
  }

  /** Packs of folders still arriving, from every peer. */
  arrivingPacks(): string[] {
    return this.ends.flatMap((e) => e.batchesIn.arrivingPacks());
  }

  /**
   * Adds new ends; those gone (not live) hand their interrupted outgoing files over to them, and
   * are kept only where `kept` says.
   */
  private replace(ends: FileEnds, kept: (e: FileEnds) => boolean): void {
    const batches: OutgoingBatch[] = [];
    for (const e of this.ends.filter((e) => !e.peer || !isLive(e.peer))) {
      const parked = e.sender.takeInterrupted();
      if (parked.length) ends.sender.adopt(parked, false);
      batches.push(...e.batchesOut.takeInterrupted());
    }
    // Offered again once the device they were going to says it is on these ends.
    if (batches.length) ends.batchesOut.adopt(batches, () => false);
    this.ends = [...this.ends.filter(kept), this.listen(ends)];
    this.events.changed();
  }

  /**
   * An incoming file interrupted on ends that are gone is shown there until the same transfer
   * comes in again on live ends; then only its new item is shown, and ends left with nothing
   * interrupted go.
   */
  private forgetResumed(): void {
    const gone = (e: FileEnds) => !!e.peer && !isLive(e.peer);
    const again = new Set<string>();
    for (const e of this.ends)
      if (!gone(e)) for (const i of e.receiver.items) if (!finished(i.state)) again.add(i.id);
    if (again.size === 0) return;
    const emptied = this.ends.filter(
      (e) => gone(e) && e.receiver.forgetInterrupted(again) && !e.receiver.hasInterrupted(),
    );
    if (emptied.length === 0) return;
    this.ends = this.ends.filter((e) => !emptied.includes(e));
    this.events.changed();
  }

  private listen(ends: FileEnds): FileEnds {
    ends.sender.addEventListener('change', () => this.events.changed());
    ends.receiver.addEventListener('change', () => {
      this.forgetResumed();
      this.events.changed();
    });
    ends.receiver.addEventListener('saved', () => this.events.saved());
    ends.receiver.addEventListener('partials', () => this.events.partials());
    ends.receiver.addEventListener('kept', (e) =>
      this.events.kept((e as CustomEvent<string>).detail),
    );
    ends.sender.addEventListener('held', (e) => this.routeHeld(ends, (e as HeldEvent).detail));
    ends.batchesOut.addEventListener('change', () => this.events.changed());
    ends.batchesIn.addEventListener('change', () => this.events.changed());
    ends.batchesIn.addEventListener('saved', () => this.events.saved());
    ends.batchesIn.addEventListener('arrived', (e) =>
      this.events.arrived((e as CustomEvent<ReceivedFileRecord[]>).detail),
    );
    ends.receiver.addEventListener('device', () => this.resumeBatches(ends));
    return ends;
  }

  /**
   * The device on `to` said which it is: folders interrupted on their way to it, wherever they
   * wait (on the ends of an earlier connection, or another peer's), go on here.
   */
  private resumeBatches(to: FileEnds): void {
    const device = to.receiver.peerDevice;
    for (const e of this.ends) {
      if (e === to) continue;
      const mine = e.batchesOut.takeInterrupted((b) => b.device === device);
      if (mine.length) to.batchesOut.adopt(mine, () => false);
    }
    to.batchesOut.resumeFor(device);
  }

  /**
   * The receiver on `to` holds part of transfer `held.id`. The ends that were sending it (on an
   * earlier connection, or these) resume it there, with the rest of their interrupted files;
   * when no ends have its file any more, it is listed for the user to choose the file again.
   */
  private routeHeld(to: FileEnds, held: Held): void {
    const has = (e: FileEnds) => e.sender.items.find((i) => i.id === held.id);
    const owner = this.ends.find(has);
    const item = owner && has(owner);
    if (!owner || !item) return to.sender.addHeld(held);
    if (item.state !== 'interrupted') return; // going on already (or over)
    if (owner !== to) to.sender.adopt(owner.sender.takeInterrupted(), true);
    else if (!item.needsFile) to.sender.resume(held.id);
  }
}

/**
 * How files go out on `pc`, as chosen in Settings: bytes per message (within what `pc` takes)
 * and the speed limit.
 */
function sendPace(pc: RTCPeerConnection): () => Promise<SendPace> {
  return async () => {
    const s = await loadSettings();
    return {
      chunk: fileMessageSize(s.fileMessageKiB, pc.sctp?.maxMessageSize),
      rate: s.fileSpeedLimitMB * 1_000_000,
    };
  };
}

/**
 * The folders sent on `channel`, each as one batch: pace as in Settings, the receiving device as
 * `receiver` (on the same connection) heard it.
 */
function outgoingBatches(
  channel: RTCDataChannel,
  pc: RTCPeerConnection,
  receiver: FileReceiver,
): OutgoingBatches {
  return new OutgoingBatches(channel, opener(pc), sendPace(pc), () => receiver.peerDevice);
}

/** Opens the channels for the bytes of the files sent on `pc`. */
function opener(pc: RTCPeerConnection): (label: string) => RTCDataChannel {
  return (label) => pc.createDataChannel(label);
}

/**
 * Hands the bytes channels the other side opens to the receiver of that file (at once: a channel
 * can move to a worker only in the task it arrives in); others are refused.
 */
function takeBytesChannels(
  pc: RTCPeerConnection,
  receiver: FileReceiver,
  batches: IncomingBatches,
): void {
  pc.addEventListener('datachannel', ({ channel }) => {
    if (bytesChannelId(channel.label) !== null && !receiver.attachBytes(channel)) channel.close();
    if (batchChannelId(channel.label) !== null && !batches.attachBytes(channel)) channel.close();
  });
}

/** Tells the other side which device this is, so it can offer what it holds of ours. */
async function introduce(channel: RTCDataChannel): Promise<void> {
  const id = await deviceId();
  if (channel.readyState === 'open') channel.send(encodeControl({ t: 'device', id }));
}
