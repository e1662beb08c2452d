import { describe, expect, it } from 'vitest';
import { PipingSignaling, messagePath } from './piping';
import { deriveRoomKey } from './room-crypto';
import type { SignalMessage } from './signaling';

/**
 * A small in-memory stand-in for a piping-server: a POST waits for the GET on the same path
 * and vice versa. It records how many POSTs each direction has outstanding at once.
 */
function fakePiping() {
  const posts = new Map<string, { body: Blob; delivered: () => void }>();
  const gets = new Map<string, (body: Blob) => void>();
  const outstanding = new Map<string, number>();
  const maxOutstanding = new Map<string, number>();
  const direction = (url: string) => url.split('/').slice(-2, -1)[0];

  const impl = async (input: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
    const url = String(input);
    if (init?.method === 'POST') {
      const dir = direction(url);
      outstanding.set(dir, (outstanding.get(dir) ?? 0) + 1);
      maxOutstanding.set(dir, Math.max(maxOutstanding.get(dir) ?? 0, outstanding.get(dir)!));
      await new Promise<void>((delivered) => {
        const body = init.body as Blob;
        const waiting = gets.get(url);
        if (waiting) {
          gets.delete(url);
          waiting(body);
          delivered();
        } else posts.set(url, { body, delivered });
      });
      outstanding.set(dir, outstanding.get(dir)! - 1);
      return new Response('[INFO] All receiver(s) received\n');
    }
    const body = await new Promise<Blob>((resolve, reject) => {
      const post = posts.get(url);
      if (post) {
        posts.delete(url);
        post.delivered();
        resolve(post.body);
      } else {
        gets.set(url, resolve);
        init?.signal?.addEventListener('abort', () =>
          reject(new DOMException('aborted', 'AbortError')),
        );
      }
    });
    return new Response(body);
  };
  return { fetch: impl as typeof fetch, maxOutstanding, posts };
}

async function pair(server = 'http://piping.test') {
  const fake = fakePiping();
  const key = await deriveRoomKey(crypto.getRandomValues(new Uint8Array(32)), 'room');
  const make = (role: 'creator' | 'joiner') =>
    new PipingSignaling({ server, roomId: 'room', key, role, fetch: fake.fetch });
  return { fake, creator: make('creator'), joiner: make('joiner'), key };
}

async function take(iterable: AsyncIterable<SignalMessage>, n: number) {
  const out: SignalMessage[] = [];
  for await (const m of iterable) {
    out.push(m);
    if (out.length === n) break;
  }
  return out;
}

const candidate = (i: number): SignalMessage => ({
  type: 'candidate',
  candidate: { candidate: `c${i}` },
});

describe('PipingSignaling', () => {
  it('names per-direction, sequence-numbered paths under the room', () => {
    expect(messagePath('https://ppng.io', 'r1', 'c2j', 3)).toBe('https://ppng.io/r1/c2j/3');
  });

  it('delivers messages both ways, in order, whichever side comes first', async () => {
    const { creator, joiner } = await pair();
    creator.send({ type: 'description', description: { type: 'offer', sdp: 'o' } });
    creator.send(candidate(1));
    const atJoiner = take(joiner.messages(), 2);
    expect(await atJoiner).toEqual([
      { type: 'description', description: { type: 'offer', sdp: 'o' } },
      candidate(1),
    ]);
    const atCreator = take(creator.messages(), 1);
    joiner.send({ type: 'description', description: { type: 'answer', sdp: 'a' } });
    expect(await atCreator).toEqual([
      { type: 'description', description: { type: 'answer', sdp: 'a' } },
    ]);
  });

  it('keeps at most one POST outstanding per direction and batches the rest', async () => {
    const { fake, creator, joiner } = await pair();
    for (let i = 0; i < 20; i++) creator.send(candidate(i));
    // Nobody is receiving yet: one POST waits, the other 19 messages are queued.
    await new Promise((r) => setTimeout(r, 20));
    expect(fake.posts.size).toBe(1);
    const got = await take(joiner.messages(), 20);
    expect(got).toEqual(Array.from({ length: 20 }, (_, i) => candidate(i)));
    expect(fake.maxOutstanding.get('c2j')).toBe(1);
    expect(creator.postsSent).toBe(2);
  });

  it('a message that does not verify ends the stream with the verification error', async () => {
    const { fake, joiner } = await pair();
    const reading = take(joiner.messages(), 1);
    await fake.fetch('http://piping.test/room/c2j/0', {
      method: 'POST',
      body: new Blob(['forged']),
    });
    await expect(reading).rejects.toThrow(/could not be verified/);
  });

  it('close() aborts the pending GET and ends the stream', async () => {
    const { joiner } = await pair();
    const reading = take(joiner.messages(), 1);
    joiner.close();
    expect(await reading).toEqual([]);
  });
});
