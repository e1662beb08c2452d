import { describe, expect, it } from 'vitest';
import { describeStorageError, storageFailure } from './storage-errors';
import { noFileStorage } from './opfs-root';

describe('storageFailure', () => {
  it('puts a sentence of its own before the browser\u2019s words', () => {
    const text = storageFailure(
      'NoModificationAllowedError',
      "Failed to execute 'createSyncAccessHandle' on 'FileSystemFileHandle': another open Access Handle",
    );
    expect(text).toMatch(/^The stored file is still in use by another dckit page or tab/);
    expect(text).toContain("The browser said: “Failed to execute 'createSyncAccessHandle'");
  });

  it('names a full storage, and an unknown failure', () => {
    expect(storageFailure('QuotaExceededError', 'quota')).toMatch(/storage for this site is full/);
    expect(storageFailure(undefined, 'boom')).toBe(
      'The browser\u2019s storage failed. The browser said: \u201cboom\u201d',
    );
  });

  it('reads the name of a thrown error', () => {
    const error = Object.assign(new Error('gone'), { name: 'NotFoundError' });
    expect(describeStorageError(error)).toMatch(/^The stored file is gone/);
  });

  it('names file storage that is missing or turned off', () => {
    expect(describeStorageError(noFileStorage('The Origin Private File System'))).toMatch(
      /^This browser gives this page no file storage .* sending still works\.$/,
    );
  });
});
