/** The part of OPFS's FileSystemSyncAccessHandle (dedicated workers only) the writers use. */
export interface SyncHandle {
  write(data: Uint8Array, options: { at: number }): number;
  truncate(size: number): void;
  getSize(): number;
  flush(): void;
  close(): void;
}

/** Opens `name` in `folder` (created if missing) for synchronous writes. */
export async function openSyncHandle(
  folder: FileSystemDirectoryHandle,
  name: string,
): Promise<SyncHandle> {
  const file = await folder.getFileHandle(name, { create: true });
  return (
    file as unknown as { createSyncAccessHandle(): Promise<SyncHandle> }
  ).createSyncAccessHandle();
}

/** Writes all of `data` at `at` (a sync handle may write less than asked). */
export function writeAll(handle: SyncHandle, data: Uint8Array, at: number): void {
  let done = 0;
  while (done < data.byteLength) done += handle.write(data.subarray(done), { at: at + done });
}
