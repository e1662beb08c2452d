import { LitElement, css, html, nothing } from 'lit';
import { repeat } from 'lit/directives/repeat.js';
import { customElement, property, state } from 'lit/decorators.js';
import { localized, msg, str } from '@lit/localize';
import {
  deleteReceivedFile,
  deleteReceivedFolder,
  listReceivedFiles,
  listReceivedFolders,
  recordContent,
  type ReceivedFileRecord,
  type ReceivedFolderRecord,
} from '../store/received-files';
import { formatBytes, formatDateTime, formatNumber } from '../i18n/format';
import { receivedZipEntries } from '../store/received-zip';
import './zip-download';
import { listStyles, sharedStyles } from './shared-styles';
import { safeFileName } from '../files/file-name';
import { receivedOrder, withArrived } from '../store/received-order';

const styles = css`
  :host {
    display: block;
  }
  li {
    display: flex;
    gap: 0.75rem;
    align-items: center;
    flex-wrap: wrap;
    padding: 0.35rem 0;
  }
  .name {
    flex: 1 1 14rem;
  }
  .meta {
    color: var(--dc-muted);
    font-size: 0.85rem;
  }
`;

/** Rows of files shown at first, and added by each "Show more". */
const PAGE = 200;

/** Files received and verified, kept on disk until deleted, each with a download link. */
@customElement('received-files')
@localized()
export class ReceivedFiles extends LitElement {
  static override styles = [sharedStyles, listStyles, styles];

  @state() private files: ReceivedFileRecord[] = [];
  /** Empty folders of folders received whole. */
  @state() private folders: ReceivedFolderRecord[] = [];
  @state() private urls = new Map<string, string>();
  /** Files the system's share sheet takes (Web Share), under their own names. */
  @state() private shareable = new Map<string, File>();
  @state() private problem = '';
  /** Rows shown: a folder of thousands shows a page of them at a time. */
  @state() private shown = PAGE;
  /**
   * Packs still being written (folders arriving): their files show as they are verified, and get
   * their links once the pack is closed, since a file being written cannot be read.
   */
  @property({
    attribute: false,
    hasChanged: (a: readonly string[], b?: readonly string[]) => a.join() !== b?.join(),
  })
  arriving: readonly string[] = [];

  override connectedCallback(): void {
    super.connectedCallback();
    void this.refresh();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    for (const url of this.urls.values()) URL.revokeObjectURL(url);
    this.urls = new Map();
  }

  /** Files that arrived while a reload read the stored list, put back once it is read. */
  private arrivedMeanwhile: ReceivedFileRecord[][] = [];
  private refreshing = 0;
  /** Links are made one page at a time, in turn: two at once would make two links per file. */
  private linking = Promise.resolve();

  /** Reloads the list (after a new file was saved). */
  async refresh(): Promise<void> {
    this.refreshing++;
    try {
      const [files, folders] = await Promise.all([listReceivedFiles(), listReceivedFolders()]);
      const byPath = new Intl.Collator().compare;
      this.files = this.arrivedMeanwhile.reduce(withArrived, receivedOrder(files));
      this.folders = folders.sort((a, b) => byPath(a.path, b.path));
    } finally {
      if (--this.refreshing === 0) this.arrivedMeanwhile = [];
    }
    await this.link(this.files.slice(0, this.shown));
  }

  /** Files of a folder still arriving were recorded: their rows show now, their links later. */
  arrive(records: readonly ReceivedFileRecord[]): void {
    if (this.refreshing) this.arrivedMeanwhile.push([...records]);
    this.files = withArrived(this.files, records);
  }

  protected override updated(changed: Map<string, unknown>): void {
    // A pack closed: the rows of its files get their links.
    if (changed.has('arriving') && changed.get('arriving') !== undefined)
      void this.link(this.files.slice(0, this.shown));
  }

  private isArriving(f: ReceivedFileRecord): boolean {
    return !!f.pack && this.arriving.includes(f.pack.id);
  }

  /**
   * Download links (and shares) for the rows shown: a folder of thousands of files gets them a
   * page at a time, as its rows are shown.
   */
  private link(files: readonly ReceivedFileRecord[]): Promise<void> {
    const next = this.linking.then(() => this.linkNow(files));
    this.linking = next.catch(() => {});
    return next;
  }

  private async linkNow(files: readonly ReceivedFileRecord[]): Promise<void> {
    const urls = new Map(this.urls);
    const shareable = new Map(this.shareable);
    const packs = new Map<string, Promise<File>>();
    let made = 0;
    for (const f of files) {
      if (urls.has(f.id) || this.isArriving(f)) continue;
      // A few links per task: a page of them at once would hold the page up.
      if (++made % 25 === 0) await new Promise((resolve) => setTimeout(resolve));
      try {
        const content = await recordContent(f, packs);
        // An object URL of the OPFS file: the download streams from disk.
        urls.set(f.id, URL.createObjectURL(content));
        const named = new File([content], f.name, { type: f.type, lastModified: f.lastModified });
        if (navigator.canShare?.({ files: [named] })) shareable.set(f.id, named);
      } catch {
        const name = f.name;
        this.problem = msg(str`The content of "${name}" is missing from this browser's storage.`);
      }
    }
    this.urls = urls;
    this.shareable = shareable;
  }

