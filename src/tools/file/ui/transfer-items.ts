import { LitElement, css, html, nothing } from 'lit';
import { repeat } from 'lit/directives/repeat.js';
import { customElement, property } from 'lit/decorators.js';
import { localized, msg, str } from '@lit/localize';
import { formatBytes } from '../../../i18n/format';
import '../../../ui/progress-meter';
import { listStyles, sharedStyles } from '../../../ui/shared-styles';
import { finished, type TransferState } from '../session/transfer-item';
import { noteText, type ShownItem } from './note-text';

export interface TransferActions {
  abort(id: string): void;
  /** Incoming files only. */
  accept?(id: string): void;
  decline?(id: string): void;
  /** Outgoing interrupted files only. */
  resume?(id: string): void;
  discard?(id: string): void;
  /** The file chosen again for an item whose file this page no longer has. */
  supply?(id: string, file: File): void;
  /** Whether resuming can start now (a receiver is connected). */
  canResume?: boolean;
}

const styles = css`
  ul {
    margin: 0.5rem 0 0;
  }
  li {
    padding: 0.5rem 0;
    display: grid;
    gap: 0.25rem;
  }
  .name {
    font-weight: 600;
  }
  .state {
    font-size: 0.85rem;
  }
  h3 {
    font-size: 0.95rem;
    margin: 0.75rem 0 0;
  }
`;

/** One list of transfers (outgoing or incoming), each with its progress, state and actions. */
@customElement('transfer-items')
@localized()
export class ShownItems extends LitElement {
  static override styles = [sharedStyles, listStyles, styles];

  /** The transfers, a new array whenever one changed. */
  @property({ attribute: false }) items: ShownItem[] = [];
  /** Outgoing or incoming. */
  @property() way: 'in' | 'out' = 'in';
  /** The peer's name when there are several (the list then says whose it is). */
  @property() peer = '';
  /** Bytes done of an item (an outgoing one counts what the network took). */
  @property({ attribute: false }) progress: (item: ShownItem) => number = (i) => i.bytes;
  @property({ attribute: false }) actions: TransferActions = { abort: () => {} };

  override render() {
    const { way, peer } = this;
    const label =
      way === 'out'
        ? peer
          ? msg(str`Outgoing files to ${peer}`)
          : msg('Outgoing files')
        : peer
          ? msg(str`Incoming files from ${peer}`)
          : msg('Incoming files');
    return html`${peer ? html`<h3 translate="no">${peer}</h3>` : nothing}
      <ul aria-label=${label}>
        ${repeat(
          this.items,
          (item) => item.id,
          (item) => this.renderItem(item),
        )}
      </ul>`;
  }

  private renderItem(item: ShownItem) {
    const { way, peer } = this;
    const bytes = this.progress(item);
    const elapsed = ((item.endedAt || performance.now()) - item.startedAt) / 1000;
    const rate = item.startedAt && elapsed > 0.2 && !finished(item.state) ? bytes / elapsed : 0;
    const bad = ['failed', 'corrupt', 'aborted', 'declined', 'skipped', 'interrupted'].includes(
      item.state,
    );
    // A folder's files and empty folders show their place in the tree.
    const name = item.folder ? `${item.path}/` : (item.path ?? item.name);
    const speed =
      item.state === 'done' && elapsed > 0 && item.size > 0 ? formatBytes(item.size / elapsed) : '';
    return html`<li data-state=${item.state}>
      <span class="name" translate="no">${name}</span>
      ${
        item.state === 'skipped' || item.folder
          ? nothing
          : html`<progress-meter
              label=${meterLabel(way, name, peer)}
              .value=${bytes}
              .max=${item.size}
              .rate=${rate}
            ></progress-meter>`
      }
      <span class="state ${bad ? 'error' : item.state === 'done' ? 'ok' : ''}"
        >${item.message ? noteText(item.message) : stateWords(item.state)}${
          // The space belongs to the sentence: Chinese puts none after 。
          speed ? msg(str` ${speed}/s average.`) : ''
        }</span
      >
      ${item.resume ? html`<span class="state resume">${noteText(item.resume)}</span>` : nothing}
      <div class="row">${this.renderActions(item)}</div>
    </li>`;
  }

