// Writes a file into OPFS with a synchronous access handle, off the main thread: blocks arrive
// transferred (not copied) and are written at once, so nothing queues up in memory.

export type WriterRequest =
  | { t: 'open'; dir: string; id: string }
  | { t: 'block'; data: ArrayBuffer; length: number }
  | { t: 'close' }
  | { t: 'remove' };

export type WriterReply =
  { t: 'opened' } | { t: 'closed' } | { t: 'removed' } | { t: 'error'; message: string };

interface SyncHandle {
  write(data: Uint8Array, options: { at: number }): number;
  flush(): void;
  close(): void;
}

let handle: SyncHandle | null = null;
let folder: FileSystemDirectoryHandle | null = null;
let name = '';
let size = 0;
let failed = '';
const post = (m: WriterReply) => (self as unknown as Worker).postMessage(m);

self.onmessage = async ({ data }: MessageEvent<WriterRequest>) => {
  try {
    switch (data.t) {
      case 'open': {
        folder = await (
          await navigator.storage.getDirectory()
        ).getDirectoryHandle(data.dir, { create: true });
        name = data.id;
        const file = await folder.getFileHandle(name, { create: true });
        handle = await (
          file as unknown as { createSyncAccessHandle(): Promise<SyncHandle> }
        ).createSyncAccessHandle();
        return post({ t: 'opened' });
      }
      case 'block': {
        if (!handle || failed) return;
        const bytes = new Uint8Array(data.data, 0, data.length);
        let written = 0;
        while (written < bytes.byteLength)
          written += handle.write(bytes.subarray(written), { at: size + written });
        size += bytes.byteLength;
        return;
      }
      case 'close':
        if (failed) return post({ t: 'error', message: failed });
        handle?.flush();
        handle?.close();
        handle = null;
        return post({ t: 'closed' });
      case 'remove':
        handle?.close();
        handle = null;
        await folder?.removeEntry(name).catch(() => {});
        return post({ t: 'removed' });
    }
  } catch (error) {
    failed = error instanceof Error ? error.message : String(error);
    post({ t: 'error', message: failed });
  }
};
