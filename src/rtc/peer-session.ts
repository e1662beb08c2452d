import { msg, str } from '@lit/localize';
import type { SignalMessage, Signaling } from '../signaling/signaling';
import { cleanPeerName } from './peer-name';
import { nextPeerState, type PeerState } from './peer-state';
import { OWN_CHANNEL_PREFIX } from './own-channel';
import { Heartbeat, HEARTBEAT_INTERVAL_MS, receivedBytes } from './heartbeat';
import { holdEarlyMessages } from './early-messages';
import { errorText } from '../i18n/error-text';

/** The session's own channel for heartbeats: tools never see it. */
const ALIVE_LABEL = '~alive';
/**
 * Said on the heartbeat channel by a side that leaves on purpose, before it closes. A connection
 * that closes without it was cut, not left: a side that gave up on a path broken one way (a NAT
 * that changed its mapping) closes it too, and the other side, which may still hear that close,
 * must rejoin rather than take it for a goodbye.
 */
const BYE = 'bye';
/**
 * How long a side that leaves waits for BYE to be delivered (its heartbeat channel's close
 * completes once the peer has everything sent on it) before it closes the connection anyway.
 */
const BYE_WAIT_MS = 3000;

export type Role = 'offerer' | 'answerer';

export interface ChannelSpec {
  label: string;
  init?: RTCDataChannelInit;
}

export interface PeerSessionOptions {
  signaling: Signaling;
  role: Role;
  rtcConfig?: RTCConfiguration;
  /** Channels the offerer creates; the answerer receives them by label. */
  channels: ChannelSpec[];
}

/**
 * One side of a WebRTC connection: runs offer/answer and trickled candidates over a Signaling,
 * opens the data channels a tool asks for, and closes everything on `close()`.
 *
 * Fires `statechange` whenever `state` changes.
 */
export class PeerSession extends EventTarget {
  readonly pc: RTCPeerConnection;
  readonly role: Role;
  state: PeerState = 'new';
  /** Why the session failed or closed, when that was not our own choice. */
  reason = '';
  private readonly signaling: Signaling;
  private readonly channels = new Map<string, RTCDataChannel>();
  private readonly channelWaiters = new Map<string, ((c: RTCDataChannel) => void)[]>();
  private readonly pendingCandidates: RTCIceCandidateInit[] = [];
  private readonly specs: ChannelSpec[];
  private wasConnected = false;
  private localCandidates = 0;
  /** Candidates that reach past this side's own network (srflx or relay). */
  private publicCandidates = 0;
  /** The failure was ICE finding no path (so a relay is the way out), not signaling. */
  iceFailed = false;
  /** The name the other side gave in its hello ('' until then, or if it sent none). */
  remoteName = '';
  private heartbeatTimer: ReturnType<typeof setInterval> | undefined;
  private alive: RTCDataChannel | null = null;

  constructor(options: PeerSessionOptions) {
    super();
    this.signaling = options.signaling;
    this.role = options.role;
    this.specs = options.channels;
    this.pc = new RTCPeerConnection(options.rtcConfig);
    this.pc.addEventListener('connectionstatechange', () =>
      this.setState(nextPeerState(this.state, this.pc.connectionState)),
    );
    this.pc.addEventListener('icecandidate', ({ candidate }) => {
      // Firefox ends gathering with an empty candidate string (then null): neither is a path.
      if (!candidate?.candidate) return;
      this.localCandidates++;
      if (/ typ (srflx|relay) /.test(candidate.candidate)) this.publicCandidates++;
      this.send({ type: 'candidate', candidate: candidate.toJSON() });
    });
    // With no candidate at all (relay-only policy and no working TURN server), Chromium never
    // moves the connection to 'failed': say so once offer and answer are through.
    this.pc.addEventListener('icegatheringstatechange', () => this.checkNoPath());
    this.pc.addEventListener('datachannel', ({ channel }) => this.adopt(channel));
  }

  /** Starts negotiating; the offerer creates the channels and sends the offer. */
  async start(): Promise<void> {
    this.setState('connecting');
    void this.listen();
    if (this.role !== 'offerer') return;
    for (const spec of this.specs) this.adopt(this.pc.createDataChannel(spec.label, spec.init));
    this.adopt(this.pc.createDataChannel(ALIVE_LABEL));
    try {
      await this.pc.setLocalDescription();
      this.send({ type: 'description', description: this.pc.localDescription!.toJSON() });
    } catch (error) {
      const detail = describe(error);
      this.fail(msg(str`Could not create the offer: ${detail}`));
    }
  }

