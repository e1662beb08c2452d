// For unit tests of the file engine: patterned bytes (a different pattern per seed), their
// SHA-256 (comparing digests: toEqual on megabytes is slow), and parts joined.
import { createHash } from 'node:crypto';

export function patterned(size: number, seed = 1): Uint8Array<ArrayBuffer> {
  const out = new Uint8Array(size);
  for (let i = 0; i < size; i++) out[i] = (i * 131 + seed * 7) & 0xff;
  return out;
}

/** `patterned` bytes as a File, and the bytes. */
export function patternedFile(size: number, seed = 1, name = 'f.bin') {
  const bytes = patterned(size, seed);
  return { file: new File([bytes], name), bytes };
}

export const sha256Hex = (bytes: Uint8Array): string =>
  createHash('sha256').update(bytes).digest('hex');

export function joinBytes(parts: readonly Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.byteLength, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.byteLength;
  }
  return out;
}
