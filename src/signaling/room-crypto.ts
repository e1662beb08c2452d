// Room messages are sealed with AES-256-GCM under a key derived (HKDF-SHA-256) from the room
// secret, which travels only in the link's fragment. The additional data binds each message to
// its room, direction and sequence number, so a message replayed, reordered or moved to the
// other direction does not open, and a stranger who guesses the path can neither read nor
// inject one.

import { msg } from '@lit/localize';
import { webCryptoMissing } from './web-crypto';

const encoder = new TextEncoder();
const IV_BYTES = 12;

/** A room message that did not open: wrong secret, tampering, replay or reordering. */
export class RoomVerificationError extends Error {
  constructor() {
    super(
      msg(
        "The room's messages could not be verified (wrong room secret, or someone altered, replayed or reordered them). The connection was stopped.",
      ),
    );
    this.name = 'RoomVerificationError';
  }
}

export async function deriveRoomKey(secret: Uint8Array, roomId: string): Promise<CryptoKey> {
  const missing = webCryptoMissing();
  if (missing) throw new Error(missing);
  const material = await crypto.subtle.importKey('raw', bytes(secret), 'HKDF', false, [
    'deriveKey',
  ]);
  return crypto.subtle.deriveKey(
    {
      name: 'HKDF',
      hash: 'SHA-256',
      salt: encoder.encode(`dckit room ${roomId}`),
      info: encoder.encode('dckit signaling v1'),
    },
    material,
    { name: 'AES-GCM', length: 256 },
    false,
    ['encrypt', 'decrypt'],
  );
}

/** What a sealed message is bound to. */
export function additionalData(roomId: string, direction: string, seq: number): Uint8Array {
  return encoder.encode(`${roomId}/${direction}/${seq}`);
}

/** IV (12 bytes) followed by the AES-GCM ciphertext and tag. */
export async function seal(
  key: CryptoKey,
  aad: Uint8Array,
  plaintext: Uint8Array,
): Promise<Uint8Array> {
  const iv = crypto.getRandomValues(new Uint8Array(IV_BYTES));
  const sealed = await crypto.subtle.encrypt(
    { name: 'AES-GCM', iv, additionalData: bytes(aad) },
    key,
    bytes(plaintext),
  );
  const out = new Uint8Array(IV_BYTES + sealed.byteLength);
  out.set(iv);
  out.set(new Uint8Array(sealed), IV_BYTES);
  return out;
}

/** Opens a sealed message or throws RoomVerificationError. */
export async function open(
  key: CryptoKey,
  aad: Uint8Array,
  sealed: Uint8Array,
): Promise<Uint8Array> {
  if (sealed.byteLength < IV_BYTES + 16) throw new RoomVerificationError();
  try {
    const plain = await crypto.subtle.decrypt(
      { name: 'AES-GCM', iv: sealed.slice(0, IV_BYTES), additionalData: bytes(aad) },
      key,
      sealed.slice(IV_BYTES),
    );
    return new Uint8Array(plain);
  } catch {
    throw new RoomVerificationError();
  }
}

/** WebCrypto's typings want ArrayBuffer-backed views. */
function bytes(view: Uint8Array): Uint8Array<ArrayBuffer> {
  return new Uint8Array(view);
}