  /** The channel with this label, once it is open. Rejects if the session ends first. */
  channel(label: string): Promise<RTCDataChannel> {
    const existing = this.channels.get(label);
    if (existing?.readyState === 'open') return Promise.resolve(existing);
    return new Promise((resolve, reject) => {
      const waiters = this.channelWaiters.get(label) ?? [];
      waiters.push(resolve);
      this.channelWaiters.set(label, waiters);
      const onState = () => {
        if (this.state === 'closed' || this.state === 'failed') {
          this.removeEventListener('statechange', onState);
          reject(new Error(this.reason || this.endedBefore(label)));
        }
      };
      this.addEventListener('statechange', onState);
    });
  }

  /** Resolves once offer and answer are both applied (signaling state 'stable'). */
  negotiated(): Promise<void> {
    if (this.pc.signalingState === 'stable' && this.pc.remoteDescription) return Promise.resolve();
    return new Promise((resolve, reject) => {
      const check = () => {
        if (this.pc.signalingState === 'stable' && this.pc.remoteDescription) {
          this.pc.removeEventListener('signalingstatechange', check);
          resolve();
        } else if (this.pc.signalingState === 'closed') {
          reject(new Error(msg('The connection closed during negotiation.')));
        }
      };
      this.pc.addEventListener('signalingstatechange', check);
    });
  }

  /** Closes channels and the connection, tells the peer, and stops listening. */
  close(reason = ''): void {
    if (this.state === 'closed' || this.state === 'failed') return;
    this.send({ type: 'bye' });
    this.reason ||= reason;
    this.leave();
    this.setState('closed');
  }

  /** Fails the session from outside (a time-out, a channel that never opened). */
  abandon(reason: string): void {
    this.send({ type: 'bye' });
    this.fail(reason);
  }

  /**
   * Stops listening for signaling once connected: a room's creator keeps one signaling per peer,
   * and a browser holds only six requests per server, so they must not stay open.
   */
  stopSignaling(): void {
    this.signaling.close();
  }

  /** Why a channel never opened: the session ended first. */
  private endedBefore(label: string): string {
    return this.state === 'closed'
      ? msg(str`The connection closed before "${label}" opened.`)
      : msg(str`The connection failed before "${label}" opened.`);
  }

  /** A channel closed with no BYE before it: the other side gave up, or went without a word. */
  private cut(): void {
    this.fail(
      msg(
        'The connection was cut: the other device lost its network (or its NAT changed), or its page went away without a goodbye.',
      ),
    );
  }

  private fail(reason: string): void {
    if (this.state === 'closed' || this.state === 'failed') return;
    this.reason = reason;
    this.setState('failed');
  }

  /**
   * Says BYE where the peer can hear it, then closes everything once it was delivered: the
   * heartbeat channel's own close completes only after the peer has what was sent on it (or
   * after BYE_WAIT_MS, on a link too slow or too busy for it).
   */
  private leave(): void {
    const alive = this.alive;
    try {
      if (alive?.readyState !== 'open') return this.release();
      alive.send(BYE);
      alive.close();
    } catch {
      return this.release();
    }
    clearInterval(this.heartbeatTimer);
    const timer = setTimeout(() => this.release(), BYE_WAIT_MS);
    alive.addEventListener(
      'close',
      () => {
        clearTimeout(timer);
        this.release();
      },
      { once: true },
    );
  }

  private release(): void {
    clearInterval(this.heartbeatTimer);
    for (const channel of this.channels.values()) channel.close();
    this.pc.close();
    this.signaling.close();
  }

  private send(message: SignalMessage): void {
    try {
      this.signaling.send(message);
    } catch {
      // The signaling is already closed: nothing more to tell the peer.
    }
  }

  private adopt(channel: RTCDataChannel): void {
    // Left untouched for the tool listening for it, which may hand it to a worker.
    if (channel.label.startsWith(OWN_CHANNEL_PREFIX)) return;
    if (channel.label === ALIVE_LABEL) return this.keepAlive(channel);
    channel.binaryType = 'arraybuffer';
    holdEarlyMessages(channel);
    this.channels.set(channel.label, channel);
    const deliver = () => {
      const waiters = this.channelWaiters.get(channel.label) ?? [];
      this.channelWaiters.delete(channel.label);
      for (const resolve of waiters) resolve(channel);
    };
    if (channel.readyState === 'open') deliver();
    else channel.addEventListener('open', deliver, { once: true });
    // Whether the peer left or was cut is the heartbeat channel's to tell (BYE comes on it);
    // without one, a tool's channel closing says the connection was cut.
    channel.addEventListener('close', () => {
      if (this.alive?.readyState === 'open') return;
      if (this.state === 'connected' || this.state === 'connecting') this.cut();
    });
  }

