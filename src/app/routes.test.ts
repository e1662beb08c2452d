import { describe, expect, it } from 'vitest';
import { hashFor, parseHash } from './routes';

describe('routes', () => {
  it('reads the view and its parameters from the fragment', () => {
    const r = parseHash('#/text?room=abc&k=xyz');
    expect(r.view).toBe('text');
    expect(r.params.get('room')).toBe('abc');
    expect(r.params.get('k')).toBe('xyz');
  });
  it('shows the first tool for an empty or unknown fragment', () => {
    expect(parseHash('').view).toBe('text');
    expect(parseHash('#/nope').view).toBe('text');
  });
  it('knows settings', () => {
    expect(parseHash('#/settings').view).toBe('settings');
  });
  it('round-trips', () => {
    const params = new URLSearchParams({ room: 'r1' });
    expect(parseHash(hashFor('text', params)).params.get('room')).toBe('r1');
    expect(hashFor('settings')).toBe('#/settings');
  });
});
