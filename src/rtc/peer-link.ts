import { msg, str } from '@lit/localize';
import { formatSeconds } from '../i18n/format';
import { errorText } from '../i18n/error-text';
import { checkPipingServer, isAbort } from '../signaling/piping-errors';
import type { RoomRole } from '../signaling/piping';
import { deriveRoomKey } from '../signaling/room-crypto';
import { webCryptoMissing } from '../signaling/web-crypto';
import { secretBytes, type RoomRef } from '../signaling/room-link';
import { createLoopbackSessions } from './loopback-pair';
import type { PeerSession } from './peer-session';
import { type ChannelSpec } from './peer-session';
import { isLive, MAX_ROOM_PEERS, type RoomPeer } from './room-peer';
import { RoomHost } from './room-host';
import { joinRoom } from './room-join';
import { pause } from '../signaling/room-lobby';
import { verificationCode } from './verification-code';
import { webRtcMissing } from './webrtc-support';

/**
 * - checking: asking the piping-server whether it is one
 * - waiting: in a room, no other device has shown up yet
 * - connecting: signaling done or under way, ICE/DTLS/channels opening
 * - connected: at least one peer's channels are open
 */
export type LinkPhase =
  'idle' | 'checking' | 'waiting' | 'connecting' | 'connected' | 'failed' | 'closed';

/** How long a joiner whose connection dropped keeps rejoining the room by itself. */
export const REJOIN_LIMIT_MS = 120_000;
/** The pause between two attempts to rejoin, and between two of a creator's lobby. */
const REJOIN_PAUSE_MS = 2_000;
const LOBBY_RETRY_MS = 2_000;
/**
 * How long one attempt to rejoin may take before the next begins. An attempt made while the
 * network was down can hold requests that died with the NAT's mappings without either end
 * knowing; a fresh attempt once the network is back gets through in a second or two.
 */
export const REJOIN_ATTEMPT_MS = 15_000;
/** While every device is gone, how often the creator's lobby gives up its wait and waits anew. */
export const LOBBY_RENEW_MS = 5_000;
/**
 * Otherwise, every this many of those looks: a wait that lies idle for minutes can die in a NAT
 * that forgets idle TCP connections, while the room's data channels stay up. A knock that meets
 * a renewal is made again by its joiner (`knockUntilAnswered`).
 */
export const LOBBY_IDLE_RENEW_LOOKS = 6;

export interface RoomSettings {
  /** piping-server URL without a trailing '/' */
  server: string;
  rtcConfig: RTCConfiguration;
  timeoutMs: number;
  /** This device's name, as the other devices will see it. */
  name: string;
}

export interface PeerLinkOptions {
  /** How many devices besides the creator a room of this tool takes. */
  maxPeers?: number;
}

/**
 * A tool's connection, whichever way it is made: loopback (both peers in this page) or one side
 * of a room. A room's creator connects to every joiner (a star, up to `maxPeers`); a joiner to
 * the creator. Fires `change` whenever anything shown about it changes.
 */
export class PeerLink extends EventTarget {
  phase: LinkPhase = 'idle';
  mode: 'loopback' | 'room' = 'loopback';
  /** Why it failed or closed, when that was not the user's own choice. */
  reason = '';
  /** Something the user should know that did not end the link (a device turned away). */
  notice = '';
  startedAt = 0;
  room: RoomRef | null = null;
  /** The piping-server the room signals through. */
  server = '';
  roomRole: RoomRole | null = null;
  /** The connection failed because ICE found no path: the relay is the way out. */
  iceFailed = false;
  /** The first connected peer's code (the only one, unless a creator has several). */
  verificationCode = '';
  /** This side's session: in a room, the first connected peer's (for details and meters). */
  local: PeerSession | null = null;
  /** The other end, in loopback mode only. */
  peer: PeerSession | null = null;
  /** Open channels by label, this side and (loopback) the other end. */
  readonly channels = new Map<string, RTCDataChannel>();
  readonly peerChannels = new Map<string, RTCDataChannel>();
  /** The other devices of a room, in the order they came, those that left included. */
  peers: RoomPeer[] = [];
  readonly maxPeers: number;
  /**
   * A joiner whose connection dropped rejoins the room by itself until this time (ms since the
   * epoch), and its creator waits for it as long; 0 when neither is the case. The transfers go on
   * from their checkpoints once it is back.
   */
  reconnectUntil = 0;
  /** Why the connection dropped, while it rejoins. */
  lostBecause = '';

