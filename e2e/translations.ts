import { readFileSync } from 'node:fs';
import { escapeRegExp } from './regexp';

export type Locale = 'en' | 'zh-TW';

const units = new Map<Locale, Map<string, string>>();

const unescape = (xml: string) =>
  xml
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&amp;/g, '&');

// Placeholders (`<x id="0" .../>`) are written `{}` on both sides of the map.
const plain = (xml: string) => unescape(xml.replace(/<x id="\d+"[^>]*\/>/g, '{}'));

/** Source -> target of one language's XLIFF file, the file the app's translations build from. */
function table(locale: Exclude<Locale, 'en'>): Map<string, string> {
  let map = units.get(locale);
  if (!map) {
    map = new Map();
    const xlf = readFileSync(new URL(`../xliff/${locale}.xlf`, import.meta.url), 'utf8');
    for (const [, body] of xlf.matchAll(/<trans-unit id="[^"]+">([\s\S]*?)<\/trans-unit>/g)) {
      const source = /<source>([\s\S]*?)<\/source>/.exec(body!)?.[1];
      const target = /<target>([\s\S]*?)<\/target>/.exec(body!)?.[1];
      if (source !== undefined && target !== undefined) map.set(plain(source), plain(target));
    }
    units.set(locale, map);
  }
  return map;
}

/** What the app shows for an English message in `locale` (`{}` marks a placeholder). */
export function t(locale: Locale, english: string): string {
  if (locale === 'en') return english;
  const found = table(locale).get(english);
  if (found === undefined) throw new Error(`No ${locale} translation of "${english}"`);
  return found;
}

/** The translation as a whole-text pattern, each placeholder matching any text. */
export function tPattern(locale: Locale, english: string): RegExp {
  const escaped = t(locale, english).split('{}').map(escapeRegExp);
  return new RegExp(`^\\s*${escaped.join('.+?')}\\s*$`);
}
