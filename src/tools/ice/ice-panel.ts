import { LitElement, html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { localized, msg, str } from '@lit/localize';
import { formatDateTime, formatNumber, formatSeconds } from '../../i18n/format';
import type { IceServerEntry } from '../../store/ice-servers';
import { sharedStyles } from '../../ui/shared-styles';
import { componentName, formatPriority } from './candidate';
import { IceGathering } from './gatherer';
import { styles } from './ice-panel.styles';
import { buildReport, summaryLine, type IceReport } from './ice-report';
import { relayChecksTable } from './relay-checks-table';
import './ice-servers-editor';
import type { ServersChangeEvent } from './ice-servers-editor';
import { checkServer } from './ice-url';
import { natMapping } from './nat-type';
import { verdicts } from './verdict';
import { makeTestLink, readTestLink, type TestLinkRun } from './test-link';
import { hashFor } from '../../app/routes';
import { FocusKeeper } from '../../ui/focus-keeper';
import { webRtcMissing } from '../../rtc/webrtc-support';
import { errorText } from '../../i18n/error-text';

/**
 * The trickle-ICE tester: gathers candidates with the chosen STUN/TURN servers, lists them as
 * they arrive, and gives a verdict per server.
 */
@customElement('ice-panel')
@localized()
export class IcePanel extends LitElement {
  static override styles = [sharedStyles, styles];

  // A pressed button that disables itself (Start, Stop, Send…) hands the focus on.
  protected readonly focusKeeper = new FocusKeeper(this);

  /** The route's parameters: `test` carries a test link's run. */
  @property({ attribute: false }) params: URLSearchParams | null = null;
  @state() private selected: IceServerEntry[] = [];
  /** The run a test link asked for: its servers stand in for the list until left. */
  @state() private fromLink: TestLinkRun | null = null;
  @state() private linkCredentials = false;
  @state() private linkNote = '';
  @state() private testLink = '';
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

  protected override willUpdate(changed: Map<PropertyKey, unknown>): void {
    if (!changed.has('params')) return;
    const param = this.params?.get('test') ?? null;
    if (param === null) {
      this.fromLink = null;
      return;
    }
    const run = readTestLink(param);
    this.fromLink = run;
    if (!run) {
      this.problem = msg(
        'This test link is damaged: ask for it again, or gather with your own list.',
      );
      return;
    }
    this.policy = run.policy;
    this.timeout = String(run.timeoutSeconds);
    this.eachAlone = run.eachAlone;
    // Credentials in a link leave the address bar and the history once read.
    if (run.servers.some((s) => s.credential)) history.replaceState(null, '', hashFor('ice'));
    // Gathers once the page shows the link's list (after this update).
    void this.updateComplete.then(async () => {
      if (this.fromLink === run && this.isConnected) await this.handleGather();
    });
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.gathering?.stop();
    if (this.downloadUrl) URL.revokeObjectURL(this.downloadUrl);
  }

  override render() {
    const running = this.gathering !== null && this.gathering.done === null;
    return html`
      <h1 class="visually-hidden" translate="no">Trickle ICE</h1>
      ${this.fromLink ? this.renderLinkServers(this.fromLink) : nothing}
      <section class="card" aria-labelledby="servers-h" ?hidden=${this.fromLink !== null}>
        <h2 id="servers-h">${msg('ICE servers')}</h2>
        <ice-servers-editor
          @servers-change=${(e: ServersChangeEvent) => (this.selected = e.detail.selected)}
        ></ice-servers-editor>
      </section>
      <section class="card" aria-labelledby="options-h">
        <h2 id="options-h">${msg('Options')}</h2>
        <div class="options">
          <label for="policy">${msg('ICE transport policy')}</label>
          <select
            id="policy"
            .value=${this.policy}
            @change=${(e: Event) => (this.policy = (e.target as HTMLSelectElement).value as RTCIceTransportPolicy)}
          >
            <option value="all" translate="no">all</option>
            <option value="relay" translate="no">relay</option>
          </select>
          <label for="pool">${msg('Candidate pool size')}</label>
          <input
            id="pool"
            type="number"
            min="0"
            max="10"
            .value=${this.pool}
            @input=${(e: Event) => (this.pool = (e.target as HTMLInputElement).value)}
          />
          <label for="timeout">${msg('Gathering time-out (s)')}</label>
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
            ${msg('Test each server alone')}</label
          >
        </div>
        <div class="row">
          <button class="primary" @click=${this.handleGather} ?disabled=${running}>
            ${msg('Gather candidates')}
          </button>
          <button @click=${this.handleStop} ?disabled=${!running}>${msg('Stop')}</button>
          <button @click=${this.handleTestLink} ?disabled=${this.fromLink !== null}>
            ${msg('Copy test link')}
          </button>
          <label
            ><input
              type="checkbox"
              .checked=${this.linkCredentials}
              ?disabled=${this.fromLink !== null}
              @change=${(e: Event) => {
                this.linkCredentials = (e.target as HTMLInputElement).checked;
                // A link made before says something else now: made again on demand.
                this.testLink = this.linkNote = '';
              }}
            />
            ${msg('Put TURN credentials in the link')}</label
          >
        </div>
        ${
          this.linkCredentials
            ? html`<p class="muted" role="note">
                ${msg(
                  'Anyone who gets the link can use your TURN server with these credentials until you change them. A TURN REST shared secret never goes into a link.',
                )}
              </p>`
            : nothing
        }
        ${
          this.testLink
            ? html`<label
                >${msg('Test link')}
                <input readonly translate="no" .value=${this.testLink} @focus=${selectAll}
              /></label>`
            : nothing
        }
        <p aria-live="polite">${this.linkNote}</p>
        <p class="error" role="alert">${this.problem}</p>
      </section>
      ${this.gathering ? this.renderResults(this.gathering) : nothing}
    `;
  }

  private renderResults(g: IceGathering) {
    const report = this.report(g);
    return html`<section class="card" aria-labelledby="results-h">
      <h2 id="results-h">${msg('Candidates')}</h2>
      ${[...g.restCredentials].map(([server, rest]) => {
        const username = rest.username;
        const until = formatDateTime(rest.expires);
        // One line, so the message extracts as the sentence it renders (prettier would wrap it).
        // prettier-ignore
        const note = msg(html`TURN REST credentials for <code translate="no">${server}</code>: username <code translate="no">${username}</code>, valid until ${until}.`);
        return html`<p class="muted">${note}</p>`;
      })}
      ${
        g.splitForVerdicts
          ? html`<p class="muted" role="note">
              ${msg(
                'This browser does not say which server a candidate came from, so each server gathered on its own to give every server a verdict.',
              )}
            </p>`
          : nothing
      }
      <div
        class="table-wrap"
        tabindex="0"
        role="region"
        aria-label=${msg('Candidates (scrolls sideways)')}
      >
        <table aria-label=${msg('Candidates')}>
          <thead>
            <tr>
              <th scope="col">${msg('Time (s)')}</th>
              <th scope="col">${msg('Component')}</th>
              <th scope="col">${msg('Type')}</th>
              <th scope="col">${msg('Foundation')}</th>
              <th scope="col">${msg('Protocol')}</th>
              <th scope="col">${msg('Address')}</th>
              <th scope="col">${msg('Port')}</th>
              <th scope="col">${msg('Priority')}</th>
              <th scope="col">${msg('Server URL')}</th>
              <th scope="col">${msg('Relay protocol')}</th>
            </tr>
          </thead>
          <tbody>
            ${g.rows.map(
              (r) =>
                html`<tr>
                  <td>${formatNumber(r.t, 3)}</td>
                  <td translate="no">${componentName(r.candidate.component)}</td>
                  <td translate="no">${r.candidate.type}</td>
                  <td translate="no">${r.candidate.foundation}</td>
                  <td translate="no">
                    ${r.candidate.protocol}${r.candidate.tcpType ? ` (${r.candidate.tcpType})` : ''}
                  </td>
                  <td class="addr" translate="no">${r.candidate.address}</td>
                  <td translate="no">${r.candidate.port}</td>
                  <td translate="no">${formatPriority(r.candidate.priority)}</td>
                  <td class="url" translate="no">
                    ${r.url ?? (r.candidate.type === 'host' ? '' : r.server)}
                  </td>
                  <td translate="no">${r.relayProtocol ?? ''}</td>
                </tr>`,
            )}
            ${
              g.done
                ? html`<tr class="done">
                    <td>${formatNumber(g.done.seconds, 3)}</td>
                    <td colspan="9">${g.done.timedOut ? this.timedOutWords() : msg('Done')}</td>
                  </tr>`
                : html`<tr>
                    <td colspan="10" class="muted">${msg('Gathering…')}</td>
                  </tr>`
            }
          </tbody>
        </table>
      </div>
      ${
        g.errors.length
          ? html`<h2>${msg('ICE candidate errors')}</h2>
              <div
                class="table-wrap"
                tabindex="0"
                role="region"
                aria-label=${msg('ICE candidate errors (scrolls sideways)')}
              >
                <table aria-label=${msg('ICE candidate errors')}>
                  <thead>
                    <tr>
                      <th scope="col" translate="no">URL</th>
                      <th scope="col">${msg('Code')}</th>
                      <th scope="col">${msg('Text')}</th>
                    </tr>
                  </thead>
                  <tbody>
                    ${g.errors.map(
                      (e) =>
                        html`<tr>
                          <td class="url" translate="no">${e.url}</td>
                          <td translate="no">${e.code}</td>
                          <td translate="no">${e.text}</td>
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
    return html`<h2>${msg('Verdicts')}</h2>
      <ul class="verdicts" aria-label=${msg('Verdicts')}>
        ${report.verdicts.map(
          (v) =>
            html`<li class=${v.level === 'ok' ? 'ok' : 'error'}>
              ${v.level === 'ok' ? '✔' : '✘'} <code translate="no">${v.server}</code>: ${v.words}
            </li>`,
        )}
      </ul>
      ${report.relayChecks.length ? relayChecksTable(report.relayChecks) : nothing}
      ${
        report.nat
          ? html`<h2>${msg('NAT type')}</h2>
              <p
                aria-label=${msg('NAT type')}
                class=${report.nat.mapping === 'dependent' ? 'error' : ''}
              >
                ${report.nat.words}
              </p>`
          : nothing
      }
      <p class="summary" aria-label=${msg('Summary line')}>${summaryLine(report)}</p>
      <div class="row">
        <button
          @click=${() => this.handleCopy(JSON.stringify(report, null, 2), msg('JSON copied.'))}
        >
          ${msg('Copy JSON')}
        </button>
        <a href=${this.downloadUrl} download="ice-results.json">${msg('Download JSON')}</a>
        <button @click=${() => this.handleCopy(summaryLine(report), msg('Summary copied.'))}>
          ${msg('Copy summary')}
        </button>
        <span aria-live="polite">${this.copied}</span>
      </div>`;
  }

  private renderLinkServers(run: TestLinkRun) {
    return html`<section class="card" aria-labelledby="link-h">
      <h2 id="link-h">${msg('Servers from a test link')}</h2>
      <p class="muted">
        ${msg(
          'This page was opened with a test link: it gathers with these servers, not with your list, and saves nothing. Press Copy JSON or Copy summary below and send the result back.',
        )}
      </p>
      <ul aria-label=${msg('Servers from a test link')}>
        ${run.servers.map((s) => html`<li><code translate="no">${s.url}</code></li>`)}
      </ul>
      <div class="row">
        <button @click=${this.leaveLink}>
          ${msg('Back to my servers')}
        </button>
      </div>
    </section>`;
  }

  /** Back to the saved list (the link's address may already be gone from the bar). */
  private readonly leaveLink = (): void => {
    this.gathering?.stop();
    this.gathering = null;
    this.fromLink = null;
    if (location.hash !== hashFor('ice')) location.hash = hashFor('ice');
  };

  private readonly handleTestLink = async (): Promise<void> => {
    const { hash, leftOut } = makeTestLink(
      {
        servers: this.selected,
        policy: this.policy,
        timeoutSeconds: Number(this.timeout) || 10,
        eachAlone: this.eachAlone,
      },
      this.linkCredentials,
    );
    const link = `${location.origin}${location.pathname}${hash}`;
    this.testLink = link;
    try {
      await navigator.clipboard.writeText(link);
    } catch {
      this.linkNote = msg('The clipboard refused the link: copy it from the field above.');
      return;
    }
    const list = leftOut.join(', ');
    this.linkNote = leftOut.length
      ? msg(str`Test link copied. Left out, for their credentials stay here: ${list}.`)
      : msg('Test link copied.');
  };

  /** The done row after a time-out, with the limit written as it was entered ("10 s"). */
  private timedOutWords(): string {
    const decimals = Math.min(20, this.timeout.split('.')[1]?.length ?? 0);
    const limit = formatSeconds(Number(this.timeout), decimals);
    return msg(str`Done: stopped by the ${limit} time-out`);
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
      verdicts: g.done
        ? verdicts(servers, g.forVerdicts.rows, g.forVerdicts.errors, g.relayProofs)
        : [],
      relayChecks: g.relayChecks,
      ...(g.done
        ? {
            nat: natMapping(
              servers,
              g.shared?.rows ?? [],
              g.shared?.errors ?? [],
              g.shared !== null,
              g.forVerdicts === g.shared ? undefined : g.forVerdicts.rows,
            ),
          }
        : {}),
    });
  }

  private async handleGather(): Promise<void> {
    this.copied = '';
    const missing = webRtcMissing();
    if (missing) {
      this.problem = missing;
      return;
    }
    const chosen = this.fromLink?.servers ?? this.selected;
    const problems = chosen.map(checkServer).flatMap((c) => (c.ok ? [] : [c.message]));
    const pool = Number(this.pool);
    const timeout = Number(this.timeout);
    if (!Number.isInteger(pool) || pool < 0 || pool > 10)
      problems.push(msg('The candidate pool size must be a whole number from 0 to 10.'));
    if (!Number.isFinite(timeout) || timeout < 1 || timeout > 120)
      problems.push(msg('The gathering time-out must be from 1 to 120 seconds.'));
    if (this.policy === 'relay' && !chosen.some((s) => /^turns?:/i.test(s.url.trim()))) {
      problems.push(msg('The relay policy needs at least one TURN server selected.'));
    }
    if (problems.length) {
      const list = problems.join(' ');
      this.problem = msg(str`Not gathering: ${list}`);
      return;
    }
    this.problem = '';
    this.gathering?.stop();
    this.gathered = [...chosen];
    const g = new IceGathering({
      servers: this.gathered,
      policy: this.policy,
      poolSize: pool,
      timeoutMs: timeout * 1000,
      eachAlone: this.eachAlone,
    });
    g.addEventListener('change', this.rerender);
    this.gathering = g;
    try {
      await g.start();
    } catch (error) {
      if (this.gathering !== g) return;
      g.stop();
      this.gathering = null;
      this.problem = errorText(error, msg('Gathering failed.'));
      return;
    }
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

function selectAll(e: Event): void {
  (e.target as HTMLInputElement).select();
}
