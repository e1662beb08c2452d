import { msg, str } from '@lit/localize';
import { messageTooLong } from '../../rtc/message-size';

/** One line of the conversation. */
export interface ChatEntry {
  id: number;
  from: 'me' | 'peer';
  text: string;
  /** ms since the epoch */
  at: number;
}

let nextId = 1;

export function entry(from: ChatEntry['from'], text: string): ChatEntry {
  return { id: nextId++, from, text, at: Date.now() };
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

/**
 * Sends text as single messages, refusing any that exceed the connection's message size, and
 * hands received text to `onText`. Binary messages are not text and are ignored.
 */
export class TextChannel {
  constructor(
    private readonly channel: RTCDataChannel,
    private readonly limit: number,
    onText: (text: string) => void,
  ) {
    channel.addEventListener('message', ({ data }) => {
      if (typeof data === 'string') onText(data);
    });
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
