/**
 * The locale every formatter uses. Kept apart from the loader so DOM-free modules (and their unit
 * tests) can format without configuring localization; the loader updates it on every switch.
 */
let current = 'en';

export function currentLocale(): string {
  return current;
}

export function setCurrentLocale(locale: string): void {
  current = locale;
}