  private renderResume(item: ShownItem) {
    return renderResumeActions(item, this.actions);
  }

  private renderActions(item: ShownItem) {
    // An interrupted folder goes on by itself when its receiver is back; its sender may drop it.
    if (item.batch && item.state === 'interrupted') {
      const { discard } = this.actions;
      const name = item.name;
      return discard
        ? html`<button aria-label=${msg(str`Discard ${name}`)} @click=${() => discard(item.id)}>
            ${msg('Discard')}
          </button>`
        : nothing;
    }
    if (item.state === 'interrupted') return this.renderResume(item);
    if (finished(item.state)) return nothing;
    const { accept, decline, abort } = this.actions;
    const name = item.name;
    if (accept && decline && item.state === 'offered') {
      return html`<button
          class="primary"
          @click=${() => accept(item.id)}
          aria-label=${msg(str`Accept ${name}`)}
        >
          ${msg('Accept')}
        </button>
        <button
          @click=${() => decline(item.id)}
          aria-label=${msg(str`Decline ${name}`)}
        >
          ${msg('Decline')}
        </button>`;
    }
    return html`<button @click=${() => abort(item.id)} aria-label=${msg(str`Abort ${name}`)}>
      ${msg('Abort')}
    </button>`;
  }
}

/** An interrupted outgoing file: Resume (or choose its file again), or Discard. */
function renderResumeActions(item: ShownItem, actions: TransferActions) {
  const { resume, discard, supply, canResume } = actions;
  if (!resume || !discard || !supply) return nothing;
  const name = item.name;
  const pick = (e: Event) => {
    const input = e.target as HTMLInputElement;
    const file = input.files?.[0];
    input.value = '';
    if (file) supply(item.id, file);
  };
  return html`${
    item.needsFile
      ? html`<label for="again-${item.id}">${msg(str`Choose ${name} again`)}</label
          ><input id="again-${item.id}" type="file" ?disabled=${!canResume} @change=${pick} />`
      : html`<button
          class="primary"
          ?disabled=${!canResume}
          aria-label=${msg(str`Resume ${name}`)}
          @click=${() => resume(item.id)}
        >
          ${msg('Resume')}
        </button>`
  }
    <button aria-label=${msg(str`Discard ${name}`)} @click=${() => discard(item.id)}>
      ${msg('Discard')}
    </button>`;
}

/** A progress bar's name: the file's, and the peer's when there are several. */
function meterLabel(way: 'in' | 'out', name: string, peer: string): string {
  if (!peer) return way === 'out' ? msg(str`Sending ${name}`) : msg(str`Receiving ${name}`);
  return way === 'out'
    ? msg(str`Sending ${name} to ${peer}`)
    : msg(str`Receiving ${name} from ${peer}`);
}

/** A transfer's state in words, in the current language (built at render time). */
function stateWords(state: TransferState): string {
  switch (state) {
    case 'queued':
      return msg('Queued.');
    case 'offered':
      return msg('Offered: accept or decline.');
    case 'waiting':
      return msg('Waiting for the receiver…');
    case 'sending':
      return msg('Sending…');
    case 'receiving':
      return msg('Receiving…');
    case 'verifying':
      return msg('Verifying…');
    case 'done':
      return msg('Done.');
    case 'declined':
      return msg('Declined.');
    case 'aborted':
      return msg('Aborted.');
    case 'failed':
      return msg('Failed.');
    case 'corrupt':
      return msg('Corrupt.');
    case 'skipped':
      return msg('Skipped.');
    case 'interrupted':
      return msg('Interrupted.');
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'transfer-items': ShownItems;
  }
}
