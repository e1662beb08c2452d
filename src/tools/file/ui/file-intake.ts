import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { isTextField } from '../../../device/paste-target';
import { sharedTextWaiting, takeSharedFiles } from '../../../store/share-inbox';
import { dropEntries, droppedTree, type PickedTree } from '../../../ui/dropped-tree';
import type { Outgoing } from '../send/outgoing-queue';

export interface FileIntakeOptions {
  /** Whether a connection is up to send on. */
  live(): boolean;
  /** Queues files (and a folder's empty folders) on the live connection. */
  enqueue(files: (File | Outgoing)[], emptyFolders: string[]): void;
}

/**
 * Files that come to the File tool other than through its inputs: dropped anywhere on it,
 * pasted anywhere in it, or sent from the system's share sheet. They queue at once when a
 * connection is up; before that they wait here and go as soon as it is.
 */
export class FileIntake implements ReactiveController {
  /** Files waiting for a connection. */
  waiting: (File | Outgoing)[] = [];
  private waitingFolders: string[] = [];
  /** Files are dragged over the tool. */
  dragging = false;
  /** How many files the share sheet sent (0: none), and whether text came with them. */
  shared: { files: number; text: boolean } = { files: 0, text: false };

  constructor(
    private readonly host: ReactiveControllerHost & HTMLElement,
    private readonly options: FileIntakeOptions,
  ) {
    host.addController(this);
  }

  hostConnected(): void {
    document.addEventListener('paste', this.onPaste);
    this.host.addEventListener('dragover', this.onDragOver);
    this.host.addEventListener('dragleave', this.onDragLeave);
    this.host.addEventListener('drop', this.onDrop);
    void this.takeShared();
  }

  hostDisconnected(): void {
    document.removeEventListener('paste', this.onPaste);
    this.host.removeEventListener('dragover', this.onDragOver);
    this.host.removeEventListener('dragleave', this.onDragLeave);
    this.host.removeEventListener('drop', this.onDrop);
  }

  /** Queues files now if a connection is up, else keeps them for it. */
  add(files: (File | Outgoing)[], emptyFolders: string[] = []): void {
    if (files.length === 0 && emptyFolders.length === 0) return;
    if (this.options.live()) this.options.enqueue(files, emptyFolders);
    else {
      this.waiting = [...this.waiting, ...files];
      this.waitingFolders = [...this.waitingFolders, ...emptyFolders];
    }
    this.host.requestUpdate();
  }

  addTree(tree: PickedTree): void {
    this.add([...tree.files, ...tree.loose], tree.emptyFolders);
  }

  /** A connection came up: what waited goes. */
  flush(): void {
    if (!this.options.live() || (this.waiting.length === 0 && this.waitingFolders.length === 0))
      return;
    const [files, folders] = [this.waiting, this.waitingFolders];
    this.waiting = [];
    this.waitingFolders = [];
    this.options.enqueue(files, folders);
    this.host.requestUpdate();
  }

  /** Takes a waiting file off the list. */
  remove(index: number): void {
    this.waiting = this.waiting.filter((_, i) => i !== index);
    this.host.requestUpdate();
  }

  private async takeShared(): Promise<void> {
    const files = await takeSharedFiles().catch(() => []);
    if (files.length === 0) return;
    this.shared = { files: files.length, text: await sharedTextWaiting().catch(() => false) };
    this.add(files);
  }

  private readonly onPaste = (e: ClipboardEvent) => {
    const files = [...(e.clipboardData?.files ?? [])];
    // Text pasted into a field is the field's; files are the tool's wherever they land.
    if (files.length === 0) return;
    if (isTextField(e.composedPath()[0]) && e.clipboardData?.types.includes('text/plain')) return;
    e.preventDefault();
    this.add(files);
  };

  private readonly onDragOver = (e: DragEvent) => {
    if (!e.dataTransfer?.types.includes('Files')) return;
    e.preventDefault();
    if (!this.dragging) {
      this.dragging = true;
      this.host.requestUpdate();
    }
  };

  private readonly onDragLeave = (e: DragEvent) => {
    // Leaving a child for another is no leaving; only leaving the tool is.
    if (e.relatedTarget && this.host.contains(e.relatedTarget as Node)) return;
    this.dragging = false;
    this.host.requestUpdate();
  };

  private readonly onDrop = (e: DragEvent) => {
    if (!e.dataTransfer?.types.includes('Files')) return;
    e.preventDefault();
    this.dragging = false;
    this.host.requestUpdate();
    const entries = dropEntries(e.dataTransfer);
    if (entries.some((entry) => entry.isDirectory)) {
      void droppedTree(entries).then((tree) => this.addTree(tree));
      return;
    }
    this.add([...e.dataTransfer.files]);
  };
}