  /**
   * Both sides say they are there every second: a page closed without a goodbye (a crash, a
   * killed tab, a lost network) is noticed within seconds instead of ICE's half a minute.
   */
  private keepAlive(channel: RTCDataChannel): void {
    const start = () => {
      const beat = new Heartbeat(performance.now());
      this.alive = channel;
      channel.onmessage = ({ data }) => {
        if (data === BYE) return this.close(msg('The peer left.'));
        beat.heard(performance.now());
      };
      this.heartbeatTimer = setInterval(() => {
        if (channel.readyState !== 'open') return;
        const verdict = beat.tick(performance.now());
        if (verdict === 'silent')
          return this.fail(
            msg('The other device stopped answering: its page was closed or its network dropped.'),
          );
        if (verdict === 'quiet')
          this.pc
            .getStats()
            .then((report) => beat.traffic(receivedBytes(report), performance.now()))
            .catch(() => {});
        try {
          channel.send('.');
        } catch {
          // Closing: the channel's own close ends the session.
        }
      }, HEARTBEAT_INTERVAL_MS);
    };
    if (channel.readyState === 'open') start();
    else channel.addEventListener('open', start, { once: true });
    // Closed with no BYE before it: the peer gave up on the connection, or went without a word.
    channel.addEventListener('close', () => {
      if (this.state === 'connected' || this.state === 'connecting') this.cut();
    });
  }

  private async listen(): Promise<void> {
    try {
      for await (const message of this.signaling.messages()) {
        if (this.state === 'closed' || this.state === 'failed') return;
        await this.handle(message);
      }
    } catch (error) {
      this.fail(describe(error));
    }
  }

  private async handle(message: SignalMessage): Promise<void> {
    switch (message.type) {
      case 'description': {
        await this.pc.setRemoteDescription(message.description);
        for (const c of this.pendingCandidates.splice(0)) await this.addCandidate(c);
        if (message.description.type === 'offer') {
          await this.pc.setLocalDescription();
          this.send({ type: 'description', description: this.pc.localDescription!.toJSON() });
        }
        this.checkNoPath();
        return;
      }
      case 'candidate':
        if (this.pc.remoteDescription) await this.addCandidate(message.candidate);
        else this.pendingCandidates.push(message.candidate);
        return;
      case 'hello':
        this.remoteName = cleanPeerName(message.name);
        return;
      case 'bye':
        if (message.full) {
          const max = message.full;
          this.fail(
            max === 1
              ? msg('The room is full: this tool connects its creator with one other device only.')
              : msg(str`The room is full: it takes at most ${max} devices besides its creator.`),
          );
        } else if (message.iceFailed) {
          this.iceFailed = true;
          this.fail(
            msg(
              'The connection failed on the other device: ICE found no path between you. If a firewall or NAT is in the way, add a TURN server to the ICE server list.',
            ),
          );
        } else if (message.noPath) {
          this.iceFailed = true;
          this.fail(
            msg(
              'ICE failed: the peer gathered no candidates, so there is no path between you. A working TURN server on its side (or a policy other than relay-only) is needed.',
            ),
          );
        } else {
          this.close(msg('The peer left.'));
        }
        return;
    }
  }

  /**
   * Fails (and tells the peer why) when gathering ended without a single candidate and the
   * handshake is complete; waiting for the handshake lets the peer join and learn it too.
   */
  private checkNoPath(): void {
    const pc = this.pc;
    if (pc.iceGatheringState !== 'complete' || this.localCandidates > 0) return;
    if (pc.signalingState !== 'stable' || !pc.remoteDescription) return;
    this.send({ type: 'bye', noPath: true });
    this.iceFailed = true;
    this.fail(
      msg(
        'ICE failed: this side gathered no candidates, so there is no path to the peer. With the relay-only policy a working TURN server is needed: add one to the ICE server list.',
      ),
    );
  }

  private async addCandidate(candidate: RTCIceCandidateInit): Promise<void> {
    try {
      await this.pc.addIceCandidate(candidate);
    } catch {
      // A candidate the browser cannot use (e.g. another address family) is not fatal.
    }
  }

  private setState(state: PeerState): void {
    if (state === this.state) return;
    if (this.state === 'connected') this.wasConnected = true;
    this.state = state;
    if (state === 'failed') {
      if (!this.reason && !this.wasConnected) {
        this.iceFailed = true;
        // The other side may not see it before its own, later time-out: tell it now.
        this.send({ type: 'bye', iceFailed: true });
      }
      this.reason ||= this.wasConnected
        ? msg(
            'The connection to the peer was lost: the peer left, or the network between you dropped.',
          )
        : this.publicCandidates === 0
          ? msg(
              'The connection failed: ICE found no path to the peer. No STUN or TURN server answered this side (no public or relayed address), so only local addresses were offered: a firewall probably blocks UDP and the TURN ports. A TURN server over TCP or TLS (turn:…?transport=tcp, turns:) may get through.',
            )
          : msg(
              'The connection failed: ICE found no path to the peer. If a firewall or NAT is in the way, add a TURN server to the ICE server list.',
            );
      this.release();
    }
    this.dispatchEvent(new Event('statechange'));
  }
}

function describe(error: unknown): string {
  return errorText(error, msg('The connection could not be set up.'));
}
