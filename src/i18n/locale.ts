import { configureLocalization } from '@lit/localize';
import { allLocales, sourceLocale, targetLocales } from './generated/locale-codes';
import { setCurrentLocale } from './current-locale';
import { pickLocale } from './pick-locale';

export type Locale = (typeof allLocales)[number];

// Each target locale is its own chunk, fetched only when chosen; adding a language adds a file.
const translations = import.meta.glob('./generated/locales/*.ts');

const { setLocale } = configureLocalization({
  sourceLocale,
  targetLocales,
  loadLocale: (locale) => {
    const load = translations[`./generated/locales/${locale}.ts`];
    if (!load) throw new Error(`No translations for ${locale}`);
    return load() as ReturnType<Parameters<typeof configureLocalization>[0]['loadLocale']>;
  },
});

/** Every language the app speaks, each named in itself (for the language picker). */
export const localeNames: Readonly<Record<Locale, string>> = {
  en: 'English',
  'zh-TW': '繁體中文（台灣）',
};

export const locales: readonly Locale[] = allLocales;

/** The locale for a stored choice ('' follows the browser's languages). */
export function resolveLocale(choice: string): Locale {
  if ((allLocales as readonly string[]).includes(choice)) return choice as Locale;
  return pickLocale(
    navigator.languages ?? [navigator.language],
    allLocales,
    sourceLocale,
  ) as Locale;
}

/** Switches the UI's language: strings, formatters and `<html lang>`; elements re-render. */
export async function applyLocale(choice: string): Promise<Locale> {
  const locale = resolveLocale(choice);
  setCurrentLocale(locale);
  document.documentElement.lang = locale;
  await setLocale(locale);
  return locale;
}
