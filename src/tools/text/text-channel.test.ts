import { describe, expect, it } from 'vitest';
import { maxMessageSize, readRelayFrame, relayFrame, roomMessageSize } from './text-channel';

const pcWith = (sctp: { maxMessageSize: number } | null) => ({ sctp }) as RTCPeerConnection;

describe('maxMessageSize', () => {
  it("is the connection's limit when it is below 256 KiB", () => {
    expect(maxMessageSize(pcWith({ maxMessageSize: 65536 }))).toBe(65536);
  });

  it('is capped at 256 KiB (two Firefox peers report about 1 GiB)', () => {
    expect(maxMessageSize(pcWith({ maxMessageSize: 1073741823 }))).toBe(262144);
  });

  it('falls back to 64 KiB when the browser reports no SCTP transport', () => {
    expect(maxMessageSize(pcWith(null))).toBe(65536);
  });
});

describe('relay frames', () => {
  it('carry the name and the text, UTF-8 both', () => {
    const frame = relayFrame('Anna 📱', 'hi 你好');
    const buffer = frame.buffer;
    expect(readRelayFrame(buffer)).toEqual({ name: 'Anna 📱', text: 'hi 你好' });
  });

  it('refuse a frame whose name runs past its end', () => {
    expect(readRelayFrame(new Uint8Array([9, 65]).buffer)).toBeNull();
  });

  it('leave room for the frame within the message size', () => {
    const pc = pcWith({ maxMessageSize: 262144 });
    const text = 'x'.repeat(roomMessageSize(pc));
    expect(relayFrame('😀'.repeat(40), text).byteLength).toBeLessThanOrEqual(262144);
  });
});
