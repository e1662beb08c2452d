// The Origin Private File System's root, or an error that names its absence: some browsers lack
// it, and some turn it off (Firefox's dom.fs.enabled), where calling it throws a bare TypeError.

/** Thrown where file storage is missing: `storageFailure` words it by this name. */
export function noFileStorage(what: string): DOMException {
  return new DOMException(`${what} is missing or turned off in this browser`, 'NotSupportedError');
}

export function hasFileStorage(): boolean {
  return typeof navigator.storage?.getDirectory === 'function';
}

export function opfsRoot(): Promise<FileSystemDirectoryHandle> {
  if (!hasFileStorage())
    return Promise.reject(noFileStorage('The Origin Private File System'));
  return navigator.storage.getDirectory();
}
