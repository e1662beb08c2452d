import { msg, str } from '@lit/localize';
import { formatKiB } from './bulk-format';

const KiB = 1024;
const MiB = 1024 * KiB;

/** The largest message dckit sends in bulk, whatever the connection allows. */
export const MAX_BULK_CHUNK = 256 * KiB;
/** Far below Chromium's ~16 MiB send queue, where send() starts to throw. */
export const MAX_HIGH_WATERMARK = 8 * MiB;

export type Check<T> = { ok: true; value: T } | { ok: false; message: string };

/** The size field: a whole number of MiB from 1 to 1024. */
export function checkSizeMiB(input: string): Check<number> {
  const text = input.trim();
  if (text === '')
    return { ok: false, message: msg('Enter a size in MiB (a whole number from 1 to 1024).') };
  if (!/^[+-]?\d+(\.\d+)?$/.test(text)) {
    return {
      ok: false,
      message: msg(str`"${text}" is not a number: enter a whole number of MiB from 1 to 1024.`),
    };
  }
  const n = Number(text);
  if (!Number.isInteger(n))
    return {
      ok: false,
      message: msg(str`${text} is not a whole number: sizes are whole MiB (1 to 1024).`),
    };
  // The number is echoed as typed (no thousands separators), like `text` above.
  if (n < 1)
    return { ok: false, message: msg(str`${n} MiB is too small: the smallest run is 1 MiB.`) };
  if (n > 1024) {
    return {
      ok: false,
      message: msg(str`${n} MiB is too large: the largest run is 1024 MiB (1 GiB).`),
    };
  }
  return { ok: true, value: n };
}

/** Chunk size: min(pc.sctp.maxMessageSize, 256 KiB). */
export function chunkSizeFor(maxMessageSize: number | null | undefined): number {
  return Math.min(maxMessageSize || 65536, MAX_BULK_CHUNK);
}

export interface Marks {
  high: number;
  low: number;
}

/** Defaults: high = max(8 chunks, 1 MiB), low = one chunk. */
export function defaultMarks(chunk: number): Marks {
  return { high: Math.max(8 * chunk, MiB), low: chunk };
}

/** The Advanced fields, in KiB; empty means the default. */
export function checkMarks(highKiB: string, lowKiB: string, chunk: number): Check<Marks> {
  const defaults = defaultMarks(chunk);
  const parse = (text: string, invalid: () => string, fallback: number): Check<number> => {
    const t = text.trim();
    if (t === '') return { ok: true, value: fallback };
    if (!/^\d+$/.test(t)) return { ok: false, message: invalid() };
    return { ok: true, value: Number(t) * KiB };
  };
  const high = parse(
    highKiB,
    () => msg('The high watermark must be a whole number of KiB.'),
    defaults.high,
  );
  if (!high.ok) return high;
  const low = parse(
    lowKiB,
    () => msg('The low watermark must be a whole number of KiB.'),
    defaults.low,
  );
  if (!low.ok) return low;
  if (high.value >= MAX_HIGH_WATERMARK) {
    const max = formatKiB(MAX_HIGH_WATERMARK);
    return {
      ok: false,
      message: msg(
        str`The high watermark must be below ${max} KiB (8 MiB): near 16 MiB the browser's send queue overflows.`,
      ),
    };
  }
  if (high.value < chunk) {
    const chunkKiB = formatKiB(chunk);
    return {
      ok: false,
      message: msg(str`The high watermark must be at least one chunk (${chunkKiB} KiB).`),
    };
  }
  if (low.value >= high.value) {
    return { ok: false, message: msg('The low watermark must be below the high watermark.') };
  }
  return { ok: true, value: { high: high.value, low: low.value } };
}
