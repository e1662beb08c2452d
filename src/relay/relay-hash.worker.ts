// The relay receiver's hashing stage: SHA-256 of each block on its way to the writer, on a
// thread of its own, since hashing costs as much as reading the stream.
import { createSHA256 } from 'hash-wasm';
import type { HashStart, ToHash, ToWrite } from './relay-stages';

self.onmessage = ({ data: { input, output } }: MessageEvent<HashStart>) => {
  const ready = createSHA256();
  // Thrown outside the promise, so the page's `error` handler hears of it.
  ready.catch((error: unknown) =>
    setTimeout(() => {
      throw error;
    }),
  );
  const forward = (m: ToWrite) => output.postMessage(m, m.t === 'block' ? [m.buf] : []);
  // Blocks may arrive before hash-wasm has loaded: chain every message behind it, in order.
  let queue: Promise<unknown> = ready;
  input.onmessage = ({ data }: MessageEvent<ToHash>) => {
    queue = queue.then(async () => {
      const hash = await ready;
      if (data.t === 'block') hash.update(new Uint8Array(data.buf, 0, data.length));
      forward(data.t === 'end' ? { ...data, sha256: hash.digest('hex') } : data);
    });
  };
};
