/** The longest name a device shows for itself, in characters. */
export const PEER_NAME_MAX = 32;

/**
 * A name as another device sent it, made fit to show: control and format characters removed,
 * whitespace collapsed, at most PEER_NAME_MAX characters. '' when nothing is left.
 */
export function cleanPeerName(raw: unknown): string {
  if (typeof raw !== 'string') return '';
  const text = raw
    .replace(/[\p{Cc}\p{Cf}\p{Zl}\p{Zp}]/gu, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  return [...text].slice(0, PEER_NAME_MAX).join('').trim();
}
