import { msg, str } from '@lit/localize';
import { formatNumber } from '../i18n/format';

const encoder = new TextEncoder();

/** Bytes the text takes on the wire (data channels send strings as UTF-8). */
export function utf8Length(text: string): number {
  return encoder.encode(text).byteLength;
}

/** Why this text cannot go in one message, or null when it fits. */
export function messageTooLong(text: string, maxMessageSize: number): string | null {
  const bytes = utf8Length(text);
  if (bytes <= maxMessageSize) return null;
  const size = formatNumber(bytes);
  const limit = formatNumber(maxMessageSize);
  return msg(
    str`This message is ${size} bytes of UTF-8; the connection's limit is ${limit} bytes per message. Nothing was sent.`,
  );
}
