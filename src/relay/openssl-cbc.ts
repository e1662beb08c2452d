// Passphrase encryption compatible with `openssl enc -aes-256-cbc -pbkdf2 -k PASS`: the output
// is "Salted__", an 8-byte salt, then AES-256-CBC with PKCS#7 padding, key and IV from
// PBKDF2-HMAC-SHA256 (10000 iterations, openssl's default for -pbkdf2). WebCrypto's AES-CBC is
// one-shot, so large data goes chunk by chunk, chaining each chunk's IV to the previous
// chunk's last ciphertext block.

import { msg } from '@lit/localize';

const MAGIC = new TextEncoder().encode('Salted__');
const BLOCK = 16;
export const ITERATIONS = 10000;

/** Bad padding at the end: CBC cannot tell a wrong passphrase from corrupted data. */
export class WrongPassphraseError extends Error {
  constructor() {
    super(msg('Wrong passphrase or corrupted data: the decrypted end is not valid.'));
    this.name = 'WrongPassphraseError';
  }
}

export async function deriveKeyIv(
  passphrase: string,
  salt: Uint8Array,
): Promise<{ key: CryptoKey; iv: Uint8Array<ArrayBuffer>; raw: Uint8Array }> {
  const material = await crypto.subtle.importKey(
    'raw',
    new TextEncoder().encode(passphrase),
    'PBKDF2',
    false,
    ['deriveBits'],
  );
  const bits = new Uint8Array(
    await crypto.subtle.deriveBits(
      { name: 'PBKDF2', hash: 'SHA-256', salt: new Uint8Array(salt), iterations: ITERATIONS },
      material,
      384,
    ),
  );
  const key = await crypto.subtle.importKey('raw', bits.slice(0, 32), 'AES-CBC', false, [
    'encrypt',
    'decrypt',
  ]);
  return { key, iv: bits.slice(32, 48), raw: bits };
}

function concat(a: Uint8Array, b: Uint8Array): Uint8Array<ArrayBuffer> {
  const out = new Uint8Array(a.byteLength + b.byteLength);
  out.set(a);
  out.set(b, a.byteLength);
  return out;
}

/** Encrypts a stream of chunks; feed any sizes, then call final(). */
export class OpensslEncryptor {
  private pending: Uint8Array = new Uint8Array(0);

  private constructor(
    private readonly key: CryptoKey,
    private iv: Uint8Array<ArrayBuffer>,
    readonly header: Uint8Array,
  ) {}

  static async create(
    passphrase: string,
    salt = crypto.getRandomValues(new Uint8Array(8)),
  ): Promise<OpensslEncryptor> {
    const { key, iv } = await deriveKeyIv(passphrase, salt);
    return new OpensslEncryptor(key, iv, concat(MAGIC, salt));
  }

  /** Ciphertext for whole blocks of what was fed so far. */
  async update(data: Uint8Array): Promise<Uint8Array> {
    const all = concat(this.pending, data);
    const whole = all.byteLength - (all.byteLength % BLOCK);
    this.pending = all.slice(whole);
    if (whole === 0) return new Uint8Array(0);
    const out = new Uint8Array(
      await crypto.subtle.encrypt(
        { name: 'AES-CBC', iv: this.iv },
        this.key,
        all.subarray(0, whole),
      ),
    );
    // WebCrypto padded a full extra block: drop it and chain from the last real block.
    const body = out.subarray(0, whole);
    this.iv = body.slice(whole - BLOCK);
    return body;
  }

  /** The last blocks, with PKCS#7 padding. */
  async final(): Promise<Uint8Array> {
    return new Uint8Array(
      await crypto.subtle.encrypt({ name: 'AES-CBC', iv: this.iv }, this.key, this.pending.slice()),
    );
  }
}

/** Decrypts a stream that starts with "Salted__" and the salt. */
export class OpensslDecryptor {
  private key: CryptoKey | null = null;
  private iv: Uint8Array<ArrayBuffer> = new Uint8Array(0);
  private buffer: Uint8Array = new Uint8Array(0);

  constructor(private readonly passphrase: string) {}

  /** Plaintext for what can be decrypted so far (the last block waits for final()). */
  async update(data: Uint8Array): Promise<Uint8Array> {
    this.buffer = concat(this.buffer, data);
    if (!this.key) {
      if (this.buffer.byteLength < 16) return new Uint8Array(0);
      if (!MAGIC.every((b, i) => this.buffer[i] === b)) {
        throw new Error(
          msg('This is not openssl-encrypted data (it does not start with "Salted__").'),
        );
      }
      const derived = await deriveKeyIv(this.passphrase, this.buffer.slice(8, 16));
      this.key = derived.key;
      this.iv = derived.iv;
      this.buffer = this.buffer.slice(16);
    }
    // Keep at least one block back: the last block carries the padding.
    const usable = this.buffer.byteLength - (this.buffer.byteLength % BLOCK) - BLOCK;
    if (usable <= 0) return new Uint8Array(0);
    const chunk = this.buffer.subarray(0, usable);
    const last = chunk.slice(usable - BLOCK);
    // Append a block that decrypts to valid padding, so WebCrypto accepts a mid-stream chunk.
    const pad = await this.paddingBlockAfter(last);
    const plain = new Uint8Array(
      await crypto.subtle.decrypt({ name: 'AES-CBC', iv: this.iv }, this.key, concat(chunk, pad)),
    );
    this.iv = last;
    this.buffer = this.buffer.slice(usable);
    return plain;
  }

  async final(): Promise<Uint8Array> {
    if (!this.key || this.buffer.byteLength === 0 || this.buffer.byteLength % BLOCK !== 0) {
      throw new WrongPassphraseError();
    }
    try {
      return new Uint8Array(
        await crypto.subtle.decrypt(
          { name: 'AES-CBC', iv: this.iv },
          this.key,
          this.buffer.slice(),
        ),
      );
    } catch {
      throw new WrongPassphraseError();
    }
  }

  /** E(0x10…0x10 XOR prev): the ciphertext of a full padding block following `prev`. */
  private async paddingBlockAfter(prev: Uint8Array<ArrayBuffer>): Promise<Uint8Array> {
    const padding = new Uint8Array(BLOCK).fill(BLOCK);
    const out = new Uint8Array(
      await crypto.subtle.encrypt({ name: 'AES-CBC', iv: prev }, this.key!, padding),
    );
    return out.subarray(0, BLOCK);
  }
}
