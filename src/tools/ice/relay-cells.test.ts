import { describe, expect, it } from 'vitest';
import { relayCells } from './relay-cells';

describe('relayCells', () => {
  it('a turn: URL without transport is tried over UDP (its own) and TCP', () => {
    expect(relayCells('turn:t.example:3478')).toEqual([
      { server: 'turn:t.example:3478', url: 'turn:t.example:3478', transport: 'UDP' },
      { server: 'turn:t.example:3478', url: 'turn:t.example:3478?transport=tcp', transport: 'TCP' },
    ]);
  });

  it('a named transport is that one; turns: is TLS; STUN and malformed URLs have none', () => {
    expect(relayCells('turn:t.example?transport=tcp').map((c) => c.transport)).toEqual(['TCP']);
    expect(relayCells('turn:t.example?transport=udp').map((c) => c.transport)).toEqual(['UDP']);
    expect(relayCells('turns:t.example:443?transport=tcp')).toEqual([
      {
        server: 'turns:t.example:443?transport=tcp',
        url: 'turns:t.example:443?transport=tcp',
        transport: 'TLS',
      },
    ]);
    expect(relayCells('stun:t.example')).toEqual([]);
    expect(relayCells('turn:')).toEqual([]);
  });
});
