import { msg } from '@lit/localize';
import { withBrowserWords } from '../i18n/error-text';
import { hasFileStorage } from './opfs-root';

/**
 * dckit's own sentence for a storage failure, from the error's name; the browser's text (in the
 * browser's language, often English) follows as a detail.
 */
export function storageFailure(name: string | undefined, detail: string): string {
  // Missing storage is said by dckit alone: the error's text is its own, not the browser's.
  if (name === 'NotSupportedError') return storageSentence(name);
  return withBrowserWords(storageSentence(name), detail);
}

/** The errors storage throws (the others are a transfer's own, worded as they come). */
export function isStorageError(name: string): boolean {
  return STORAGE_ERRORS.includes(name);
}

const STORAGE_ERRORS = [
  'QuotaExceededError',
  'FileHeldError',
  'NoModificationAllowedError',
  'NotFoundError',
  'NotAllowedError',
  'SecurityError',
  'InvalidStateError',
  'InvalidModificationError',
  'NotSupportedError',
  'UnknownError',
];

/** The same, for an error thrown or received. */
export function describeStorageError(error: unknown): string {
  if (error instanceof Error || error instanceof DOMException)
    return storageFailure(error.name, error.message);
  return storageFailure(undefined, String(error));
}

function storageSentence(name: string | undefined): string {
  switch (name) {
    case 'QuotaExceededError':
      return msg(
        'The browser\u2019s storage for this site is full: delete received files or free disk space, then try again.',
      );
    case 'FileHeldError':
    case 'NoModificationAllowedError':
      return msg(
        'The stored file is still in use by another dckit page or tab: close it, then try again.',
      );
    case 'NotFoundError':
      return msg('The stored file is gone: the browser or another tab deleted it.');
    case 'NotAllowedError':
    case 'SecurityError':
      return msg(
        'The browser does not let this site store files (a private window or a site setting forbids it).',
      );
    case 'NotSupportedError':
      return noFileStorageSentence();
    case 'InvalidStateError':
    case 'InvalidModificationError':
      return msg('The stored file was changed by another page while it was being written.');
    default:
      return msg('The browser\u2019s storage failed.');
  }
}

export function noFileStorageSentence(): string {
  return msg(
    'This browser gives this page no file storage (the Origin Private File System is missing or turned off), so files cannot be received here; sending still works.',
  );
}

/**
 * Why this browser cannot store received files, in one sentence, or '' when it can: shown where
 * files would be received, before anything is tried.
 */
export function fileStorageMissing(): string {
  return hasFileStorage() ? '' : noFileStorageSentence();
}
