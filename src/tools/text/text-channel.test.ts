import { describe, expect, it } from 'vitest';
import { maxMessageSize } from './text-channel';

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
