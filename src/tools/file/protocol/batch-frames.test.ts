import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { END_RECORD_BYTES, FRAME_VERSION, FramePacker, MIN_RECORD_BYTES } from './batch-frames';
import {
  anyMaxMessage,
  contentOf,
  digestOf,
  ensure,
  firstDifference,
  pack,
  packings,
  parsed,
  smallMaxMessage,
  withinTime,
} from './batch-frames.fixtures';

describe('FramePacker and parseFrame', () => {
  it('reproduce every file and digest, in messages that are full but never too big', () => {
    fc.assert(
      fc.property(
        packings(anyMaxMessage, { maxCount: 200, maxSize: 300 * 1024, maxBig: 3 }),
        (packing) => {
          const { maxMessage, files } = packing;
          const contents = files.map(contentOf);
          const messages = pack(packing, contents);
          const received = files.map((f) => ({
            bytes: new Uint8Array(f.size),
            next: 0,
            ended: false,
          }));
          messages.forEach((message, m) => {
            ensure(message.length <= maxMessage, `message ${m} is ${message.length} bytes`);
            const records = parsed(message, files.length);
            if (m > 0) {
              // The previous message was closed because this one's first record did not fit.
              const needed = records[0].kind === 'data' ? MIN_RECORD_BYTES : END_RECORD_BYTES;
              ensure(maxMessage - messages[m - 1].length < needed, `message ${m - 1} is not full`);
            }
            for (const record of records) {
              const file = received[record.index];
              ensure(!file.ended, `file ${record.index}: a record after its END`);
              if (record.kind === 'data') {
                ensure(
                  record.offset === file.next,
                  `file ${record.index}: offset ${record.offset}`,
                );
                file.bytes.set(record.bytes, record.offset);
                file.next += record.bytes.length;
              } else {
                ensure(file.next === files[record.index].size, `file ${record.index}: ended early`);
                const digest = digestOf(files[record.index], record.index);
                ensure(
                  firstDifference(record.sha256, digest) === -1,
                  `file ${record.index}: digest`,
                );
                file.ended = true;
              }
            }
          });
          files.forEach((_, index) => {
            expect(received[index].ended).toBe(true);
            expect(firstDifference(received[index].bytes, contents[index])).toBe(-1);
          });
        },
      ),
      withinTime(150),
    );
  });

  it('carry any safe offset, across splits', () => {
    fc.assert(
      fc.property(
        smallMaxMessage,
        fc.nat({ max: 1000 }),
        fc
          .integer({ min: 1, max: 3000 })
          .chain((length) =>
            fc.tuple(
              fc.constant(length),
              fc.integer({ min: 0, max: Number.MAX_SAFE_INTEGER - length }),
            ),
          ),
        (maxMessage, index, [length, offset]) => {
          const packer = new FramePacker(maxMessage);
          const content = contentOf({ size: length, seed: offset });
          packer.data(index, offset, content);
          let next = offset;
          for (const message of packer.flush()) {
            for (const record of parsed(message, index + 1)) {
              if (record.kind !== 'data') throw new Error('unexpected END');
              expect(record.index).toBe(index);
              expect(record.offset).toBe(next);
              next += record.bytes.length;
            }
          }
          expect(next).toBe(offset + length);
        },
      ),
      withinTime(200),
    );
  });

  it('lays records out as documented', () => {
    const packer = new FramePacker(64);
    packer.data(1, 2 ** 32 + 5, Uint8Array.of(9, 8));
    packer.end(1, new Uint8Array(32).fill(7));
    const [message, ...rest] = packer.flush();
    expect(rest).toEqual([]);
    const dataHeader = [0x01, 1, 0, 0, 0, 5, 0, 0, 0, 1, 0, 0, 0, 2, 0, 0, 0];
    const endHeader = [0x02, 1, 0, 0, 0];
    const xor = (bytes: number[]) => bytes.reduce((x, b) => x ^ b, 0);
    expect([...message]).toEqual([
      FRAME_VERSION,
      ...dataHeader,
      xor(dataHeader),
      9,
      8,
      ...endHeader,
      xor(endHeader),
      ...new Array<number>(32).fill(7),
    ]);
  });

  it('refuse what the wire cannot carry', () => {
    expect(() => new FramePacker(63)).toThrow(RangeError);
    expect(() => new FramePacker(64.5)).toThrow(RangeError);
    const packer = new FramePacker(64);
    expect(() => packer.data(-1, 0, Uint8Array.of(1))).toThrow(RangeError);
    expect(() => packer.data(2 ** 32, 0, Uint8Array.of(1))).toThrow(RangeError);
    expect(() => packer.data(0, Number.MAX_SAFE_INTEGER, Uint8Array.of(1))).toThrow(RangeError);
    expect(() => packer.end(0, new Uint8Array(31))).toThrow(RangeError);
    packer.data(0, 0, new Uint8Array(0));
    expect(packer.flush()).toEqual([]);
  });
});
