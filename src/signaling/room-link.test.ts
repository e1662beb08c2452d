import { describe, expect, it } from 'vitest';
import { newRoom, roomFromLink, roomLink } from './room-link';

describe('room links', () => {
  it('makes random 128-bit ids and 256-bit secrets', () => {
    const a = newRoom();
    const b = newRoom();
    expect(a.id).toMatch(/^[A-Za-z0-9_-]{22}$/);
    expect(a.secret).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(a.id).not.toBe(b.id);
    expect(a.secret).not.toBe(b.secret);
  });

  it('puts everything in the fragment and reads it back', () => {
    const room = newRoom('https://ppng.io');
    const link = roomLink('http://localhost:5173/?x=1#/settings', 'text', room);
    expect(link.startsWith('http://localhost:5173/?x=1#/text?room=')).toBe(true);
    expect(new URL(link).search).toBe('?x=1');
    expect(roomFromLink(link)).toEqual({ ok: true, room });
  });

  it('leaves the server out when it is the default', () => {
    const room = newRoom();
    expect(roomLink('http://h/', 'text', room)).not.toContain('&s=');
    expect(roomFromLink(roomLink('http://h/', 'text', room))).toEqual({ ok: true, room });
  });

  it('explains what is wrong with a bad link', () => {
    expect(roomFromLink('http://h/#/text')).toMatchObject({
      ok: false,
      message: /not a room link/,
    });
    expect(roomFromLink('http://h/#/text?room=short&k=x')).toMatchObject({
      ok: false,
      message: /no valid room id/,
    });
    const room = newRoom();
    const cut = roomLink('http://h/', 'text', room).slice(0, -5);
    expect(roomFromLink(cut)).toMatchObject({ ok: false, message: /cut short/ });
  });
});
