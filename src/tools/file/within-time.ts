import { formatSeconds } from '../../i18n/format';

/**
 * Storage steps that never settle would leave a file "offered" for ever: give them a limit.
 * `tooLong` words the error from the limit ("5 s").
 */
export function withinTime<T>(
  work: Promise<T>,
  ms: number,
  tooLong: (limit: string) => string,
): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const limit = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(tooLong(formatSeconds(ms / 1000, 0)))), ms);
  });
  return Promise.race([work, limit]).finally(() => clearTimeout(timer));
}
