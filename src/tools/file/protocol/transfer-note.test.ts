import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { NotedError, noteOf, parseDeclineNote } from './transfer-note';
import { encodeControl, parseControl } from './file-protocol';

describe('parseDeclineNote', () => {
  it('keeps the notes a receiver may send, with their data', () => {
    const notes = [
      { code: 'receiver-declined' },
      { code: 'no-space', needs: 10, grants: 3 },
      { code: 'store-failed', why: 'The disk is full.' },
      { code: 'unsafe-path', path: '../x', reason: 'it climbs out' },
    ] as const;
    for (const note of notes) expect(parseDeclineNote(note)).toEqual(note);
  });

  it('refuses any other code, and data of the wrong kind', () => {
    for (const bad of [
      null,
      'receiver-declined',
      { code: 'delivered' },
      { code: 'verified', sha256: 'ab' },
      { code: 'no-space', needs: -1, grants: 3 },
      { code: 'no-space', needs: 1.5, grants: 3 },
      { code: 'store-failed', why: 7 },
      { code: 'unsafe-path', path: 3, reason: '' },
    ])
      expect(parseDeclineNote(bad)).toBeUndefined();
  });

  it('never throws on what a peer sends, and keeps its text short', () => {
    fc.assert(
      fc.property(fc.jsonValue(), fc.string({ maxLength: 1000 }), (value, long) => {
        expect(() => parseDeclineNote(value)).not.toThrow();
        const kept = parseDeclineNote({ code: 'store-failed', why: long });
        expect(kept && 'why' in kept ? String(kept.why).length : 0).toBeLessThanOrEqual(300);
      }),
    );
  });

  it('travels in a decline message and comes out as it went', () => {
    const note = { code: 'no-space', needs: 5, grants: 1 } as const;
    const decoded = parseControl(encodeControl({ t: 'decline', id: 'f1', reason: '', note }));
    expect(decoded).toEqual({ t: 'decline', id: 'f1', reason: '', note });
  });
});

describe('noteOf', () => {
  it("gives an engine error's note, another error's message", () => {
    expect(noteOf(new NotedError({ code: 'part-missing' }))).toEqual({ code: 'part-missing' });
    expect(noteOf(new Error('The disk is full.'))).toBe('The disk is full.');
    expect(noteOf('plain')).toBe('plain');
  });
});

describe('a storage failure declined', () => {
  it("keeps the receiver's own storage note as its cause, and no other object", () => {
    expect(parseDeclineNote({ code: 'store-failed', why: { code: 'open-timeout' } })).toEqual({
      code: 'store-failed',
      why: { code: 'open-timeout' },
    });
    expect(parseDeclineNote({ code: 'store-failed', why: { code: 'no-file-storage' } })).toEqual({
      code: 'store-failed',
      why: { code: 'no-file-storage' },
    });
    expect(
      parseDeclineNote({ code: 'store-failed', why: { code: 'verified', sha256: 'x' } }),
    ).toBeUndefined();
  });
});
