import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  MAX_BATCH_FILES,
  MAX_PATH_LENGTH,
  encodeManifest,
  manifestTotalBytes,
  parseManifest,
  type BatchFile,
  type BatchManifest,
} from './manifest';

const path = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.constant('a/'.repeat(MAX_PATH_LENGTH / 2 - 1) + 'zz'),
);

const file: fc.Arbitrary<BatchFile> = fc.record({
  path,
  // 200 files of at most 2^44 bytes each: the total stays a safe integer.
  size: fc.oneof(fc.constantFrom(0, 1), fc.integer({ min: 0, max: 2 ** 44 })),
  type: fc.string({ maxLength: 255 }),
  // JSON has no -0: it comes back as 0, which is the same time.
  lastModified: fc.double({ noNaN: true, noDefaultInfinity: true }).map((t) => t + 0),
});

const manifest: fc.Arbitrary<BatchManifest> = fc.record({
  t: fc.constant('batch' as const),
  id: fc.string({ minLength: 1, maxLength: 64 }),
  files: fc.array(file, { maxLength: 200 }),
  emptyFolders: fc.array(path, { maxLength: 20 }),
});

/** A JSON value of each type, so one of another type than a field's can be picked. */
const jsonValues: unknown[] = [null, true, 0, -1, 1.5, '', 'x', [], {}, [1], { a: 1 }];

type Json = Record<string, unknown>;

/** Where a manifest can be damaged: a top-level field, a file's field, or an empty folder. */
type Spot =
  | { in: 'top'; key: 't' | 'id' | 'files' | 'emptyFolders' }
  | { in: 'file'; at: number; key: keyof BatchFile }
  | { in: 'folder'; at: number };

const spot: fc.Arbitrary<Spot> = fc.oneof(
  fc.record({
    in: fc.constant('top' as const),
    key: fc.constantFrom('t' as const, 'id' as const, 'files' as const, 'emptyFolders' as const),
  }),
  fc.record({
    in: fc.constant('file' as const),
    at: fc.nat(),
    key: fc.constantFrom(
      'path' as const,
      'size' as const,
      'type' as const,
      'lastModified' as const,
    ),
  }),
  fc.record({ in: fc.constant('folder' as const), at: fc.nat() }),
);

/** Whether `value` has the JSON type a field needs (not whether its value is in range). */
function sameType(spotted: Spot, value: unknown): boolean {
  const key = spotted.in === 'folder' ? 'path' : spotted.key;
  if (key === 'files' || key === 'emptyFolders') return Array.isArray(value);
  if (key === 'size' || key === 'lastModified') return typeof value === 'number';
  return typeof value === 'string';
}

describe('batch manifest', () => {
  it('round-trips', () => {
    fc.assert(
      fc.property(manifest, (m) => {
        expect(parseManifest(encodeManifest(m))).toEqual(m);
      }),
      { numRuns: 200 },
    );
  });

  it('refuses a field of the wrong type, or a missing one', () => {
    const wrong = fc.oneof(fc.constantFrom(...jsonValues), fc.constant(undefined));
    fc.assert(
      fc.property(manifest, spot, wrong, (m, spotted, value) => {
        fc.pre(value === undefined || !sameType(spotted, value));
        const json = JSON.parse(encodeManifest(m)) as Json;
        const files = json.files as Json[];
        const folders = json.emptyFolders as unknown[];
        if (spotted.in === 'top') json[spotted.key] = value;
        else if (spotted.in === 'file') {
          fc.pre(files.length > 0);
          files[spotted.at % files.length][spotted.key] = value;
        } else {
          // An undefined entry of a JSON array goes out as null.
          fc.pre(folders.length > 0);
          folders[spotted.at % folders.length] = value;
        }
        expect(parseManifest(JSON.stringify(json))).toBeNull();
      }),
      { numRuns: 300 },
    );
  });

  it('refuses out-of-range values', () => {
    const base = { t: 'batch', id: 'b1', emptyFolders: [] };
    const one = { path: 'a', size: 1, type: '', lastModified: 0 };
    const text = (patch: object, filePatch: object = {}) =>
      JSON.stringify({ ...base, files: [{ ...one, ...filePatch }], ...patch });
    expect(parseManifest(text({}))).not.toBeNull();
    expect(parseManifest(text({ id: '' }))).toBeNull();
    expect(parseManifest(text({ id: 'x'.repeat(65) }))).toBeNull();
    expect(parseManifest(text({}, { size: -1 }))).toBeNull();
    expect(parseManifest(text({}, { size: 1.5 }))).toBeNull();
    expect(parseManifest(text({}, { size: 2 ** 53 }))).toBeNull();
    expect(parseManifest(text({}, { path: 'p'.repeat(MAX_PATH_LENGTH + 1) }))).toBeNull();
    expect(parseManifest(text({ emptyFolders: ['p'.repeat(MAX_PATH_LENGTH + 1)] }))).toBeNull();
    expect(parseManifest(text({}).replace('"lastModified":0', '"lastModified":1e999'))).toBeNull();
    expect(parseManifest(text({}).replace('"size":1', '"size":1e999'))).toBeNull();
    expect(parseManifest('not json')).toBeNull();
    expect(parseManifest('[]')).toBeNull();
    const half = { ...one, size: 2 ** 52 };
    expect(parseManifest(JSON.stringify({ ...base, files: [half, half] }))).toBeNull();
    expect(parseManifest(JSON.stringify({ ...base, files: [half] }))).not.toBeNull();
  });

  it('trims a long type to 255 characters and drops unknown fields', () => {
    const text = JSON.stringify({
      t: 'batch',
      id: 'b1',
      extra: 1,
      files: [{ path: 'a', size: 0, type: 't'.repeat(300), lastModified: 5, extra: 2 }],
      emptyFolders: [],
    });
    expect(parseManifest(text)).toEqual({
      t: 'batch',
      id: 'b1',
      files: [{ path: 'a', size: 0, type: 't'.repeat(255), lastModified: 5 }],
      emptyFolders: [],
    });
  });

  it(`takes ${MAX_BATCH_FILES} files and no more`, () => {
    const files = Array.from({ length: MAX_BATCH_FILES }, (_, i) => ({
      path: `d/${i}`,
      size: i,
      type: '',
      lastModified: 0,
    }));
    const m: BatchManifest = { t: 'batch', id: 'b1', files, emptyFolders: [] };
    const parsed = parseManifest(encodeManifest(m));
    expect(parsed?.files.length).toBe(MAX_BATCH_FILES);
    expect(parsed && manifestTotalBytes(parsed)).toBe(
      (MAX_BATCH_FILES * (MAX_BATCH_FILES - 1)) / 2,
    );
    const tooMany = { ...m, files: [...files, { path: 'x', size: 0, type: '', lastModified: 0 }] };
    expect(parseManifest(encodeManifest(tooMany))).toBeNull();
  });
});
