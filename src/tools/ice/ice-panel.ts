import { LitElement, html, nothing } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import type { IceServerEntry } from '../../store/ice-servers';
import { sharedStyles } from '../../ui/shared-styles';
import { componentName, formatPriority } from './candidate';
import { IceGathering } from './gatherer';
import { styles } from './ice-panel.styles';
import { buildReport, summaryLine, type IceReport } from './ice-report';
import './ice-servers-editor';
import type { ServersChangeEvent } from './ice-servers-editor';
import { checkServer } from './ice-url';
import { natMapping } from './nat-type';
import { verdicts } from './verdict';

/**
 * The trickle-ICE tester: gathers candidates with the chosen STUN/TURN servers, lists them as
 * they arrive, and gives a verdict per server.
 */
@customElement('ice-panel')
export class IcePanel extends LitElement {
  static override styles = [sharedStyles, styles];

  @state() private selected: IceServerEntry[] = [];
  @state() private policy: RTCIceTransportPolicy = 'all';
  @state() private pool = '0';
  @state() private timeout = '10';
  @state() private eachAlone = false;
  @state() private problem = '';
  @state() private gathering: IceGathering | null = null;
  @state() private copied = '';
  @state() private downloadUrl = '';
  private gathered: IceServerEntry[] = [];
  private readonly rerender = () => this.requestUpdate();

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.gathering?.stop();
    if (this.downloadUrl) URL.revokeObjectURL(this.downloadUrl);
  }

  override render() {
    const running = this.gathering !== null && this.gathering.done === null;
    return html`
      <h1 class="visually-hidden">Trickle ICE</h1>
      <section class="card" aria-labelledby="servers-h">
        <h2 id="servers-h">ICE servers</h2>
        <ice-servers-editor
          @servers-change=${(e: ServersChangeEvent) => (this.selected = e.detail.selected)}
        ></ice-servers-editor>
      </section>
      <section class="card" aria-labelledby="options-h">
        <h2 id="options-h">Options</h2>
        <div class="options">
          <label for="policy">ICE transport policy</label>
          <select
            id="policy"
            .value=${this.policy}
            @change=${(e: Event) => (this.policy = (e.target as HTMLSelectElement).value as RTCIceTransportPolicy)}
          >
            <option value="all">all</option>
            <option value="relay">relay</option>
          </select>
          <label for="pool">Candidate pool size</label>
          <input
            id="pool"
            type="number"
            min="0"
            max="10"
            .value=${this.pool}
            @input=${(e: Event) => (this.pool = (e.target as HTMLInputElement).value)}
          />
          <label for="timeout">Gathering time-out (s)</label>
          <input
            id="timeout"
            type="number"
            min="1"
            max="120"
            .value=${this.timeout}
            @input=${(e: Event) => (this.timeout = (e.target as HTMLInputElement).value)}
          />
          <label
            ><input
              type="checkbox"
              .checked=${this.eachAlone}
              @change=${(e: Event) => (this.eachAlone = (e.target as HTMLInputElement).checked)}
            />
            Test each server alone</label
          >
        </div>
        <div class="row">
          <button class="primary" @click=${this.handleGather} ?disabled=${running}>
            Gather candidates
          </button>
          <button @click=${this.handleStop} ?disabled=${!running}>Stop</button>
        </div>
        <p class="error" role="alert">${this.problem}</p>
      </section>
      ${this.gathering ? this.renderResults(this.gathering) : nothing}
    `;
  }

  private renderResults(g: IceGathering) {
    const report = this.report(g);
    return html`<section class="card" aria-labelledby="results-h">
      <h2 id="results-h">Candidates</h2>
      ${[...g.restCredentials].map(
        ([server, rest]) =>
          html`<p class="muted">
            TURN REST credentials for <code>${server}</code>: username
            <code>${rest.username}</code>, valid until ${rest.expires.toLocaleString()}.
          </p>`,
      )}
      ${
        g.splitForVerdicts
          ? html`<p class="muted" role="note">
              This browser does not say which server a candidate came from, so each server gathered
              on its own to give every server a verdict.
            </p>`
          : nothing
      }
      <div class="table-wrap" tabindex="0" role="region" aria-label="Candidates (scrolls sideways)">
        <table aria-label="Candidates">
          <thead>
            <tr>
              <th scope="col">Time (s)</th>
              <th scope="col">Component</th>
              <th scope="col">Type</th>
              <th scope="col">Foundation</th>
              <th scope="col">Protocol</th>
              <th scope="col">Address</th>
              <th scope="col">Port</th>
              <th scope="col">Priority</th>
              <th scope="col">Server URL</th>
              <th scope="col">Relay protocol</th>
            </tr>
          </thead>
          <tbody>
            ${g.rows.map(
              (r) =>
                html`<tr>
                  <td>${r.t.toFixed(3)}</td>
                  <td>${componentName(r.candidate.component)}</td>
                  <td>${r.candidate.type}</td>
                  <td>${r.candidate.foundation}</td>
                  <td>
                    ${r.candidate.protocol}${r.candidate.tcpType ? ` (${r.candidate.tcpType})` : ''}
                  </td>
                  <td class="addr">${r.candidate.address}</td>
                  <td>${r.candidate.port}</td>
                  <td>${formatPriority(r.candidate.priority)}</td>
                  <td class="url">${r.url ?? (r.candidate.type === 'host' ? '' : r.server)}</td>
                  <td>${r.relayProtocol ?? ''}</td>
                </tr>`,
            )}
            ${
              g.done
                ? html`<tr class="done">
                    <td>${g.done.seconds.toFixed(3)}</td>
                    <td colspan="9">
                      ${g.done.timedOut ? `Done: stopped by the ${this.timeout} s time-out` : 'Done'}
                    </td>
                  </tr>`
                : html`<tr>
                    <td colspan="10" class="muted">Gathering…</td>
                  </tr>`
            }
          </tbody>
        </table>
      </div>
      ${
        g.errors.length
          ? html`<h2>ICE candidate errors</h2>
              <div
                class="table-wrap"
                tabindex="0"
                role="region"
                aria-label="ICE candidate errors (scrolls sideways)"
              >
                <table aria-label="ICE candidate errors">
                  <thead>
                    <tr>
                      <th scope="col">URL</th>
                      <th scope="col">Code</th>
                      <th scope="col">Text</th>
                    </tr>
                  </thead>
                  <tbody>
                    ${g.errors.map(
                      (e) =>
                        html`<tr>
                          <td class="url">${e.url}</td>
                          <td>${e.code}</td>
                          <td>${e.text}</td>
                        </tr>`,
                    )}
                  </tbody>
                </table>
              </div>`
          : nothing
      }
      ${g.done ? this.renderVerdicts(report) : nothing}
    </section>`;
  }

  private renderVerdicts(report: IceReport) {
    return html`<h2>Verdicts</h2>
      <ul class="verdicts" aria-label="Verdicts">
        ${report.verdicts.map(
          (v) =>
            html`<li class=${v.level === 'ok' ? 'ok' : 'error'}>
              ${v.level === 'ok' ? '✔' : '✘'} <code>${v.server}</code>: ${v.words}
            </li>`,
        )}
      </ul>
      ${
        report.nat
          ? html`<h2>NAT type</h2>
              <p aria-label="NAT type" class=${report.nat.mapping === 'dependent' ? 'error' : ''}>
                ${report.nat.words}
              </p>`
          : nothing
      }
      <p class="summary" aria-label="Summary line">${summaryLine(report)}</p>
      <div class="row">
        <button @click=${() => this.handleCopy(JSON.stringify(report, null, 2), 'JSON copied.')}>
          Copy JSON
        </button>
        <a href=${this.downloadUrl} download="ice-results.json">Download JSON</a>
        <button @click=${() => this.handleCopy(summaryLine(report), 'Summary copied.')}>
          Copy summary
        </button>
        <span aria-live="polite">${this.copied}</span>
      </div>`;
  }

  private report(g: IceGathering): IceReport {
    const servers = this.gathered.map((s) => s.url);
    return buildReport({
      userAgent: navigator.userAgent,
      options: {
        policy: this.policy,
        poolSize: Number(this.pool),
        timeoutSeconds: Number(this.timeout),
        eachAlone: this.eachAlone || g.splitForVerdicts,
      },
      servers,
      rows: g.rows,
      errors: g.errors,
      done: g.done,
      verdicts: g.done ? verdicts(servers, g.rows, g.errors) : [],
      ...(g.done
        ? {
            nat: natMapping(servers, g.rows, g.errors, !this.eachAlone && !g.splitForVerdicts),
          }
        : {}),
    });
  }

  private async handleGather(): Promise<void> {
    this.copied = '';
    const problems = this.selected.map(checkServer).flatMap((c) => (c.ok ? [] : [c.message]));
    const pool = Number(this.pool);
    const timeout = Number(this.timeout);
    if (!Number.isInteger(pool) || pool < 0 || pool > 10)
      problems.push('The candidate pool size must be a whole number from 0 to 10.');
    if (!Number.isFinite(timeout) || timeout < 1 || timeout > 120)
      problems.push('The gathering time-out must be from 1 to 120 seconds.');
    if (this.policy === 'relay' && !this.selected.some((s) => /^turns?:/i.test(s.url.trim()))) {
      problems.push('The relay policy needs at least one TURN server selected.');
    }
    if (problems.length) {
      this.problem = `Not gathering: ${problems.join(' ')}`;
      return;
    }
    this.problem = '';
    this.gathering?.stop();
    this.gathered = [...this.selected];
    const g = new IceGathering({
      servers: this.gathered,
      policy: this.policy,
      poolSize: pool,
      timeoutMs: timeout * 1000,
      eachAlone: this.eachAlone,
    });
    g.addEventListener('change', this.rerender);
    this.gathering = g;
    await g.start();
    if (this.gathering !== g) return;
    if (this.downloadUrl) URL.revokeObjectURL(this.downloadUrl);
    this.downloadUrl = URL.createObjectURL(
      new Blob([JSON.stringify(this.report(g), null, 2)], { type: 'application/json' }),
    );
  }

  private handleStop(): void {
    this.gathering?.stop();
    this.gathering = null;
  }

  private async handleCopy(text: string, done: string): Promise<void> {
    await navigator.clipboard.writeText(text);
    this.copied = done;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'ice-panel': IcePanel;
  }
}
