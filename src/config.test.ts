import { describe, expect, it } from 'vitest';
import { parseIceServersEnv } from './config';

describe('parseIceServersEnv', () => {
  it('is empty when unset, so no build contacts a server it was not told about', () => {
    expect(parseIceServersEnv(undefined)).toEqual([]);
    expect(parseIceServersEnv('')).toEqual([]);
  });
  it('reads a JSON array of RTCIceServer', () => {
    expect(parseIceServersEnv('[{"urls":"stun:127.0.0.1:3478"}]')).toEqual([
      { urls: 'stun:127.0.0.1:3478' },
    ]);
  });
  it('refuses anything else', () => {
    expect(() => parseIceServersEnv('{"urls":"stun:x"}')).toThrow(/JSON array/);
    expect(() => parseIceServersEnv('nope')).toThrow();
  });
});