  private abort = new AbortController();
  private timer: ReturnType<typeof setTimeout> | undefined;
  private run = 0;
  private settings: RoomSettings | null = null;
  private rejoinTimer: ReturnType<typeof setTimeout> | undefined;
  /** How the latest attempt to rejoin ended. */
  private lastAttempt = { reason: '', iceFailed: false };
  private giveUpTimer: ReturnType<typeof setTimeout> | undefined;

  constructor(
    public channelSpecs: ChannelSpec[],
    options: PeerLinkOptions = {},
  ) {
    super();
    this.maxPeers = options.maxPeers ?? MAX_ROOM_PEERS;
  }

  get active(): boolean {
    return ['checking', 'waiting', 'connecting', 'connected'].includes(this.phase);
  }

  /** The room's peers whose channels are open. */
  get connectedPeers(): RoomPeer[] {
    return this.peers.filter((p) => p.state === 'connected');
  }

  async startLoopback(): Promise<void> {
    this.stopRejoining();
    const run = this.begin('loopback', 'connecting');
    if (this.lacksWebRtc()) return;
    const [a, b] = createLoopbackSessions(this.channelSpecs);
    this.local = a;
    this.peer = b;
    this.watchLoopback(a, run);
    this.watchLoopback(b, run);
    await Promise.all([a.start(), b.start()]);
    await this.openLoopback(run);
  }

  async createRoom(room: RoomRef, settings: RoomSettings): Promise<void> {
    this.stopRejoining();
    await this.startRoom(room, 'creator', settings);
  }

  async joinRoom(room: RoomRef, settings: RoomSettings): Promise<void> {
    this.stopRejoining();
    await this.startRoom(room, 'joiner', settings);
  }

  /** Cancel or Leave: closes everything this link opened and aborts pending requests. */
  close(reason = ''): void {
    this.stopRejoining();
    if (!this.active) return;
    this.finish('closed', reason);
  }

  private async startRoom(room: RoomRef, role: RoomRole, settings: RoomSettings): Promise<void> {
    const run = this.begin('room', 'checking');
    if (this.lacksWebRtc()) return;
    // Without WebCrypto the room cannot be sealed: said before any request is made.
    const noCrypto = webCryptoMissing();
    if (noCrypto) return this.finish('failed', noCrypto);
    this.room = room;
    this.settings = settings;
    this.server = settings.server;
    this.roomRole = role;
    const rejoining = role === 'joiner' && this.reconnectUntil > 0;
    const limit = rejoining ? Math.min(settings.timeoutMs, REJOIN_ATTEMPT_MS) : settings.timeoutMs;
    this.timer = setTimeout(() => this.timeOut(run, limit), limit);
    const signal = this.abort.signal;
    try {
      await checkPipingServer(settings.server, signal);
      const key = await deriveRoomKey(secretBytes(room), room.id);
      if (run !== this.run) return;
      this.update('waiting');
      const lobby = { server: settings.server, roomId: room.id, key, signal };
      if (role === 'joiner') {
        const peer = await joinRoom(lobby, settings);
        if (run === this.run) this.addPeer(peer, run, limit);
        else peer.session.close();
        return;
      }
      // Every device gone: one may come back once the network does, so the lobby's wait is
      // renewed (the one made before may have died with the network); less often otherwise.
      let looks = 0;
      const renew = {
        everyMs: LOBBY_RENEW_MS,
        when: () =>
          (this.phase === 'waiting' && this.peers.some(wasConnected)) ||
          ++looks % LOBBY_IDLE_RENEW_LOOKS === 0,
      };
      const host = new RoomHost({ ...lobby, renew }, settings, this.channelSpecs, {
        room: () => ({
          live: this.peers.filter(isLive).length,
          connecting: this.peers.filter((p) => p.state === 'connecting').length,
          max: this.maxPeers,
        }),
        peer: (peer) =>
          run === this.run ? this.addPeer(peer, run, settings.timeoutMs) : peer.session.close(),
        notice: (text) => {
          if (run !== this.run) return;
          this.notice = text;
          this.update(this.phase);
        },
      });
      await this.keepListening(host, run, signal);
    } catch (error) {
      if (run !== this.run || isAbort(error)) return;
      this.finish('failed', message(error));
    }
  }

