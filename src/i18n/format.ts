import { msg, str } from '@lit/localize';
import { currentLocale } from './current-locale';

// Formatters are cached per locale and option set: Intl constructors are slow, and progress
// and bitrate lines re-render many times a second.
const numberFormats = new Map<string, Intl.NumberFormat>();

function numberFormat(fractionDigits: number): Intl.NumberFormat {
  const key = `${currentLocale()}|${fractionDigits}`;
  let format = numberFormats.get(key);
  if (!format) {
    format = new Intl.NumberFormat(currentLocale(), {
      minimumFractionDigits: fractionDigits,
      maximumFractionDigits: fractionDigits,
    });
    numberFormats.set(key, format);
  }
  return format;
}

/** A number in the UI's locale with a fixed count of decimals (0: a grouped whole number). */
export function formatNumber(value: number, fractionDigits = 0): string {
  return numberFormat(fractionDigits).format(value);
}

/** Human-readable byte counts (MB = 10^6 bytes, as the summaries use). */
export function formatBytes(bytes: number): string {
  if (bytes < 1000) return `${formatNumber(Math.round(bytes))} B`;
  if (bytes < 1e6) return `${formatNumber(bytes / 1e3, 1)} kB`;
  if (bytes < 1e9) return `${formatNumber(bytes / 1e6, 1)} MB`;
  return `${formatNumber(bytes / 1e9, 2)} GB`;
}

/** Elapsed time as m:ss. */
export function formatElapsed(ms: number): string {
  const s = Math.max(0, Math.floor(ms / 1000));
  return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, '0')}`;
}

/** Seconds with a fixed count of decimals: "0.4 s", "12.345 s". */
export function formatSeconds(seconds: number, fractionDigits = 1): string {
  const n = formatNumber(seconds, fractionDigits);
  return msg(str`${n} s`);
}

/** A duration in seconds, short: "42 s", "3 min 05 s", "1 h 02 min". */
export function formatDuration(seconds: number): string {
  const s = Math.round(seconds);
  if (s < 60) return formatSeconds(s, 0);
  const pad = (n: number) => String(n).padStart(2, '0');
  if (s < 3600) {
    const min = Math.floor(s / 60);
    const sec = pad(s % 60);
    return msg(str`${min} min ${sec} s`);
  }
  const h = Math.floor(s / 3600);
  const min = pad(Math.floor((s % 3600) / 60));
  return msg(str`${h} h ${min} min`);
}

/** Bits per second as Mbit/s. */
export function formatBitrate(bps: number): string {
  return `${formatNumber(bps / 1e6, 1)} Mbit/s`;
}

/** A moment as the locale writes a short date and a time to the second. */
export function formatDateTime(at: number | Date): string {
  const locale = currentLocale();
  if (dateTimeFormat?.locale !== locale)
    dateTimeFormat = {
      locale,
      format: new Intl.DateTimeFormat(locale, { dateStyle: 'short', timeStyle: 'medium' }),
    };
  return dateTimeFormat.format.format(at);
}

let dateTimeFormat: { locale: string; format: Intl.DateTimeFormat } | null = null;
