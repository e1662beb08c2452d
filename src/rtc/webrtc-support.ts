import { msg } from '@lit/localize';

/**
 * Why this browser cannot make peer connections, in one sentence, or '' when it can. Some
 * browsers have no WebRTC, and some turn it off (Firefox's `media.peerconnection.enabled`, set by
 * companies and privacy add-ons): RTCPeerConnection is then missing.
 */
export function webRtcMissing(): string {
  if (typeof globalThis.RTCPeerConnection === 'function') return '';
  return msg(
    'This browser has no WebRTC (RTCPeerConnection is missing or turned off), so it cannot open data channels; the Relay tool still sends and receives files through the piping-server.',
  );
}
