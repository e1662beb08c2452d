// For unit tests in Node: an in-memory Origin Private File System with synchronous access
// handles, one at a time per file as in browsers, whose writes can be made to fail.

/** One stored file: its bytes, and whether an access handle holds it. */
export interface FakeFile {
  bytes: Uint8Array;
  held: boolean;
}

export class FakeOpfs {
  readonly folders = new Map<string, Map<string, FakeFile>>();
  /** Makes a write fail with this error when it returns one (a full disk, a broken device). */
  failWrite: (at: number, length: number) => DOMException | null = () => null;

  /** Installs this file system as `navigator.storage` (undo with `vi.unstubAllGlobals()`). */
  get navigator() {
    return {
      storage: {
        getDirectory: () => Promise.resolve(this.root()),
        estimate: () => Promise.resolve({ quota: 10 * 2 ** 30, usage: 0 }),
      },
    };
  }

  file(folder: string, name: string): FakeFile | undefined {
    return this.folders.get(folder)?.get(name);
  }

  private root() {
    return {
      getDirectoryHandle: (dir: string, { create = false } = {}) => {
        if (!this.folders.has(dir)) {
          if (!create) return Promise.reject(new DOMException(dir, 'NotFoundError'));
          this.folders.set(dir, new Map());
        }
        return Promise.resolve(this.folder(this.folders.get(dir)!));
      },
    };
  }

  private folder(files: Map<string, FakeFile>) {
    return {
      getFileHandle: (name: string, { create = false } = {}) => {
        if (!files.has(name)) {
          if (!create) return Promise.reject(new DOMException(name, 'NotFoundError'));
          files.set(name, { bytes: new Uint8Array(0), held: false });
        }
        const file = files.get(name)!;
        return Promise.resolve({
          createSyncAccessHandle: () => this.open(file),
          getFile: () => Promise.resolve(new File([file.bytes.slice()], name)),
        });
      },
      removeEntry: (name: string) => {
        if (files.get(name)?.held)
          return Promise.reject(new DOMException(name, 'NoModificationAllowedError'));
        files.delete(name);
        return Promise.resolve();
      },
    };
  }

  private open(file: FakeFile) {
    if (file.held)
      return Promise.reject(
        new DOMException('Access Handles cannot be created', 'NoModificationAllowedError'),
      );
    file.held = true;
    let open = true;
    const check = () => {
      if (!open) throw new DOMException('The handle is closed', 'InvalidStateError');
    };
    const resize = (size: number) => {
      const next = new Uint8Array(size);
      next.set(file.bytes.subarray(0, Math.min(size, file.bytes.byteLength)));
      file.bytes = next;
    };
    return Promise.resolve({
      write: (data: Uint8Array, { at }: { at: number }) => {
        check();
        const error = this.failWrite(at, data.byteLength);
        if (error) throw error;
        if (at + data.byteLength > file.bytes.byteLength) resize(at + data.byteLength);
        file.bytes.set(data, at);
        return data.byteLength;
      },
      truncate: (size: number) => {
        check();
        resize(size);
      },
      getSize: () => file.bytes.byteLength,
      flush: () => check(),
      close: () => {
        if (open) file.held = false;
        open = false;
      },
    });
  }
}