  /**
   * The creator's lobby, listened to again whenever the piping-server drops it once a device
   * has joined: a network that dropped and came back must let that device rejoin.
   */
  private async keepListening(host: RoomHost, run: number, signal: AbortSignal): Promise<void> {
    for (;;) {
      try {
        return await host.listen();
      } catch (error) {
        if (run !== this.run || isAbort(error) || !this.peers.some(wasConnected)) throw error;
        const why = message(error);
        this.notice = msg(
          str`No device can join or come back until the piping-server answers again: ${why} Trying again…`,
        );
        this.update(this.phase);
        await pause(LOBBY_RETRY_MS, signal);
      }
    }
  }

  /** Starts a room peer's session and follows it to its end. */
  private addPeer(peer: RoomPeer, run: number, timeoutMs: number): void {
    this.peers = [...this.peers, peer];
    if (this.phase === 'waiting') this.update('connecting');
    else this.changed();
    setTimeout(() => {
      if (run !== this.run || peer.state !== 'connecting') return;
      const seconds = formatSeconds(Math.round(timeoutMs / 1000), 0);
      this.endPeer(
        peer,
        'failed',
        msg(str`Connecting took longer than ${seconds} (signaling time-out, see Settings).`),
      );
    }, timeoutMs);
    void peer.session.start();
    peer.session.addEventListener('statechange', () => {
      const { session } = peer;
      if (run !== this.run || !isLive(peer)) return;
      if (session.state === 'failed') this.endPeer(peer, 'failed', session.reason);
      else if (session.state === 'closed')
        this.endPeer(peer, 'left', session.reason || msg('The peer left.'));
    });
    void this.openPeer(peer, run);
  }

  private async openPeer(peer: RoomPeer, run: number): Promise<void> {
    const { session } = peer;
    const labels = this.channelSpecs.map((s) => s.label);
    try {
      const opened = await Promise.all(labels.map((l) => session.channel(l)));
      labels.forEach((l, i) => peer.channels.set(l, opened[i]));
      // Channels can open while setRemoteDescription(answer) is still settling on the offerer.
      await session.negotiated();
      peer.verificationCode = await verificationCode(
        session.pc.localDescription?.sdp ?? '',
        session.pc.remoteDescription?.sdp ?? '',
      );
      if (run !== this.run || !this.active || peer.state !== 'connecting') return;
      peer.name ||= session.remoteName;
      peer.state = 'connected';
      if (this.roomRole === 'creator') session.stopSignaling();
      if (this.phase === 'connected') this.changed();
      else {
        this.notice = ''; // who left before is of the past now
        this.makePrimary(peer);
      }
    } catch (error) {
      if (run === this.run && isLive(peer)) this.endPeer(peer, 'failed', message(error));
    }
  }

  /** The peer whose session stands for the link (details, meters, the single-peer fields). */
  private makePrimary(peer: RoomPeer): void {
    this.local = peer.session;
    this.channels.clear();
    for (const [label, channel] of peer.channels) this.channels.set(label, channel);
    this.verificationCode = peer.verificationCode;
    clearTimeout(this.timer);
    this.stopRejoining();
    this.update('connected');
  }

