// A sweep over the settings that decide bulk throughput: message size x high watermark, each
// cell one run of the same bytes on the same channel, so the best settings for this browser and
// this path can be read off (and exported).
import { chunkSizeFor, MAX_HIGH_WATERMARK, type Marks } from './bulk-config';
import type { BulkSummary } from './bulk-endpoint';

const KiB = 1024;

/** Message sizes tried: the WebRTC sample's 16 KiB up to dckit's largest (never above the path's). */
export const SWEEP_CHUNKS = [16 * KiB, 64 * KiB, 256 * KiB];
/**
 * High watermarks tried, each with a low mark a quarter of it. Nothing from 8 MiB up: near
 * 16 MiB queued, Chromium's send() throws.
 */
export const SWEEP_HIGHS = [256 * KiB, 1024 * KiB, 2048 * KiB, 4096 * KiB].filter(
  (h) => h < MAX_HIGH_WATERMARK,
);

/** Data channels tried at once, each with its own buffer and watermarks. */
export const SWEEP_CHANNELS = [1, 2, 4];

export interface SweepCell extends Marks {
  chunk: number;
  channels: number;
}

export interface SweepResult extends SweepCell {
  bytes: number;
  seconds: number;
  /** 10^6 bytes per second. */
  MBps: number;
}

/**
 * The cells a connection allows: message sizes up to its maximum, watermarks of one message up,
 * up to `maxChannels` channels at once.
 */
export function sweepCells(
  maxMessageSize: number | null | undefined,
  maxChannels = 1,
): SweepCell[] {
  const largest = chunkSizeFor(maxMessageSize);
  return SWEEP_CHANNELS.filter((n) => n <= maxChannels).flatMap((channels) =>
    SWEEP_CHUNKS.filter((c) => c <= largest).flatMap((chunk) =>
      SWEEP_HIGHS.filter((high) => high >= chunk).map((high) => ({
        chunk,
        high,
        low: high / 4,
        channels,
      })),
    ),
  );
}

/** The fastest cell, or null before any. */
export function bestOf(results: readonly SweepResult[]): SweepResult | null {
  return results.reduce<SweepResult | null>((b, r) => (!b || r.MBps > b.MBps ? r : b), null);
}

export function resultOf(cell: SweepCell, summary: BulkSummary): SweepResult {
  return { ...cell, bytes: summary.bytes, seconds: summary.seconds, MBps: summary.MBps };
}

/** One row per cell, sizes in KiB, rates in MB/s (10^6 bytes per second). */
export function sweepCsv(results: readonly SweepResult[]): string {
  const rows = results.map((r) =>
    [
      r.channels,
      r.chunk / KiB,
      r.high / KiB,
      r.low / KiB,
      r.bytes,
      r.seconds.toFixed(3),
      r.MBps.toFixed(2),
    ].join(','),
  );
  return (
    ['channels,message_KiB,high_watermark_KiB,low_watermark_KiB,bytes,seconds,MBps', ...rows].join(
      '\n',
    ) + '\n'
  );
}

/**
 * Runs every cell in turn through `send` (one bulk run), reporting each result as it comes; ends
 * early (with the cells done) when a run does not complete: stopped, or the connection went.
 */
export async function runSweep(
  cells: readonly SweepCell[],
  send: (cell: SweepCell) => Promise<BulkSummary | null>,
  onResult: (result: SweepResult, index: number) => void,
): Promise<SweepResult[]> {
  const results: SweepResult[] = [];
  for (const [index, cell] of cells.entries()) {
    const summary = await send(cell);
    if (!summary) break;
    const result = resultOf(cell, summary);
    results.push(result);
    onResult(result, index);
  }
  return results;
}
