// The relay receiver's storage stage: synchronous OPFS writes of whole blocks, on a thread of
// their own (in a private window OPFS lives in the browser process, and each write is a slow
// round trip there). Each written block goes back to the receive worker to be filled again.
import type { FromWrite, ToWrite, ToWriteDirect, WriteStart } from './relay-stages';
import { openSyncHandle, writeAll } from '../store/sync-handle';
import { opfsRoot } from '../store/opfs-root';

self.onmessage = ({ data: { input, receive, dir, id } }: MessageEvent<WriteStart>) => {
  const reply = (m: FromWrite) => receive.postMessage(m, m.t === 'free' ? [m.buf] : []);
  const folder = opfsRoot().then((root) => root.getDirectoryHandle(dir, { create: true }));
  const opened = folder.then((f) => openSyncHandle(f, id));
  /** Finished, failed or cancelled: later blocks are dropped. */
  let stopped = false;

  const remove = async () => {
    // The open handle locks the file: close it (again, harmlessly) before removing.
    (await opened.catch(() => null))?.close();
    await (await folder.catch(() => null))?.removeEntry(id).catch(() => {});
  };

  const step = async (m: ToWrite) => {
    if (stopped) return;
    const handle = await opened;
    if (m.t === 'size') {
      // One allocation up front rather than one per block; a refusal shows at the write.
      try {
        handle.truncate(m.size);
      } catch {
        // Quota or the like: the writes will say so.
      }
    } else if (m.t === 'block') {
      writeAll(handle, new Uint8Array(m.buf, 0, m.length), m.at);
      reply({ t: 'free', buf: m.buf });
    } else {
      // The size hint may have been larger than what came (a short or decrypted stream).
      handle.truncate(m.size);
      handle.flush();
      handle.close();
      stopped = true;
      reply({ t: 'written', sha256: m.sha256 });
    }
  };

  // Messages are handled strictly in order, each after the previous one's storage call.
  let queue = Promise.resolve();
  input.onmessage = ({ data }: MessageEvent<ToWrite>) => {
    queue = queue
      .then(() => step(data))
      .catch(async (error: unknown) => {
        if (stopped) return;
        stopped = true;
        await remove();
        const { name, message } =
          error instanceof Error || error instanceof DOMException
            ? error
            : { name: 'Error', message: String(error) };
        reply({ t: 'failed', name, message });
      });
  };
  receive.onmessage = ({ data }: MessageEvent<ToWriteDirect>) => {
    if (data.t !== 'cancel') return;
    queue = queue.then(async () => {
      stopped = true;
      await remove();
      reply({ t: 'cancelled' });
    });
  };
};
