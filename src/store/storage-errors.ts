import { msg } from '@lit/localize';
import { withBrowserWords } from '../i18n/error-text';

/**
 * dckit's own sentence for a storage failure, from the error's name; the browser's text (in the
 * browser's language, often English) follows as a detail.
 */
export function storageFailure(name: string | undefined, detail: string): string {
  return withBrowserWords(storageSentence(name), detail);
}

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
    case 'InvalidStateError':
    case 'InvalidModificationError':
      return msg('The stored file was changed by another page while it was being written.');
    default:
      return msg('The browser\u2019s storage failed.');
  }
}