  /**
   * The joiner lost its connection (or an attempt to get it back failed): it tries again
   * shortly, until the limit. `iceFailed`: this attempt found no path (the relay is offered if
   * it was the last).
   */
  private rejoinLater(reason: string, iceFailed: boolean): void {
    this.lastAttempt = { reason, iceFailed };
    if (this.reconnectUntil === 0) {
      this.reconnectUntil = Date.now() + REJOIN_LIMIT_MS;
      this.lostBecause = reason;
      this.giveUpTimer = setTimeout(() => {
        const { reason: last, iceFailed: noPath } = this.lastAttempt;
        const limit = formatSeconds(REJOIN_LIMIT_MS / 1000, 0);
        this.stopRejoining();
        this.iceFailed = noPath;
        this.finish(
          'failed',
          msg(str`The connection was lost and did not come back within ${limit}: ${last}`),
        );
      }, REJOIN_LIMIT_MS);
    }
    this.finish('failed', reason);
  }

  /** The creator's side of a rejoin: "Reconnecting…" until the joiner is back or gives up. */
  private awaitRejoin(name: string, reason: string): void {
    this.stopRejoining();
    this.reconnectUntil = Date.now() + REJOIN_LIMIT_MS;
    this.lostBecause = reason;
    this.notice = msg(
      str`The connection to ${name} was lost: ${reason} It rejoins by itself once its network is back.`,
    );
    this.giveUpTimer = setTimeout(() => {
      const limit = formatSeconds(REJOIN_LIMIT_MS / 1000, 0);
      this.stopRejoining();
      this.notice = msg(
        str`${name} did not come back within ${limit} after its connection was lost: ${reason} The room stays open: it can come back with the same link.`,
      );
      this.changed();
    }, REJOIN_LIMIT_MS);
  }

  private stopRejoining(): void {
    this.reconnectUntil = 0;
    this.lostBecause = '';
    clearTimeout(this.rejoinTimer);
    clearTimeout(this.giveUpTimer);
  }

  private endPeer(peer: RoomPeer, state: 'left' | 'failed', reason: string): void {
    peer.state = state;
    peer.reason = reason;
    peer.session.close();
    if (!this.active) return;
    const others = this.peers.filter(isLive);
    const lastConnected = this.phase === 'connected' && this.connectedPeers.length === 0;
    if (this.roomRole === 'joiner') {
      // A connection that worked and then failed (a network that dropped) is rejoined.
      if ((state === 'failed' && wasConnected(peer)) || this.reconnectUntil > 0)
        return this.rejoinLater(reason, state === 'failed' && peer.session.iceFailed);
      // The joiner's only peer gone: the link ends as a two-device link would.
      if (state === 'failed') this.iceFailed = peer.session.iceFailed;
      this.finish(state === 'failed' ? 'failed' : 'closed', reason);
      return;
    }
    if (lastConnected) {
      // The creator's room stays open: the device can come back (and resume its transfers),
      // and others can still join.
      const name = peer.name || msg('The other device');
      this.notice =
        state === 'failed'
          ? msg(
              str`The connection to ${name} failed: ${reason} The room stays open for it to come back.`,
            )
          : msg(str`${name} left. The room stays open: it can come back with the same link.`);
      // A connection that worked and then failed: the joiner rejoins by itself, and this side
      // says so for as long as the joiner tries.
      if (state === 'failed' && wasConnected(peer)) this.awaitRejoin(name, reason);
      this.local = null;
      this.channels.clear();
      this.verificationCode = '';
      this.startedAt = Date.now();
      this.update(others.length > 0 ? 'connecting' : 'waiting');
      return;
    }
    if (others.length === 0 && this.phase === 'connecting' && !this.peers.some(wasConnected)) {
      // The first joiner failed (or left) before anyone connected: as a two-device room would.
      if (state === 'failed') this.iceFailed = peer.session.iceFailed;
      this.finish(state === 'failed' ? 'failed' : 'closed', reason);
      return;
    }
    if (others.length === 0 && this.phase === 'connecting') {
      this.update('waiting');
      return;
    }
    const next = this.connectedPeers[0];
    if (this.local === peer.session && next) this.makePrimary(next);
    else this.changed();
  }

