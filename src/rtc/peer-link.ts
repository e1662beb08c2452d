import { msg, str } from '@lit/localize';
import { formatSeconds } from '../i18n/format';
import { checkPipingServer, isAbort } from '../signaling/piping-errors';
import { PipingSignaling, type RoomRole } from '../signaling/piping';
import { deriveRoomKey } from '../signaling/room-crypto';
import { secretBytes, type RoomRef } from '../signaling/room-link';
import { createLoopbackSessions } from './loopback-pair';
import { PeerSession, type ChannelSpec } from './peer-session';
import { verificationCode } from './verification-code';

/**
 * - checking: asking the piping-server whether it is one
 * - waiting: in a room, the other side has not shown up yet
 * - connecting: signaling done or under way, ICE/DTLS/channels opening
 */
export type LinkPhase =
  'idle' | 'checking' | 'waiting' | 'connecting' | 'connected' | 'failed' | 'closed';

export interface RoomSettings {
  /** piping-server URL without a trailing '/' */
  server: string;
  rtcConfig: RTCConfiguration;
  timeoutMs: number;
}

/**
 * A tool's connection, whichever way it is made: loopback (both peers in this page) or one side
 * of a room. Fires `change` whenever anything shown about it changes.
 */
export class PeerLink extends EventTarget {
  phase: LinkPhase = 'idle';
  mode: 'loopback' | 'room' = 'loopback';
  /** Why it failed or closed, when that was not the user's own choice. */
  reason = '';
  startedAt = 0;
  room: RoomRef | null = null;
  /** The piping-server the room signals through. */
  server = '';
  roomRole: RoomRole | null = null;
  /** The connection failed because ICE found no path: the relay is the way out. */
  iceFailed = false;
  /** Six digits from both DTLS fingerprints, once connected. */
  verificationCode = '';
  /** This side's session. */
  local: PeerSession | null = null;
  /** The other end, in loopback mode only. */
  peer: PeerSession | null = null;
  /** Open channels by label, this side and (loopback) the other end. */
  readonly channels = new Map<string, RTCDataChannel>();
  readonly peerChannels = new Map<string, RTCDataChannel>();

  private abort = new AbortController();
  private timer: ReturnType<typeof setTimeout> | undefined;
  private run = 0;

  constructor(public channelSpecs: ChannelSpec[]) {
    super();
  }

  get active(): boolean {
    return ['checking', 'waiting', 'connecting', 'connected'].includes(this.phase);
  }

  async startLoopback(): Promise<void> {
    const run = this.begin('loopback', 'connecting');
    const [a, b] = createLoopbackSessions(this.channelSpecs);
    this.local = a;
    this.peer = b;
    this.watch(a, run);
    this.watch(b, run);
    await Promise.all([a.start(), b.start()]);
    await this.openChannels(run);
  }

  async createRoom(room: RoomRef, settings: RoomSettings): Promise<void> {
    await this.startRoom(room, 'creator', settings);
  }

  async joinRoom(room: RoomRef, settings: RoomSettings): Promise<void> {
    await this.startRoom(room, 'joiner', settings);
  }

  /** Cancel or Leave: closes everything this link opened and aborts pending requests. */
  close(reason = ''): void {
    if (!this.active) return;
    this.finish('closed', reason);
  }

  private async startRoom(room: RoomRef, role: RoomRole, settings: RoomSettings): Promise<void> {
    const run = this.begin('room', 'checking');
    this.room = room;
    this.server = settings.server;
    this.roomRole = role;
    this.timer = setTimeout(() => this.timeOut(run, settings.timeoutMs), settings.timeoutMs);
    try {
      await checkPipingServer(settings.server, this.abort.signal);
      const key = await deriveRoomKey(secretBytes(room), room.id);
      if (run !== this.run) return;
      const signaling = new PipingSignaling({
        server: settings.server,
        roomId: room.id,
        key,
        role,
        onPeerSeen: () => {
          if (run === this.run && this.phase === 'waiting') this.update('connecting');
        },
      });
      this.local = new PeerSession({
        signaling,
        role: role === 'creator' ? 'offerer' : 'answerer',
        rtcConfig: settings.rtcConfig,
        channels: role === 'creator' ? this.channelSpecs : [],
      });
      this.watch(this.local, run);
      this.update('waiting');
      await this.local.start();
      await this.openChannels(run);
    } catch (error) {
      if (run === this.run && !isAbort(error)) this.finish('failed', message(error));
    }
  }

  private begin(mode: PeerLink['mode'], phase: LinkPhase): number {
    if (this.active) this.finish('closed', '');
    this.run++;
    this.mode = mode;
    this.reason = '';
    this.iceFailed = false;
    this.verificationCode = '';
    this.room = null;
    this.roomRole = null;
    // A room after a loopback run must not wait on the old run's second peer.
    this.local = null;
    this.peer = null;
    this.channels.clear();
    this.peerChannels.clear();
    this.abort = new AbortController();
    this.startedAt = Date.now();
    this.update(phase);
    return this.run;
  }

  private watch(session: PeerSession, run: number): void {
    session.addEventListener('statechange', () => {
      if (run !== this.run || !this.active) return;
      if (session.state === 'failed') {
        this.iceFailed = session.iceFailed;
        this.finish('failed', session.reason);
      } else if (session.state === 'closed')
        this.finish('closed', session.reason || msg('The peer left.'));
    });
  }

  private async openChannels(run: number): Promise<void> {
    const labels = this.channelSpecs.map((s) => s.label);
    try {
      const mine = await Promise.all(labels.map((l) => this.local!.channel(l)));
      const theirs = this.peer ? await Promise.all(labels.map((l) => this.peer!.channel(l))) : [];
      if (run !== this.run) return;
      labels.forEach((l, i) => this.channels.set(l, mine[i]));
      labels.forEach((l, i) => theirs[i] && this.peerChannels.set(l, theirs[i]));
      const pc = this.local!.pc;
      // Channels can open while setRemoteDescription(answer) is still settling on the offerer.
      await this.local!.negotiated();
      this.verificationCode = await verificationCode(
        pc.localDescription?.sdp ?? '',
        pc.remoteDescription?.sdp ?? '',
      );
      if (run !== this.run || !this.active) return;
      clearTimeout(this.timer);
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
    this.abort.abort();
    this.reason = reason;
    this.update(phase);
    this.local?.close();
    this.peer?.close();
  }

  private update(phase: LinkPhase): void {
    this.phase = phase;
    this.dispatchEvent(new Event('change'));
  }
}

function message(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
