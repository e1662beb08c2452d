/** Lower-case hex of `bytes` (a SHA-256 as records and the UI show it). */
export function toHex(bytes: Uint8Array): string {
  let out = '';
  for (const b of bytes) out += b.toString(16).padStart(2, '0');
  return out;
}
