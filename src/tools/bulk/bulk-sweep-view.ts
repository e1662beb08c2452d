// The sweep's card: its progress, a table with a bar per cell (the best one marked), and the
// results as CSV and JSON.
import { html, nothing } from 'lit';
import { msg, str } from '@lit/localize';
import { formatNumber } from '../../i18n/format';
import { formatKiB } from './bulk-format';
import { bestOf, sweepCsv, type SweepResult } from './bulk-sweep';

export interface SweepState {
  results: SweepResult[];
  /** Cells in the sweep. */
  total: number;
  running: boolean;
}

export function renderSweep(sweep: SweepState | null) {
  if (!sweep) return nothing;
  const { results, total, running } = sweep;
  const best = bestOf(results);
  const top = best?.MBps ?? 1;
  return html`<section class="card" aria-labelledby="sweep-h">
    <h2 id="sweep-h">${msg('Sweep')}</h2>
    <p role="status">${status(sweep, best)}</p>
    ${
      results.length
        ? html`<table aria-label=${msg('Sweep results')}>
            <thead>
              <tr>
                <th scope="col">${msg('Channels')}</th>
                <th scope="col">${msg('Message (KiB)')}</th>
                <th scope="col">${msg('High watermark (KiB)')}</th>
                <th scope="col">${msg('Low watermark (KiB)')}</th>
                <th scope="col">MB/s</th>
                <th scope="col"><span class="visually-hidden">${msg('Best')}</span></th>
              </tr>
            </thead>
            <tbody>
              ${results.map(
                (r) =>
                  html`<tr class=${r === best ? 'best' : ''}>
                    <td>${r.channels}</td>
                    <td>${formatKiB(r.chunk)}</td>
                    <td>${formatKiB(r.high)}</td>
                    <td>${formatKiB(r.low)}</td>
                    <td class="rate">
                      <span class="bar" style=${`width: ${(100 * r.MBps) / top}%`}></span>
                      <span class="figure">${formatNumber(r.MBps, 1)}</span>
                    </td>
                    <td>${r === best ? msg('best') : ''}</td>
                  </tr>`,
              )}
            </tbody>
          </table>`
        : nothing
    }
    ${!running && results.length ? renderExport(results) : nothing}
    <p class="muted">${msg(str`${total} cells: each sends the size above once with those settings.`)}</p>
  </section>`;
}

function status({ results, total, running }: SweepState, best: SweepResult | null): string {
  const done = results.length;
  if (running) return msg(str`Sweeping: ${done} of ${total} cells done…`);
  if (!best) return msg('The sweep stopped before its first cell ended.');
  const chunk = formatKiB(best.chunk);
  const high = formatKiB(best.high);
  const rate = formatNumber(best.MBps, 1);
  const channels = best.channels;
  return done < total
    ? msg(
        str`The sweep stopped after ${done} of ${total} cells. Best so far: ${chunk} KiB messages, a ${high} KiB high watermark and ${channels} channel(s): ${rate} MB/s.`,
      )
    : msg(
        str`Sweep done. Best: ${chunk} KiB messages, a ${high} KiB high watermark and ${channels} channel(s): ${rate} MB/s.`,
      );
}

function renderExport(results: SweepResult[]) {
  const csv = sweepCsv(results);
  const json = `${JSON.stringify({ version: 1, results }, null, 2)}\n`;
  return html`<div class="row">
      <button @click=${() => download(csv, 'dckit-sweep.csv', 'text/csv')}>
        ${msg('Download CSV')}
      </button>
      <button @click=${() => download(json, 'dckit-sweep.json', 'application/json')}>
        ${msg('Download JSON')}
      </button>
    </div>
    <details>
      <summary>CSV</summary>
      <pre aria-label=${msg('Sweep results as CSV')} translate="no">${csv}</pre>
    </details>`;
}

function download(text: string, name: string, type: string): void {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
