import { describe, expect, it } from 'vitest';
import { deriveRoomKey } from './room-crypto';
import { knock, knocks, knockUntilAnswered, newPeerId, openKnock, sealKnock } from './room-lobby';

const keyFor = (seed: number) => deriveRoomKey(new Uint8Array(32).fill(seed), 'room');

/** The lobby of room "room" on server http://p, read or knocked at through `fetch`. */
const lobbyOf = (key: CryptoKey, signal: AbortSignal, fetch: typeof globalThis.fetch) => ({
  server: 'http://p',
  roomId: 'room',
  key,
  signal,
  fetch,
});

/** A request nobody answers (a dead wait): it ends only when given up. */
const hangUntilAborted = (init?: RequestInit) =>
  new Promise<Response>((_, reject) =>
    init!.signal!.addEventListener('abort', () =>
      reject(new DOMException('aborted', 'AbortError')),
    ),
  );

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
    await knock(lobbyOf(key, signal, fake), newPeerId(), 'A');
    expect(urls).toEqual(Array(3).fill('http://p/room/lobby'));
  });

  it('a creator asks again when a wait goes unanswered that long, and reads the knock that comes', async () => {
    const key = await keyFor(1);
    const id = newPeerId();
    const knockText = await sealKnock(key, 'room', id, 'Anna');
    let calls = 0;
    // The first two waits are dead (a NAT forgot them): they end only when given up.
    const fake = ((_url: RequestInfo | URL, init?: RequestInit) => {
      calls++;
      if (calls <= 2) return hangUntilAborted(init);
      return Promise.resolve(new Response(knockText));
    }) as typeof fetch;
    const room = new AbortController();
    const asked: number[] = [];
    // Not at first (say, a device was still connected); from the second look on.
    const lobby = knocks({
      ...lobbyOf(key, room.signal, fake),
      renew: { everyMs: 10, when: () => asked.push(calls) > 1 },
    });
    expect((await lobby.next()).value).toEqual({ ok: true, peerId: id, name: 'Anna' });
    expect(calls).toBe(3);
    // The first wait outlived one look; each later wait was given up at its first look.
    expect(asked).toEqual([1, 1, 2]);
    room.abort();
  });

  it('a wait is not renewed while `when` says no, and ends quietly when the room closes', async () => {
    let aborted = false;
    const fake = ((_url: RequestInfo | URL, init?: RequestInit) =>
      new Promise<Response>((_, reject) =>
        init!.signal!.addEventListener('abort', () => {
          aborted = true;
          reject(new DOMException('aborted', 'AbortError'));
        }),
      )) as typeof fetch;
    const room = new AbortController();
    const lobby = knocks({
      ...lobbyOf(await keyFor(1), room.signal, fake),
      renew: { everyMs: 5, when: () => false },
    });
    const next = lobby.next();
    await new Promise((resolve) => setTimeout(resolve, 30));
    expect(aborted).toBe(false);
    room.abort();
    expect(await next).toEqual({ done: true, value: undefined });
  });

  it('a renewed wait answered 400 (the server still holds the old one) is asked again; a 400 out of the blue is an error', async () => {
    const key = await keyFor(1);
    const id = newPeerId();
    const knockText = await sealKnock(key, 'room', id, 'Anna');
    const answers: (number | 'hang')[] = ['hang', 400, 400, 200];
    const fake = ((_url: RequestInfo | URL, init?: RequestInit) => {
      const answer = answers.shift()!;
      if (answer === 'hang') return hangUntilAborted(init);
      return Promise.resolve(
        answer === 400
          ? new Response('[ERROR] Another receiver has been connected', { status: 400 })
          : new Response(knockText),
      );
    }) as typeof fetch;
    const room = new AbortController();
    let looks = 0;
    const options = {
      ...lobbyOf(key, room.signal, fake),
      renew: { everyMs: 5, when: () => ++looks === 1 },
    };
    expect((await knocks(options).next()).value).toEqual({ ok: true, peerId: id, name: 'Anna' });
    expect(answers).toEqual([]);

    answers.push(400);
    await expect(knocks(options).next()).rejects.toThrow(/Another receiver/);
    room.abort();
  });

  it('a creator reads a joiner once, however often it knocks', async () => {
    const key = await keyFor(1);
    const [anna, ben] = [newPeerId(), newPeerId()];
    const texts = [
      await sealKnock(key, 'room', anna, 'Anna'),
      await sealKnock(key, 'room', anna, 'Anna'),
      await sealKnock(key, 'room', ben, 'Ben'),
    ];
    const fake = (async () => new Response(texts.shift())) as typeof fetch;
    const room = new AbortController();
    const lobby = knocks(lobbyOf(key, room.signal, fake));
    expect((await lobby.next()).value).toMatchObject({ peerId: anna });
    expect((await lobby.next()).value).toMatchObject({ peerId: ben });
    expect(texts).toEqual([]);
    room.abort();
  });

  it('a joiner knocks again while the creator stays silent, and stops once it answers', async () => {
    const key = await keyFor(1);
    const knocked: number[] = [];
    const fake = (async () => {
      knocked.push(Date.now());
      return new Response('[INFO] All receiver(s) was/were received successfully.');
    }) as typeof fetch;
    const room = new AbortController();
    const answered = new AbortController();
    const lobby = lobbyOf(key, room.signal, fake);
    const knocking = knockUntilAnswered(lobby, newPeerId(), 'A', answered.signal, 5);
    await expect.poll(() => knocked.length).toBeGreaterThanOrEqual(2);
    answered.abort();
    await knocking;
    const after = knocked.length;
    await new Promise((resolve) => setTimeout(resolve, 30));
    expect(knocked.length).toBe(after);
  });

  it('a joiner stops knocking when its attempt ends, even mid-knock', async () => {
    let calls = 0;
    let aborted = false;
    const fake = ((_url: RequestInfo | URL, init?: RequestInit) => {
      calls++;
      init!.signal!.addEventListener('abort', () => (aborted = true));
      return hangUntilAborted(init);
    }) as typeof fetch;
    const room = new AbortController();
    const key = await keyFor(1);
    const lobby = lobbyOf(key, room.signal, fake);
    const knocking = knockUntilAnswered(lobby, newPeerId(), 'A', new AbortController().signal, 5);
    await expect.poll(() => calls).toBe(1);
    room.abort();
    await knocking;
    expect(aborted).toBe(true);
  });
});
