import { html } from 'lit';
import { msg, str } from '@lit/localize';
import { formatNumber } from '../../i18n/format';
import type { RelayCheckReport } from './ice-report';

/** Each TURN entry's transports, each proven by data through its relay. */
export function relayChecksTable(checks: readonly RelayCheckReport[]) {
  return html`<h2>${msg('Relay checks')}</h2>
    <div
      class="table-wrap"
      tabindex="0"
      role="region"
      aria-label=${msg('Relay checks (scrolls sideways)')}
    >
      <table aria-label=${msg('Relay checks')}>
        <thead>
          <tr>
            <th scope="col">${msg('Server URL')}</th>
            <th scope="col">${msg('Transport')}</th>
            <th scope="col">${msg('Result')}</th>
            <th scope="col">${msg('Round trip (ms)')}</th>
            <th scope="col">${msg('Throughput (MB/s)')}</th>
            <th scope="col">${msg('Time (s)')}</th>
          </tr>
        </thead>
        <tbody>
          ${checks.map(
            (c) =>
              html`<tr class=${c.ok ? 'ok' : 'error'}>
                <td class="url" translate="no">${c.url}</td>
                <td translate="no">${c.transport}</td>
                <td>${checkResult(c)}</td>
                <td>${c.rttMs === undefined ? '' : formatNumber(c.rttMs, 1)}</td>
                <td>${c.MBps === undefined ? '' : formatNumber(c.MBps, 1)}</td>
                <td>${formatNumber(c.seconds, 3)}</td>
              </tr>`,
          )}
        </tbody>
      </table>
    </div>`;
}

function checkResult(check: RelayCheckReport): string {
  if (check.ok) return msg('data crossed it');
  const why = check.reason ?? '';
  return msg(str`fails: ${why}`);
}
