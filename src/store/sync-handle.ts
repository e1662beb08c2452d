import { noFileStorage } from './opfs-root';
/** The part of OPFS's FileSystemSyncAccessHandle (dedicated workers only) the writers use. */
export interface SyncHandle {
  write(data: Uint8Array, options: { at: number }): number;
  truncate(size: number): void;
  getSize(): number;
  flush(): void;
  close(): void;
}

/**
 * How long to wait for a file held by another writer. A page that was just reloaded or closed
 * keeps its workers' access handles for a while after it goes, and a stopped transfer's worker
 * closes its handle a moment after it is told to: neither is a reason to give the file up.
 */
export const HANDLE_RELEASE_MS = 20_000;

/** A file stayed held by another writer for longer than HANDLE_RELEASE_MS. */
export class FileHeldError extends Error {
  override readonly name = 'FileHeldError';
}

/**
 * Opens `name` in `folder` (created if missing) for synchronous writes. While another access
 * handle holds the file it retries, calling `onWait` once, for up to `waitMs`.
 */
export async function openSyncHandle(
  folder: FileSystemDirectoryHandle,
  name: string,
  onWait?: () => void,
  waitMs = HANDLE_RELEASE_MS,
): Promise<SyncHandle> {
  const file = (await folder.getFileHandle(name, { create: true })) as unknown as {
    createSyncAccessHandle?(): Promise<SyncHandle>;
  };
  // Browsers with OPFS but without its synchronous handles (older ones) cannot write from here.
  if (typeof file.createSyncAccessHandle !== 'function')
    throw noFileStorage("OPFS's sync access handles (writing files from a worker)");
  return retryWhileHeld(() => file.createSyncAccessHandle!(), onWait, waitMs);
}

/** Runs `open` until it stops failing because the file is held, for up to `waitMs`. */
export async function retryWhileHeld<T>(
  open: () => Promise<T>,
  onWait?: () => void,
  waitMs = HANDLE_RELEASE_MS,
  sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms)),
  now = () => performance.now(),
): Promise<T> {
  const deadline = now() + waitMs;
  let told = false;
  for (let pause = 50; ; pause = Math.min(pause * 2, 500)) {
    try {
      return await open();
    } catch (error) {
      if (!isHeldElsewhere(error)) throw error;
      if (now() >= deadline) throw new FileHeldError((error as Error).message);
      if (!told) onWait?.();
      told = true;
      await sleep(pause);
    }
  }
}

/**
 * Both Chromium and Firefox refuse a second access handle (or a writable next to one) with
 * NoModificationAllowedError.
 */
function isHeldElsewhere(error: unknown): boolean {
  return (error as { name?: unknown } | null)?.name === 'NoModificationAllowedError';
}

/** Writes all of `data` at `at` (a sync handle may write less than asked). */
export function writeAll(handle: SyncHandle, data: Uint8Array, at: number): void {
  let done = 0;
  while (done < data.byteLength) done += handle.write(data.subarray(done), { at: at + done });
}
