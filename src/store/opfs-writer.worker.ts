// Writes a file into OPFS with a synchronous access handle, off the main thread: blocks arrive
// transferred (not copied) and are written at once, so nothing queues up in memory.

export type WriterRequest =
  /** Opens (or creates) the file and writes from byte `at`, cutting off what lies beyond. */
  | { t: 'open'; dir: string; id: string; at: number }
  | { t: 'block'; data: ArrayBuffer; length: number }
  /** Flushes what was written, then answers. */
  | { t: 'sync' }
  | { t: 'truncate'; length: number }
  | { t: 'close' }
  | { t: 'remove' };

/** One reply per request that wants one (open, sync, close, remove), in order. */
export type WriterReply = { t: 'done' } | { t: 'error'; message: string; name?: string };

import { openSyncHandle, writeAll, type SyncHandle } from './sync-handle';
import { opfsRoot } from './opfs-root';

let handle: SyncHandle | null = null;
let folder: FileSystemDirectoryHandle | null = null;
let name = '';
let size = 0;
let failed = '';
const post = (m: WriterReply) => (self as unknown as Worker).postMessage(m);
const done = () => post({ t: 'done' });

self.onmessage = async ({ data }: MessageEvent<WriterRequest>) => {
  try {
    switch (data.t) {
      case 'open': {
        folder = await (await opfsRoot()).getDirectoryHandle(data.dir, { create: true });
        name = data.id;
        handle = await openSyncHandle(folder, name);
        if (handle.getSize() < data.at)
          throw new Error(`the stored part is shorter than ${data.at} bytes`);
        handle.truncate(data.at);
        size = data.at;
        return done();
      }
      case 'block': {
        if (!handle || failed) return;
        writeAll(handle, new Uint8Array(data.data, 0, data.length), size);
        size += data.length;
        return;
      }
      case 'truncate':
        if (!handle || failed) return;
        handle.truncate(data.length);
        size = data.length;
        return;
      case 'sync':
        if (failed) return post({ t: 'error', message: failed });
        handle?.flush();
        return done();
      case 'close':
        if (failed) return post({ t: 'error', message: failed });
        handle?.flush();
        handle?.close();
        handle = null;
        return done();
      case 'remove':
        handle?.close();
        handle = null;
        await folder?.removeEntry(name).catch(() => {});
        return done();
    }
  } catch (error) {
    failed = error instanceof Error ? error.message : String(error);
    post({ t: 'error', message: failed, ...(error instanceof Error ? { name: error.name } : {}) });
  }
};
