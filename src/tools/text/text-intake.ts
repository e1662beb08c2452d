import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { isTextField } from '../../device/paste-target';
import { takeSharedText } from '../../store/share-inbox';

/** Where text came from: pasted or dropped on the tool, or sent from the share sheet. */
export type TextSource = 'paste' | 'drop' | 'share';

/**
 * Text that comes to the Text tool other than by typing in its message box: pasted anywhere in
 * the tool (outside a text field, which takes its own paste), dropped on it, or shared from the
 * system's share sheet. Each goes to the message box through `put`.
 */
export class TextIntake implements ReactiveController {
  constructor(
    private readonly host: ReactiveControllerHost & HTMLElement,
    private readonly put: (text: string, source: TextSource) => void,
  ) {
    host.addController(this);
  }

  hostConnected(): void {
    document.addEventListener('paste', this.onPaste);
    this.host.addEventListener('dragover', this.onDragOver);
    this.host.addEventListener('drop', this.onDrop);
    void takeSharedText()
      .catch(() => '')
      .then((text) => text && this.put(text, 'share'));
  }

  hostDisconnected(): void {
    document.removeEventListener('paste', this.onPaste);
    this.host.removeEventListener('dragover', this.onDragOver);
    this.host.removeEventListener('drop', this.onDrop);
  }

  private readonly onPaste = (e: ClipboardEvent) => {
    if (isTextField(e.composedPath()[0])) return;
    const text = e.clipboardData?.getData('text/plain') ?? '';
    if (!text) return;
    e.preventDefault();
    this.put(text, 'paste');
  };

  /** Text dragged over the tool (the message box takes a drop on itself as usual). */
  private dropsHere(e: DragEvent): boolean {
    const types = e.dataTransfer?.types ?? [];
    return (
      types.includes('text/plain') && !types.includes('Files') && !isTextField(e.composedPath()[0])
    );
  }

  private readonly onDragOver = (e: DragEvent) => {
    if (this.dropsHere(e)) e.preventDefault();
  };

  private readonly onDrop = (e: DragEvent) => {
    if (!this.dropsHere(e)) return;
    e.preventDefault();
    const text = e.dataTransfer?.getData('text/plain') ?? '';
    if (text) this.put(text, 'drop');
  };
}
