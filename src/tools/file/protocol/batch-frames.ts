// Binary messages that carry the bytes of a batch (many files, one channel), small files packed
// several to a message. All integers are little-endian.
//
//   message  = version:u8 (FRAME_VERSION), then one or more records
//   DATA     = 0x01, index:u32, offset:u64, length:u32, check:u8, then `length` bytes (length >= 1)
//   END      = 0x02, index:u32, check:u8, sha256:32 bytes
//
// `index` is the file's position in the batch manifest. `offset` is where the bytes sit in that
// file: a u64 (low u32, then high u32) whose value must be a safe integer, as must offset + length.
// `check` is the XOR of the record's bytes before it. A data channel does not corrupt bytes, but
// without it a length that is off would shift every later record, and the payload read as headers
// could still parse; with it, a wrong header is refused at the record that is wrong.

export const FRAME_VERSION = 0xb1;
const DATA_KIND = 0x01;
const END_KIND = 0x02;
export const DATA_HEADER_BYTES = 18;
export const END_RECORD_BYTES = 38;
const SHA256_BYTES = 32;
/** A message must hold the version byte and a whole END record, with room to spare. */
export const MIN_MAX_MESSAGE = 64;
/** Firefox's maxMessageSize (~1 GiB) is the largest any browser reports. */
export const MAX_MAX_MESSAGE = 2 ** 30;
/** The smallest record that can still go in a message: a DATA header and one byte. */
export const MIN_RECORD_BYTES = DATA_HEADER_BYTES + 1;

const U32 = 2 ** 32;
const MAX_OFFSET_HIGH = Math.floor(Number.MAX_SAFE_INTEGER / U32);

/** Records are views into the parsed message, not copies. */
export type FrameRecord =
  | {
      readonly kind: 'data';
      readonly index: number;
      readonly offset: number;
      readonly bytes: Uint8Array;
    }
  | { readonly kind: 'end'; readonly index: number; readonly sha256: Uint8Array };

export type FrameErrorCode =
  | 'bad-version'
  | 'no-records'
  | 'unknown-kind'
  | 'truncated-header'
  | 'bad-check'
  | 'index-out-of-range'
  | 'unsafe-offset'
  | 'empty-data'
  | 'length-past-end';

/** Why a message was refused, and the byte position of the record that was wrong. */
export interface FrameError {
  readonly code: FrameErrorCode;
  readonly at: number;
}

export function isFrameError(result: FrameRecord[] | FrameError): result is FrameError {
  return !Array.isArray(result);
}

/**
 * Packs DATA and END records into messages of at most `maxMessage` bytes. A DATA record that does
 * not fit is split; a message is closed only when the next record cannot go in. Input bytes are
 * copied, so callers may reuse their buffers.
 */
export class FramePacker {
  private readonly maxMessage: number;
  private readonly closed: Uint8Array[] = [];
  private buffer: Uint8Array | null = null;
  private view: DataView | null = null;
  private used = 0;

  constructor(maxMessage: number) {
    if (
      !Number.isInteger(maxMessage) ||
      maxMessage < MIN_MAX_MESSAGE ||
      maxMessage > MAX_MAX_MESSAGE
    )
      throw new RangeError(
        `maxMessage must be an integer in ${MIN_MAX_MESSAGE}..${MAX_MAX_MESSAGE}`,
      );
    this.maxMessage = maxMessage;
  }

  /** Appends `bytes` of file `index`, found at `offset` in that file. */
  data(index: number, offset: number, bytes: Uint8Array): void {
    assertIndex(index);
    if (!Number.isSafeInteger(offset) || offset < 0 || !Number.isSafeInteger(offset + bytes.length))
      throw new RangeError('offset must be a safe non-negative integer, and so must its end');
    let sent = 0;
    while (sent < bytes.length) {
      if (this.room() < MIN_RECORD_BYTES) this.close();
      const count = Math.min(this.room() - DATA_HEADER_BYTES, bytes.length - sent);
      const { buffer, view } = this.open();
      const at = this.used;
      buffer[at] = DATA_KIND;
      view.setUint32(at + 1, index, true);
      view.setUint32(at + 5, (offset + sent) % U32, true);
      view.setUint32(at + 9, Math.floor((offset + sent) / U32), true);
      view.setUint32(at + 13, count, true);
      buffer[at + 17] = xorOf(buffer, at, at + 17);
      buffer.set(bytes.subarray(sent, sent + count), at + DATA_HEADER_BYTES);
      this.used = at + DATA_HEADER_BYTES + count;
      sent += count;
      this.closeIfFull();
    }
  }

