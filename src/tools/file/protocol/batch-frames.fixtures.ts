// What the batch-frames tests share: deterministic file contents, a packer driven the way the
// sender will drive it, and the arbitraries that generate batches.
import fc from 'fast-check';
import {
  DATA_HEADER_BYTES,
  END_RECORD_BYTES,
  FramePacker,
  isFrameError,
  parseFrame,
  type FrameRecord,
} from './batch-frames';

/** An END record is its kind, index and check byte, then the digest. */
export const END_HEADER_BYTES = END_RECORD_BYTES - 32;

export interface FileSpec {
  size: number;
  seed: number;
}

/** Deterministic content from a seed: fast to make at 300 KiB, and shrinks with the seed. */
export function contentOf(file: FileSpec): Uint8Array {
  const words = new Uint32Array(Math.ceil(file.size / 4));
  let x = file.seed | 1;
  for (let i = 0; i < words.length; i++) {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    words[i] = x;
  }
  return new Uint8Array(words.buffer, 0, file.size);
}

export function digestOf(file: FileSpec, index: number): Uint8Array {
  return contentOf({ size: 32, seed: file.seed ^ (index * 0x9e3779b1) });
}

export interface Packing {
  maxMessage: number;
  files: FileSpec[];
  pieces: number[];
  takeAlong: boolean;
}

/** Feeds each file to a packer in pieces, through one reused buffer, then its END. */
export function pack(
  { maxMessage, files, pieces, takeAlong }: Packing,
  contents = files.map(contentOf),
): Uint8Array[] {
  const packer = new FramePacker(maxMessage);
  const messages: Uint8Array[] = [];
  const collect = (batch: Uint8Array[]) => {
    for (const message of batch) messages.push(message);
  };
  const scratch = new Uint8Array(Math.max(...pieces));
  let turn = 0;
  files.forEach((file, index) => {
    const content = contents[index];
    for (let offset = 0; offset < content.length;) {
      const piece = scratch.subarray(
        0,
        Math.min(pieces[turn++ % pieces.length], content.length - offset),
      );
      piece.set(content.subarray(offset, offset + piece.length));
      packer.data(index, offset, piece);
      piece.fill(0xee); // the packer must have copied what it keeps
      offset += piece.length;
      if (takeAlong) collect(packer.take());
    }
    packer.end(index, digestOf(file, index));
    if (takeAlong) collect(packer.take());
  });
  collect(packer.flush());
  return messages;
}

export function parsed(message: Uint8Array, fileCount: number): FrameRecord[] {
  const result = parseFrame(message, fileCount);
  if (isFrameError(result)) throw new Error(`refused: ${result.code} at ${result.at}`);
  return result;
}

/** `expect` costs microseconds: loops over thousands of records check with this instead. */
export function ensure(condition: boolean, what: string): asserts condition {
  if (!condition) throw new Error(what);
}

export function dataBytes(records: FrameRecord[]): number {
  return records.reduce((sum, r) => sum + (r.kind === 'data' ? r.bytes.length : 0), 0);
}

export function firstDifference(a: Uint8Array, b: Uint8Array): number {
  if (a.length !== b.length) return Math.min(a.length, b.length);
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return i;
  return -1;
}

/** Where each record starts in its message. */
export function recordStarts(message: Uint8Array, records: FrameRecord[]): number[] {
  return records.map((r) =>
    r.kind === 'data'
      ? r.bytes.byteOffset - message.byteOffset - DATA_HEADER_BYTES
      : r.sha256.byteOffset - message.byteOffset - END_HEADER_BYTES,
  );
}

export const smallMaxMessage = fc.integer({ min: 64, max: 1024 });
export const anyMaxMessage = fc.oneof(smallMaxMessage, fc.constantFrom(16384, 65536, 262144));
const pieceSizes = fc.array(
  fc.oneof(
    fc.integer({ min: 1, max: 64 }),
    fc.integer({ min: 1, max: 20_000 }),
    fc.integer({ min: 1, max: 400_000 }),
  ),
  { minLength: 1, maxLength: 6 },
);

interface FileLimits {
  maxCount: number;
  maxSize: number;
  maxBig: number;
}

/** A larger file's size as a multiple of something that depends on maxMessage, or any size. */
interface BigFile {
  unit: 'message' | 'room' | '16KiB' | 'byte';
  k: number;
  seed: number;
}

function sizeOf({ unit, k }: BigFile, maxMessage: number, maxSize: number): number {
  if (unit === 'byte') return k % (maxSize + 1);
  const multiple =
    unit === 'message' ? maxMessage : unit === 'room' ? maxMessage - 1 - DATA_HEADER_BYTES : 16384;
  return (1 + (k % Math.max(1, Math.floor(maxSize / multiple)))) * multiple;
}

/**
 * Up to `maxCount` files of at most 4 KiB, with up to `maxBig` larger ones (exact multiples of
 * maxMessage, of a message's payload room and of 16 KiB, or any size up to `maxSize`) among
 * them: counts reach 200 while a case stays around a megabyte. Built without `chain`, so that a
 * failure shrinks well.
 */
export const packings = (
  maxMessage: fc.Arbitrary<number>,
  { maxCount, maxSize, maxBig }: FileLimits,
) => {
  const small = fc.record({
    size: fc.oneof(
      { weight: 4, arbitrary: fc.integer({ min: 0, max: Math.min(4096, maxSize) }) },
      { weight: 1, arbitrary: fc.constantFrom(0, 1) },
    ),
    seed: fc.integer(),
  });
  const big: fc.Arbitrary<BigFile> = fc.record({
    unit: fc.constantFrom('message' as const, 'room' as const, '16KiB' as const, 'byte' as const),
    k: fc.nat({ max: maxSize }),
    seed: fc.integer(),
  });
  return fc
    .record({
      maxMessage,
      files: fc.array(small, { maxLength: maxCount, size: 'max' }),
      bigOnes: fc.array(fc.tuple(fc.nat(), big), { maxLength: maxBig }),
      pieces: pieceSizes,
      takeAlong: fc.boolean(),
    })
    .map(({ files, bigOnes, ...rest }): Packing => {
      const all = files.slice();
      for (const [at, file] of bigOnes) {
        const size = sizeOf(file, rest.maxMessage, maxSize);
        all.splice(at % (all.length + 1), 0, { size, seed: file.seed });
      }
      return { ...rest, files: all.slice(0, maxCount) };
    });
};

export const fewSmallFiles = { maxCount: 6, maxSize: 2000, maxBig: 0 };

/**
 * A failure is shrunk by re-running the property on smaller and smaller cases, which on cases of
 * hundreds of files can go on for many minutes: stop after 45 s (within the unit tests' 60 s;
 * a passing run takes a few seconds, several times that on a loaded machine) and report the
 * smallest so far.
 */
export function withinTime(numRuns: number): fc.Parameters<unknown> {
  return { numRuns, plugins: [fc.interruptAfterTimeLimit(45_000, { failOnInterrupt: true })] };
}
