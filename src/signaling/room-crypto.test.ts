import { describe, expect, it } from 'vitest';
import { RoomVerificationError, additionalData, deriveRoomKey, open, seal } from './room-crypto';

const enc = new TextEncoder();
const dec = new TextDecoder();
const secret = crypto.getRandomValues(new Uint8Array(32));

describe('room crypto', () => {
  it('round-trips a message', async () => {
    const key = await deriveRoomKey(secret, 'room1');
    const sealed = await seal(key, additionalData('room1', 'c2j', 0), enc.encode('offer sdp'));
    expect(dec.decode(await open(key, additionalData('room1', 'c2j', 0), sealed))).toBe(
      'offer sdp',
    );
  });

  it('the same secret derives the same key on both sides', async () => {
    const a = await deriveRoomKey(secret, 'room1');
    const b = await deriveRoomKey(Uint8Array.from(secret), 'room1');
    const sealed = await seal(a, additionalData('room1', 'c2j', 0), enc.encode('x'));
    expect(dec.decode(await open(b, additionalData('room1', 'c2j', 0), sealed))).toBe('x');
  });

  it('a wrong secret does not open', async () => {
    const key = await deriveRoomKey(secret, 'room1');
    const wrong = await deriveRoomKey(crypto.getRandomValues(new Uint8Array(32)), 'room1');
    const sealed = await seal(key, additionalData('room1', 'c2j', 0), enc.encode('x'));
    await expect(open(wrong, additionalData('room1', 'c2j', 0), sealed)).rejects.toBeInstanceOf(
      RoomVerificationError,
    );
  });

  it('detects tampering with any byte', async () => {
    const key = await deriveRoomKey(secret, 'room1');
    const aad = additionalData('room1', 'c2j', 0);
    const sealed = await seal(key, aad, enc.encode('candidate'));
    for (const i of [0, 12, sealed.length - 1]) {
      const bad = Uint8Array.from(sealed);
      bad[i] ^= 1;
      await expect(open(key, aad, bad)).rejects.toBeInstanceOf(RoomVerificationError);
    }
    await expect(open(key, aad, sealed.slice(0, 10))).rejects.toBeInstanceOf(RoomVerificationError);
  });

  it('detects replay and reordering (another sequence number) and a swapped direction', async () => {
    const key = await deriveRoomKey(secret, 'room1');
    const sealed = await seal(key, additionalData('room1', 'c2j', 1), enc.encode('x'));
    await expect(open(key, additionalData('room1', 'c2j', 2), sealed)).rejects.toThrow(
      /could not be verified/,
    );
    await expect(open(key, additionalData('room1', 'c2j', 0), sealed)).rejects.toThrow();
    await expect(open(key, additionalData('room1', 'j2c', 1), sealed)).rejects.toThrow();
    await expect(open(key, additionalData('room2', 'c2j', 1), sealed)).rejects.toThrow();
  });
});