  override render() {
    return html`<section aria-labelledby="received-h">
      <h2 id="received-h">${msg('Received files')}</h2>
      ${
        this.files.length + this.folders.length === 0
          ? html`<p class="muted">${msg('Nothing received yet.')}</p>`
          : html`${this.renderZip()}<ul aria-label=${msg('Received files')}>
              ${repeat(
                this.folders,
                (f) => f.id,
                (f) => this.renderFolder(f),
              )}
              ${repeat(
                this.files.slice(0, this.shown),
                (f) => f.id,
                (f) => this.renderFile(f),
              )}
            </ul>
            ${this.renderMore()}`
      }
      ${this.problem ? html`<p class="error" role="alert">${this.problem}</p>` : nothing}
    </section>`;
  }

  private renderMore() {
    const total = this.files.length;
    if (total <= this.shown) return nothing;
    const shown = formatNumber(this.shown);
    const all = formatNumber(total);
    return html`<p>
      <span>${msg(str`${shown} of ${all} files shown.`)}</span>
      <button @click=${this.handleMore}>${msg('Show more')}</button>
    </p>`;
  }

  private async handleMore(): Promise<void> {
    const from = this.shown;
    this.shown += PAGE;
    await this.link(this.files.slice(from, this.shown));
  }

  /** One zip of everything, and one per folder received whole. */
  private renderZip() {
    const { files, folders } = this;
    // A zip reads every file: it waits for the folders arriving to be complete.
    if (files.some((f) => this.isArriving(f))) return nothing;
    const tops = [
      ...new Set([
        ...files.flatMap((f) => (f.path ? [top(f.path)] : [])),
        ...folders.map((f) => top(f.path)),
      ]),
    ];
    const all =
      files.length + folders.length < 2
        ? nothing
        : html`<zip-download .entries=${() => receivedZipEntries(files, folders)}></zip-download>`;
    return html`${all}
    ${tops.map((name) => {
      const inside = (path?: string) => path !== undefined && top(path) === name;
      const safe = safeFileName(name);
      return html`<zip-download
        label=${msg(str`Download the folder ${name} as zip`)}
        filename=${`${safe}.zip`}
        .entries=${() =>
          receivedZipEntries(
            files.filter((f) => inside(f.path)),
            folders.filter((f) => inside(f.path)),
          )}
      ></zip-download>`;
    })}`;
  }

  private renderFolder(f: ReceivedFolderRecord) {
    const path = `${f.path}/`;
    return html`<li>
      <span class="name" translate="no">${path}</span>
      <span class="meta">${msg('Empty folder')} · ${formatDateTime(f.receivedAt)}</span>
      <button
        aria-label=${msg(str`Delete the folder ${path}`)}
        @click=${() => this.handleDeleteFolder(f.id)}
      >
        ${msg('Delete')}
      </button>
    </li>`;
  }

  private renderFile(f: ReceivedFileRecord) {
    const url = this.urls.get(f.id);
    const safe = safeFileName(f.name);
    if (this.isArriving(f))
      return html`<li>
        <span class="name" translate="no">${f.path ?? f.name}</span>
        <span class="meta"
          >${formatBytes(f.size)} · ${msg('Verified; its link comes when the transfer ends.')}</span
        >
      </li>`;
    return html`<li>
      <span class="name" translate="no">${f.path ?? f.name}</span>
      <span class="meta"
        >${formatBytes(f.size)} · ${formatDateTime(f.receivedAt)} · SHA-256
        <code title=${f.sha256} translate="no">${f.sha256.slice(0, 12)}…</code></span
      >
      ${
        url
          ? html`<a href=${url} download=${safe} aria-label=${msg(str`Download ${safe}`)}
              >${msg('Download')}</a
            >`
          : nothing
      }
      ${
        this.shareable.has(f.id)
          ? html`<button
              aria-label=${msg(str`Share ${safe}`)}
              @click=${() => this.handleShare(this.shareable.get(f.id)!)}
            >
              ${msg('Share')}
            </button>`
          : nothing
      }
      <button aria-label=${msg(str`Delete ${safe}`)} @click=${() => this.handleDelete(f.id)}>
        ${msg('Delete')}
      </button>
    </li>`;
  }

  /** Hands the file to the system's share sheet (Web Share), to send it by another app. */
  private async handleShare(file: File): Promise<void> {
    this.problem = '';
    try {
      await navigator.share({ files: [file] });
    } catch (error) {
      // Closing the share sheet is no failure.
      if (error instanceof DOMException && error.name === 'AbortError') return;
      const why = error instanceof Error ? error.message : String(error);
      const name = file.name;
      this.problem = msg(str`"${name}" could not be shared: ${why}`);
    }
  }

  private async handleDeleteFolder(id: string): Promise<void> {
    await deleteReceivedFolder(id);
    await this.refresh();
  }

  private async handleDelete(id: string): Promise<void> {
    const url = this.urls.get(id);
    if (url) URL.revokeObjectURL(url);
    this.urls.delete(id);
    this.shareable.delete(id);
    await deleteReceivedFile(id);
    await this.refresh();
  }
}

/** A folder's first part: the folder the user sent. */
function top(path: string): string {
  return path.split('/')[0]!;
}

declare global {
  interface HTMLElementTagNameMap {
    'received-files': ReceivedFiles;
  }
}
