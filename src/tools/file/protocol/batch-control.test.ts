import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  BATCH_END_CODES,
  encodeBatchControl,
  manifestParts,
  MANIFEST_PART,
  parseBatchControl,
  type BatchControl,
} from './batch-control';

const id = fc.string({ minLength: 1, maxLength: 64 });
const count = fc.nat({ max: Number.MAX_SAFE_INTEGER });
const controlArb: fc.Arbitrary<BatchControl> = fc.oneof(
  fc
    .tuple(id, fc.nat({ max: 99 }), fc.nat({ max: 100 }), fc.string({ maxLength: 200 }))
    .map(([id, a, b, text]) => ({
      t: 'batch-part' as const,
      id,
      part: Math.min(a, b),
      parts: Math.max(a, b) + 1,
      text,
    })),
  fc.record({
    t: fc.constant('batch-accept' as const),
    id,
    from: fc.record({ index: count, offset: count }),
  }),
  fc.record({
    t: fc.constant('batch-verified' as const),
    id,
    ok: fc.array(count, { maxLength: 50 }),
    bad: fc.array(count, { maxLength: 50 }),
  }),
  fc.record({
    t: fc.constant('batch-end' as const),
    id,
    code: fc.constantFrom(...BATCH_END_CODES),
    index: count,
  }),
);

describe('batch control messages', () => {
  it('round-trip', () => {
    fc.assert(
      fc.property(controlArb, (m) => {
        expect(parseBatchControl(encodeBatchControl(m))).toEqual(m);
      }),
      { numRuns: 400 },
    );
  });

  it('refuse a field of the wrong kind', () => {
    fc.assert(
      fc.property(
        controlArb,
        fc.constantFrom(-1, 1.5, 'x', null, [], {}),
        fc.nat(),
        (m, wrong, pick) => {
          const fields = Object.keys(m).filter((k) => k !== 't');
          const field = fields[pick % fields.length];
          // A text may be any string, and a list of indexes may be empty.
          if (field === 'text' && typeof wrong === 'string') return;
          if ((field === 'ok' || field === 'bad') && Array.isArray(wrong)) return;
          if (field === 'id' && wrong === 'x') return;
          const broken = { ...m, [field]: wrong };
          expect(parseBatchControl(JSON.stringify(broken))).toBeNull();
        },
      ),
      { numRuns: 300 },
    );
  });

  it('refuse a part past the count, an unknown end code and what is not JSON', () => {
    const part = { t: 'batch-part', id: 'a', part: 2, parts: 2, text: '' };
    expect(parseBatchControl(JSON.stringify(part))).toBeNull();
    const end = { t: 'batch-end', id: 'a', code: 'gone', index: 0 };
    expect(parseBatchControl(JSON.stringify(end))).toBeNull();
    expect(parseBatchControl('{')).toBeNull();
    expect(parseBatchControl('{"t":"batch-end","id":"","code":"aborted","index":0}')).toBeNull();
  });

  it('cut a manifest into parts that join back, each within a message', () => {
    fc.assert(
      fc.property(
        fc.string({ maxLength: 3000 }),
        fc.integer({ min: 1, max: 500 }),
        (json, size) => {
          const parts = manifestParts('b', json, size);
          expect(parts.length).toBe(Math.max(1, Math.ceil(json.length / size)));
          const texts = parts.map((p) => (p.t === 'batch-part' ? p.text : ''));
          expect(texts.join('')).toBe(json);
          for (const p of parts) expect(parseBatchControl(encodeBatchControl(p))).toEqual(p);
        },
      ),
      { numRuns: 200 },
    );
    expect(manifestParts('b', 'x'.repeat(MANIFEST_PART + 1))).toHaveLength(2);
  });
});
