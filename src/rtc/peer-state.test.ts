import { describe, expect, it } from 'vitest';
import { nextPeerState } from './peer-state';

describe('nextPeerState', () => {
  it('follows the connection from new through connecting to connected', () => {
    expect(nextPeerState('new', 'new')).toBe('new');
    expect(nextPeerState('new', 'connecting')).toBe('connecting');
    expect(nextPeerState('connecting', 'connected')).toBe('connected');
  });
  it('treats disconnected as a wait, not an end', () => {
    expect(nextPeerState('connected', 'disconnected')).toBe('connecting');
    expect(nextPeerState('connecting', 'connected')).toBe('connected');
  });
  it('reports failure and closure', () => {
    expect(nextPeerState('connecting', 'failed')).toBe('failed');
    expect(nextPeerState('connected', 'closed')).toBe('closed');
  });
  it('never leaves a final state', () => {
    for (const c of ['new', 'connecting', 'connected', 'disconnected'] as const) {
      expect(nextPeerState('closed', c)).toBe('closed');
      expect(nextPeerState('failed', c)).toBe('failed');
    }
  });
});