  /** Appends the end of file `index` with the SHA-256 of its content. */
  end(index: number, sha256: Uint8Array): void {
    assertIndex(index);
    if (sha256.length !== SHA256_BYTES) throw new RangeError('sha256 must be 32 bytes');
    if (this.room() < END_RECORD_BYTES) this.close();
    const { buffer, view } = this.open();
    const at = this.used;
    buffer[at] = END_KIND;
    view.setUint32(at + 1, index, true);
    buffer[at + 5] = xorOf(buffer, at, at + 5);
    buffer.set(sha256, at + 6);
    this.used = at + END_RECORD_BYTES;
    this.closeIfFull();
  }

  /** The messages that are complete so far. */
  take(): Uint8Array[] {
    return this.closed.splice(0);
  }

  /** Every message, the partly filled last one included. */
  flush(): Uint8Array[] {
    if (this.buffer && this.used > 1) {
      // A copy, so a short last message does not pin a buffer of maxMessage bytes.
      this.closed.push(this.buffer.slice(0, this.used));
      this.buffer = null;
      this.view = null;
    }
    return this.take();
  }

  /** Free bytes in the open message (a new one has all but its version byte). */
  private room(): number {
    return this.maxMessage - (this.buffer ? this.used : 1);
  }

  private open(): { buffer: Uint8Array; view: DataView } {
    if (!this.buffer || !this.view) {
      // A fresh buffer per message: a full message is handed out as is, without a copy.
      this.buffer = new Uint8Array(this.maxMessage);
      this.view = new DataView(this.buffer.buffer);
      this.buffer[0] = FRAME_VERSION;
      this.used = 1;
    }
    return { buffer: this.buffer, view: this.view };
  }

  private close(): void {
    if (this.buffer && this.used > 1) this.closed.push(this.buffer.subarray(0, this.used));
    this.buffer = null;
    this.view = null;
  }

  private closeIfFull(): void {
    if (this.room() < MIN_RECORD_BYTES) this.close();
  }
}

/**
 * The records of one message, or why it is refused; never throws. `fileCount` is the number of
 * files in the batch's manifest: indexes must be below it.
 */
export function parseFrame(message: Uint8Array, fileCount: number): FrameRecord[] | FrameError {
  if (message.length === 0 || message[0] !== FRAME_VERSION) return fail('bad-version', 0);
  const view = new DataView(message.buffer, message.byteOffset, message.byteLength);
  const records: FrameRecord[] = [];
  let at = 1;
  while (at < message.length) {
    const kind = message[at];
    const headerBytes =
      kind === DATA_KIND ? DATA_HEADER_BYTES : kind === END_KIND ? END_RECORD_BYTES : 0;
    if (headerBytes === 0) return fail('unknown-kind', at);
    if (message.length - at < headerBytes) return fail('truncated-header', at);
    const index = view.getUint32(at + 1, true);
    if (kind === END_KIND) {
      if (message[at + 5] !== xorOf(message, at, at + 5)) return fail('bad-check', at);
      if (!(index < fileCount)) return fail('index-out-of-range', at);
      records.push({ kind: 'end', index, sha256: message.subarray(at + 6, at + END_RECORD_BYTES) });
      at += END_RECORD_BYTES;
      continue;
    }
    if (message[at + 17] !== xorOf(message, at, at + 17)) return fail('bad-check', at);
    if (!(index < fileCount)) return fail('index-out-of-range', at);
    const high = view.getUint32(at + 9, true);
    const offset = high * U32 + view.getUint32(at + 5, true);
    const length = view.getUint32(at + 13, true);
    if (high > MAX_OFFSET_HIGH || !Number.isSafeInteger(offset + length))
      return fail('unsafe-offset', at);
    if (length === 0) return fail('empty-data', at);
    const start = at + DATA_HEADER_BYTES;
    if (length > message.length - start) return fail('length-past-end', at);
    records.push({ kind: 'data', index, offset, bytes: message.subarray(start, start + length) });
    at = start + length;
  }
  return records.length > 0 ? records : fail('no-records', 1);
}

function fail(code: FrameErrorCode, at: number): FrameError {
  return { code, at };
}

function xorOf(bytes: Uint8Array, from: number, to: number): number {
  let x = 0;
  for (let i = from; i < to; i++) x ^= bytes[i];
  return x;
}

function assertIndex(index: number): void {
  if (!Number.isInteger(index) || index < 0 || index >= U32)
    throw new RangeError('index must be a u32');
}
