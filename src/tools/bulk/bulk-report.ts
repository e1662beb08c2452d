// What a run tells the user: the status line under the progress, and the summary card.
import { html, nothing } from 'lit';
import { msg, str } from '@lit/localize';
import { formatBytes, formatNumber, formatSeconds } from '../../i18n/format';
import type { BulkEndpoint, BulkSummary } from './bulk-endpoint';
import { formatKiB } from './bulk-format';

/** The run's state in one sentence (sender `s`, receiver `r`; either may be absent). */
export function statusText(s: BulkEndpoint | null, r: BulkEndpoint | null): string {
  if (s?.phase === 'sending' || s?.phase === 'starting') {
    const size = formatBytes(s.total);
    return msg(str`Sending ${size}…`);
  }
  if (r?.phase === 'receiving') {
    const size = formatBytes(r.total);
    return msg(str`Receiving ${size}…`);
  }
  const stopped = [s, r].find((e) => e?.phase === 'stopped');
  if (stopped) return stopped.message;
  if (s?.phase === 'done') {
    const sent = formatNumber(s.total);
    const counted = formatNumber(s.counted);
    return msg(str`Done: sent ${sent} bytes; the receiver counted ${counted}.`);
  }
  if (r?.phase === 'done') {
    const received = formatNumber(r.bytes);
    return msg(str`Done: ${received} bytes received.`);
  }
  return '';
}

/** The summary card of a finished run, with Copy as JSON (`copied`: the copy was made). */
export function renderSummary(
  s: BulkSummary | null | undefined,
  copied: boolean,
  onCopy: (summary: BulkSummary) => void,
) {
  if (!s) return nothing;
  const avgMs = formatNumber(s.avgSendMs, 3);
  const maxMs = formatNumber(s.maxSendMs, 3);
  const highKiB = formatKiB(s.highWatermark);
  const lowKiB = formatKiB(s.lowWatermark);
  return html`<section class="card" aria-labelledby="summary-h">
    <h2 id="summary-h">${msg('Summary')}</h2>
    <dl aria-label=${msg('Summary')}>
      <dt>${msg('Bytes')}</dt>
      <dd>${formatNumber(s.bytes)}</dd>
      <dt>${msg('Time')}</dt>
      <dd>${formatSeconds(s.seconds, 3)}</dd>
      <dt>${msg('Throughput')}</dt>
      <dd>${formatNumber(s.MBps, 1)} MB/s</dd>
      <dt>${msg(html`<span translate="no">send()</span> calls`)}</dt>
      <dd>${formatNumber(s.sendCalls)}</dd>
      <dt>${msg(html`Time in <span translate="no">send()</span>`)}</dt>
      <dd>${msg(str`average ${avgMs} ms, max ${maxMs} ms`)}</dd>
      <dt>${msg('Chunk')}</dt>
      <dd>${formatKiB(s.chunkSize)} KiB</dd>
      <dt>${msg('Watermarks')}</dt>
      <dd>${msg(str`high ${highKiB} KiB, low ${lowKiB} KiB`)}</dd>
      <dt>${msg('Delivery')}</dt>
      <dd>${s.ordered ? msg('ordered') : msg('unordered')}</dd>
      <dt>${msg('Channels')}</dt>
      <dd>${formatNumber(s.channels)}</dd>
    </dl>
    <div class="row">
      <button @click=${() => onCopy(s)}>${msg('Copy as JSON')}</button>
      <span aria-live="polite">${copied ? msg('Copied.') : ''}</span>
    </div>
  </section>`;
}
