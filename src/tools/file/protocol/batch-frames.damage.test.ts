import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  DATA_HEADER_BYTES,
  FRAME_VERSION,
  FramePacker,
  isFrameError,
  parseFrame,
} from './batch-frames';
import {
  END_HEADER_BYTES,
  dataBytes,
  fewSmallFiles,
  pack,
  packings,
  parsed,
  recordStarts,
  smallMaxMessage,
  withinTime,
} from './batch-frames.fixtures';

describe('parseFrame on damaged or foreign input', () => {
  it('never throws, and whatever it accepts lies within the message', () => {
    const kindByte = fc.constantFrom(0x01, 0x02, 0x00, 0xff);
    const noise = fc.oneof(
      fc.uint8Array({ maxLength: 400 }),
      fc
        .tuple(kindByte, fc.uint8Array({ maxLength: 400 }))
        .map(([kind, rest]) => Uint8Array.of(FRAME_VERSION, kind, ...rest)),
    );
    fc.assert(
      fc.property(noise, fc.oneof(fc.nat(), fc.constant(Number.NaN)), (message, fileCount) => {
        const result = parseFrame(message, fileCount);
        if (isFrameError(result)) return;
        for (const record of result) {
          expect(record.index).toBeLessThan(fileCount);
          const bytes = record.kind === 'data' ? record.bytes : record.sha256;
          expect(bytes.buffer).toBe(message.buffer);
          if (record.kind === 'data')
            expect(Number.isSafeInteger(record.offset + bytes.length)).toBe(true);
        }
      }),
      withinTime(400),
    );
  });

  it('read a truncated message as an error or as fewer whole records, never as more data', () => {
    fc.assert(
      fc.property(packings(smallMaxMessage, fewSmallFiles), (packing) => {
        const fileCount = packing.files.length;
        for (const message of pack(packing)) {
          const whole = parsed(message, fileCount);
          for (let cut = 0; cut < message.length; cut++) {
            const result = parseFrame(message.subarray(0, cut), fileCount);
            if (isFrameError(result)) continue;
            expect(result.length).toBeLessThan(whole.length);
            expect(result).toEqual(whole.slice(0, result.length));
            expect(dataBytes(result)).toBeLessThanOrEqual(dataBytes(whole));
          }
        }
      }),
      withinTime(100),
    );
  });

  it('catch a flipped bit in a length field, or anywhere in a record header', () => {
    const damage = fc.record({ record: fc.nat(), bit: fc.nat({ max: 8 * DATA_HEADER_BYTES - 1 }) });
    fc.assert(
      fc.property(
        packings(smallMaxMessage, fewSmallFiles),
        damage,
        fc.boolean(),
        (packing, hit, lengthOnly) => {
          const fileCount = packing.files.length;
          for (const message of pack(packing)) {
            const records = parsed(message, fileCount);
            const r = hit.record % records.length;
            const start = recordStarts(message, records)[r];
            const headerBits =
              records[r].kind === 'data' ? 8 * DATA_HEADER_BYTES : 8 * END_HEADER_BYTES;
            const bit =
              lengthOnly && records[r].kind === 'data'
                ? 13 * 8 + (hit.bit % 32)
                : hit.bit % headerBits;
            const damaged = message.slice();
            damaged[start + (bit >> 3)] ^= 1 << (bit & 7);
            expect(isFrameError(parseFrame(damaged, fileCount))).toBe(true);
          }
        },
      ),
      withinTime(150),
    );
  });

  it('refuse a foreign version byte', () => {
    fc.assert(
      fc.property(
        packings(smallMaxMessage, fewSmallFiles),
        fc.integer({ min: 0, max: 255 }),
        (packing, version) => {
          fc.pre(version !== FRAME_VERSION);
          for (const message of pack(packing)) {
            const foreign = message.slice();
            foreign[0] = version;
            expect(parseFrame(foreign, packing.files.length)).toEqual({
              code: 'bad-version',
              at: 0,
            });
          }
        },
      ),
      withinTime(50),
    );
  });

  it('name each kind of damage', () => {
    const packer = new FramePacker(64);
    packer.data(0, 0, Uint8Array.of(1, 2, 3));
    const [message] = packer.flush();
    const code = (bytes: Uint8Array, fileCount = 1) => {
      const result = parseFrame(bytes, fileCount);
      return isFrameError(result) ? result.code : 'ok';
    };
    const withHeader = (edit: (header: DataView) => void) => {
      const copy = message.slice();
      edit(new DataView(copy.buffer));
      copy[DATA_HEADER_BYTES] = copy.subarray(1, DATA_HEADER_BYTES).reduce((x, b) => x ^ b, 0);
      return copy;
    };
    expect(code(message)).toBe('ok');
    expect(code(new Uint8Array(0))).toBe('bad-version');
    expect(code(Uint8Array.of(FRAME_VERSION))).toBe('no-records');
    expect(code(Uint8Array.of(FRAME_VERSION, 0x03))).toBe('unknown-kind');
    expect(code(message.subarray(0, 10))).toBe('truncated-header');
    expect(code(message.subarray(0, message.length - 1))).toBe('length-past-end');
    expect(code(message, 0)).toBe('index-out-of-range');
    expect(code(withHeader((h) => h.setUint32(14, 0, true)))).toBe('empty-data');
    expect(code(withHeader((h) => h.setUint32(14, 4, true)))).toBe('length-past-end');
    expect(code(withHeader((h) => h.setUint32(10, 0x200000, true)))).toBe('unsafe-offset');
    expect(
      code(
        withHeader((h) => {
          h.setUint32(6, 0xffffffff, true);
          h.setUint32(10, 0x1fffff, true);
        }),
      ),
    ).toBe('unsafe-offset');
    const badCheck = message.slice();
    badCheck[DATA_HEADER_BYTES] ^= 1;
    expect(code(badCheck)).toBe('bad-check');
  });
});
