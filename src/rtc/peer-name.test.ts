import { describe, expect, it } from 'vitest';
import { PEER_NAME_MAX, cleanPeerName } from './peer-name';

describe('cleanPeerName', () => {
  it('keeps an ordinary name', () => {
    expect(cleanPeerName('Anna’s phone 📱')).toBe('Anna’s phone 📱');
  });
  it('removes control and direction characters and collapses whitespace', () => {
    expect(cleanPeerName('  a\u0000b\n\tc\u202Ed  ')).toBe('a b c d');
  });
  it('cuts long names by characters, not UTF-16 units', () => {
    const name = cleanPeerName('😀'.repeat(40));
    expect([...name]).toHaveLength(PEER_NAME_MAX);
  });
  it('gives an empty string for anything that is not a string', () => {
    expect(cleanPeerName(42)).toBe('');
    expect(cleanPeerName('   ')).toBe('');
  });
});
