import { afterEach, describe, expect, it, vi } from 'vitest';
import { webRtcMissing } from './webrtc-support';

afterEach(() => vi.unstubAllGlobals());

describe('webRtcMissing', () => {
  it('names what is missing, and what still works, when RTCPeerConnection is gone', () => {
    vi.stubGlobal('RTCPeerConnection', undefined);
    expect(webRtcMissing()).toMatch(/no WebRTC .*Relay tool still sends and receives/);
  });

  it('says nothing where the browser has it', () => {
    vi.stubGlobal('RTCPeerConnection', class {});
    expect(webRtcMissing()).toBe('');
  });
});
