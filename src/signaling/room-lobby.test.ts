import { describe, expect, it } from 'vitest';
import { deriveRoomKey } from './room-crypto';
import { knock, newPeerId, openKnock, sealKnock } from './room-lobby';

const keyFor = (seed: number) => deriveRoomKey(new Uint8Array(32).fill(seed), 'room');

describe('lobby knocks', () => {
  it('open with the room key, carrying the peer id and name', async () => {
    const key = await keyFor(1);
    const id = newPeerId();
    expect(id).toMatch(/^[A-Za-z0-9_-]{16}$/);
    const text = await sealKnock(key, 'room', id, 'Anna');
    expect(await openKnock(key, 'room', text)).toEqual({ ok: true, peerId: id, name: 'Anna' });
  });

  it('are refused under another key, keeping the peer id to answer', async () => {
    const id = newPeerId();
    const text = await sealKnock(await keyFor(2), 'room', id, 'Mallory');
    expect(await openKnock(await keyFor(1), 'room', text)).toEqual({ ok: false, peerId: id });
  });

  it('cannot be re-addressed to another peer id', async () => {
    const key = await keyFor(1);
    const text = await sealKnock(key, 'room', newPeerId(), 'Anna');
    const other = newPeerId();
    const moved = `${other}.${text.split('.')[1]}`;
    expect(await openKnock(key, 'room', moved)).toEqual({ ok: false, peerId: other });
  });

  it('with a malformed id name nobody to answer', async () => {
    expect(await openKnock(await keyFor(1), 'room', '../x.AAAA')).toEqual({
      ok: false,
      peerId: null,
    });
  });

  it('are tried again while the lobby is busy with another knock (HTTP 400)', async () => {
    const statuses = [400, 400, 200];
    const urls: string[] = [];
    const fake = (async (url: RequestInfo | URL) => {
      urls.push(String(url));
      const status = statuses.shift()!;
      return new Response(status === 400 ? '[ERROR] Another sender' : '[INFO] done', { status });
    }) as typeof fetch;
    const signal = new AbortController().signal;
    const key = await keyFor(1);
    await knock({ server: 'http://p', roomId: 'room', key, signal, fetch: fake }, newPeerId(), 'A');
    expect(urls).toEqual(Array(3).fill('http://p/room/lobby'));
  });
});
