import { msg } from '@lit/localize';

/** The DTLS fingerprints an SDP commits to (`a=fingerprint:<hash> <hex>`), normalised. */
export function fingerprints(sdp: string): string[] {
  return [...sdp.matchAll(/^a=fingerprint:(\S+) ([0-9A-Fa-f:]+)\s*$/gm)].map(
    ([, hash, hex]) => `${hash.toLowerCase()} ${hex.toUpperCase()}`,
  );
}

/**
 * A six-digit code both peers compute from both sides' DTLS fingerprints (sorted, so order does
 * not matter). Anyone who swapped a fingerprint in the handshake would be on the media path,
 * and the two codes would differ: peers compare them aloud.
 */
export async function verificationCode(localSdp: string, remoteSdp: string): Promise<string> {
  const all = [...fingerprints(localSdp), ...fingerprints(remoteSdp)].sort();
  if (all.length < 2) throw new Error(msg('The handshake carried no DTLS fingerprints.'));
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(all.join('\n')));
  const n = new DataView(digest).getUint32(0) % 1_000_000;
  const digits = String(n).padStart(6, '0');
  return `${digits.slice(0, 3)} ${digits.slice(3)}`;
}
