import { msg, str } from '@lit/localize';
import { messageTooLong } from '../../rtc/message-size';
import { onChannelMessage } from '../../rtc/early-messages';
import { PEER_NAME_MAX, cleanPeerName } from '../../rtc/peer-name';

/** One line of the conversation. */
export interface ChatEntry {
  id: number;
  from: 'me' | 'peer';
  /** The sending device's name, for a peer's message in a room. */
  name?: string;
  text: string;
  /** ms since the epoch */
  at: number;
}

let nextId = 1;

export function entry(from: ChatEntry['from'], text: string, name?: string): ChatEntry {
  return { id: nextId++, from, text, at: Date.now(), ...(name ? { name } : {}) };
}

/** Fallback when the browser does not report `pc.sctp.maxMessageSize`. */
const DEFAULT_MAX_MESSAGE_SIZE = 65536;

/**
 * A text message is at most 256 KiB: what Chromium accepts, so a chat reads the same in every
 * pairing of browsers (two Firefox peers would otherwise allow about 1 GiB in a textarea).
 */
const TEXT_MESSAGE_CAP = 256 * 1024;

export function maxMessageSize(pc: RTCPeerConnection): number {
  return Math.min(pc.sctp?.maxMessageSize || DEFAULT_MAX_MESSAGE_SIZE, TEXT_MESSAGE_CAP);
}

/** Room text leaves room for the frame a creator relays it in (one byte and a name). */
export function roomMessageSize(pc: RTCPeerConnection): number {
  return maxMessageSize(pc) - RELAY_OVERHEAD;
}

const RELAY_OVERHEAD = 1 + 4 * PEER_NAME_MAX;
const encoder = new TextEncoder();
const decoder = new TextDecoder();

/**
 * A message the room's creator passes on from another joiner: one byte giving the length of the
 * sender's name in UTF-8, the name, then the text. Strings on the channel are the other end's
 * own messages, so the two can never be confused.
 */
export function relayFrame(name: string, text: string): Uint8Array<ArrayBuffer> {
  const nameBytes = encoder.encode(name).slice(0, 4 * PEER_NAME_MAX);
  const textBytes = encoder.encode(text);
  const frame = new Uint8Array(1 + nameBytes.length + textBytes.length);
  frame[0] = nameBytes.length;
  frame.set(nameBytes, 1);
  frame.set(textBytes, 1 + nameBytes.length);
  return frame;
}

export function readRelayFrame(data: ArrayBuffer): { name: string; text: string } | null {
  const bytes = new Uint8Array(data);
  if (bytes.length < 1 || bytes.length < 1 + bytes[0]) return null;
  const name = cleanPeerName(decoder.decode(bytes.subarray(1, 1 + bytes[0])));
  return { name, text: decoder.decode(bytes.subarray(1 + bytes[0])) };
}

/**
 * Sends text as single messages, refusing any that exceed the connection's message size, and
 * hands received text to `onText`: the other end's own (no name), or a message the room's
 * creator relayed from another device (with its name).
 */
export class TextChannel {
  constructor(
    private readonly channel: RTCDataChannel,
    private readonly limit: number,
    onText: (text: string, relayedFrom?: string) => void,
  ) {
    onChannelMessage(channel, ({ data }) => {
      if (typeof data === 'string') onText(data);
      else if (data instanceof ArrayBuffer) {
        const relayed = readRelayFrame(data);
        if (relayed) onText(relayed.text, relayed.name);
      }
    });
  }

  /** Passes on another device's message (the creator of a room does this). */
  relay(name: string, text: string): void {
    if (this.channel.readyState !== 'open') return;
    try {
      this.channel.send(relayFrame(name, text));
    } catch {
      // A peer that is leaving misses the message; the others still get it.
    }
  }

  /** Sends `text`; returns why it was not sent, or null. */
  send(text: string): string | null {
    const tooLong = messageTooLong(text, this.limit);
    if (tooLong) return tooLong;
    if (this.channel.readyState !== 'open')
      return msg('The channel is not open: nothing was sent.');
    try {
      this.channel.send(text);
      return null;
    } catch (error) {
      const detail = error instanceof Error ? error.message : String(error);
      return msg(str`Sending failed: ${detail}`);
    }
  }
}
