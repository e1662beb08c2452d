import { describe, expect, it } from 'vitest';
import type { TemplateResult } from 'lit';
import { noteText } from './note-text';
import type { FileNote } from '../protocol/transfer-note';

/** One note of each code, with data. */
const every: FileNote[] = [
  { code: 'closed-mid-transfer' },
  { code: 'you-aborted' },
  { code: 'channel-closed' },
  { code: 'removed-from-queue' },
  { code: 'empty-file', name: 'a.txt' },
  { code: 'empty-folder-sent' },
  { code: 'waiting-accept' },
  { code: 'receiver-declined' },
  { code: 'out-of-turn' },
  { code: 'checking-held' },
  { code: 'resumed-held', at: 2048 },
  { code: 'changed-sent-again' },
  { code: 'waiting-verify' },
  { code: 'delivered' },
  { code: 'receiver-found-corrupt' },
  { code: 'receiver-store-failed' },
  { code: 'receiver-protocol' },
  { code: 'receiver-aborted' },
  { code: 'unreadable' },
  { code: 'send-failed', browser: 'NotReadableError' },
  { code: 'interrupted-queued', reason: { code: 'closed-mid-transfer' } },
  { code: 'interrupted-sending', pct: 42, reason: { code: 'closed-mid-transfer' } },
  { code: 'held-needs-file', bytes: 10, size: 20 },
  { code: 'not-same-file', name: 'b.bin', size: 7 },
  { code: 'sender-aborted' },
  { code: 'no-space', needs: 3000, grants: 1000 },
  { code: 'store-failed', why: 'The disk is full.' },
  { code: 'empty-folder-received' },
  { code: 'unsafe-path', path: '../etc', reason: 'it climbs out' },
  { code: 'corrupt-short', arrived: 5, size: 9 },
  { code: 'corrupt-hash' },
  { code: 'verifying' },
  { code: 'verified', sha256: 'ab'.repeat(32) },
  { code: 'waiting-old-page' },
  { code: 'open-timeout' },
  { code: 'no-file-storage' },
  { code: 'write-failed', why: { code: 'open-timeout' } },
  { code: 'oversize' },
  { code: 'bad-offset' },
  { code: 'out-of-order' },
  { code: 'part-missing' },
  { code: 'resuming', held: 4096 },
  { code: 'part-held', why: 'held by another page' },
  { code: 'part-unusable', why: { code: 'part-missing' } },
  { code: 'resumed-rest', at: 1 },
  { code: 'changed-received-again' },
  { code: 'sender-connected-again' },
  { code: 'interrupted-receiving', pct: 7, reason: { code: 'sender-connected-again' } },
];

/** A template's text with its data filled in. */
function flat(shown: string | TemplateResult): string {
  if (typeof shown === 'string') return shown;
  return shown.strings.reduce(
    (out, s, i) => out + s + (i < shown.values.length ? String(shown.values[i]) : ''),
    '',
  );
}

describe('noteText', () => {
  it('words every code, with its data and nested reasons', () => {
    const codes = new Set(every.map((n) => n.code));
    expect(codes.size).toBe(every.length);
    for (const note of every) {
      const text = flat(noteText(note));
      expect(text.length, note.code).toBeGreaterThan(5);
      expect(text, note.code).not.toContain('[object');
      for (const value of Object.values(note))
        if (typeof value === 'string' && value !== note.code && note.code !== 'verified')
          expect(text, note.code).toContain(value);
    }
    expect(flat(noteText({ code: 'verified', sha256: 'ab'.repeat(32) }))).toContain('abababab');
    expect(flat(noteText(every[21]!))).toMatch(/^Interrupted at 42%: The connection closed/);
  });

  it('passes text already in words through', () => {
    expect(noteText('The peer said no.')).toBe('The peer said no.');
  });
});
