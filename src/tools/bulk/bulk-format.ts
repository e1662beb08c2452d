import { currentLocale } from '../../i18n/current-locale';

const kibFormats = new Map<string, Intl.NumberFormat>();

/**
 * A byte count in KiB, as the KiB fields take it: no thousands separators and every decimal
 * kept ("2048", "63.9990234375"), in the UI's locale. (src/i18n/format.ts has no ungrouped form.)
 */
export function formatKiB(bytes: number): string {
  const locale = currentLocale();
  let format = kibFormats.get(locale);
  if (!format) {
    format = new Intl.NumberFormat(locale, { useGrouping: false, maximumFractionDigits: 20 });
    kibFormats.set(locale, format);
  }
  return format.format(bytes / 1024);
}
