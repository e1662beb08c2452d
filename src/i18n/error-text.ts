import { msg, str } from '@lit/localize';
import { isBrowserError } from './browser-error';

/**
 * An error's text for the UI. dckit's own errors already say what happened; an error thrown by
 * the browser (a DOMException, a TypeError…) is in the browser's words, often English only, so it
 * follows `sentence`, a sentence of dckit's own, as a detail.
 */
export function errorText(error: unknown, sentence: string): string {
  if (isBrowserError(error))
    return withBrowserWords(sentence, (error as Error).message || (error as Error).name);
  if (error instanceof Error) return error.message || sentence;
  return error === undefined || error === null || error === '' ? sentence : String(error);
}

/** `sentence`, then what the browser said (when it said anything). */
export function withBrowserWords(sentence: string, detail: string): string {
  return detail ? msg(str`${sentence} The browser said: \u201c${detail}\u201d`) : sentence;
}