  /** Fails the run at once, saying why, in a browser without WebRTC. */
  private lacksWebRtc(): boolean {
    const missing = webRtcMissing();
    if (missing) this.finish('failed', missing);
    return missing !== '';
  }

  private begin(mode: PeerLink['mode'], phase: LinkPhase): number {
    if (this.active) this.finish('closed', '');
    this.run++;
    this.mode = mode;
    this.reason = '';
    this.notice = '';
    this.iceFailed = false;
    this.verificationCode = '';
    this.room = null;
    this.roomRole = null;
    // A room after a loopback run must not wait on the old run's second peer.
    this.local = null;
    this.peer = null;
    this.peers = [];
    this.channels.clear();
    this.peerChannels.clear();
    this.abort = new AbortController();
    this.startedAt = Date.now();
    this.update(phase);
    return this.run;
  }

  private watchLoopback(session: PeerSession, run: number): void {
    session.addEventListener('statechange', () => {
      if (run !== this.run || !this.active) return;
      if (session.state === 'failed') this.finish('failed', session.reason);
      else if (session.state === 'closed')
        this.finish('closed', session.reason || msg('The peer left.'));
    });
  }

  private async openLoopback(run: number): Promise<void> {
    const labels = this.channelSpecs.map((s) => s.label);
    try {
      const mine = await Promise.all(labels.map((l) => this.local!.channel(l)));
      const theirs = await Promise.all(labels.map((l) => this.peer!.channel(l)));
      if (run !== this.run) return;
      labels.forEach((l, i) => this.channels.set(l, mine[i]));
      labels.forEach((l, i) => this.peerChannels.set(l, theirs[i]));
      await this.local!.negotiated();
      if (run !== this.run || !this.active) return;
      this.update('connected');
    } catch (error) {
      if (run === this.run && this.active) this.finish('failed', message(error));
    }
  }

  private timeOut(run: number, ms: number): void {
    if (run !== this.run || !this.active || this.phase === 'connected') return;
    const seconds = formatSeconds(Math.round(ms / 1000), 0);
    const why =
      this.phase === 'waiting'
        ? this.roomRole === 'creator'
          ? msg(
              str`No one joined the room within ${seconds}. Share the link, then create a room again.`,
            )
          : msg(str`The room's creator did not answer within ${seconds}: the room may be closed.`)
        : msg(str`Connecting took longer than ${seconds} (signaling time-out, see Settings).`);
    this.finish('failed', why);
  }

  private finish(phase: 'failed' | 'closed', reason: string): void {
    clearTimeout(this.timer);
    clearTimeout(this.rejoinTimer);
    this.abort.abort();
    // While rejoining, a failed attempt is followed by another: the link stays in progress.
    const rejoin =
      phase === 'failed' &&
      this.roomRole === 'joiner' &&
      this.reconnectUntil > 0 &&
      this.room &&
      this.settings;
    // The creator's wait for a device to come back ends with its room.
    if (this.roomRole === 'creator') this.stopRejoining();
    this.reason = rejoin ? '' : reason;
    this.update(rejoin ? 'connecting' : phase);
    this.local?.close();
    this.peer?.close();
    for (const p of this.peers) {
      if (isLive(p)) p.state = 'left';
      p.session.close();
    }
    if (!rejoin) return;
    const [room, settings] = [this.room!, this.settings!];
    this.rejoinTimer = setTimeout(() => {
      if (this.reconnectUntil > 0) void this.startRoom(room, 'joiner', settings);
    }, REJOIN_PAUSE_MS);
  }

  private changed(): void {
    this.dispatchEvent(new Event('change'));
  }

  private update(phase: LinkPhase): void {
    this.phase = phase;
    this.changed();
  }
}

/** A peer whose channels were open at some point (it left or failed after that). */
function wasConnected(peer: RoomPeer): boolean {
  return peer.verificationCode !== '';
}

function message(error: unknown): string {
  return errorText(error, msg('Connecting failed.'));
}

export type { RoomPeer };
