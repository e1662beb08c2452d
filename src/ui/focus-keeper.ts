import type { ReactiveController, ReactiveControllerHost } from 'lit';

type Host = ReactiveControllerHost & HTMLElement;

const controls = 'button, input, select, textarea, a[href], [tabindex="0"]';

const usable = (el: Element): el is HTMLElement =>
  el instanceof HTMLElement && !el.matches(':disabled') && el.getClientRects().length > 0;

/** The element that holds the focus, looking through shadow roots. */
export function deepActiveElement(): Element | null {
  let active = document.activeElement;
  while (active?.shadowRoot?.activeElement) active = active.shadowRoot.activeElement;
  return active;
}

/**
 * Keeps the keyboard focus inside an element when the control that had it disables itself or
 * leaves the page (Start, Stop, Send, Create room…). Browsers then drop the focus to <body>, and a
 * keyboard user would start over from the top of the page. The focus moves to `preferred(lost)`
 * when given, else to the nearest usable control around the lost one: Start's neighbour Stop,
 * and back.
 */
export class FocusKeeper implements ReactiveController {
  private held: HTMLElement | null = null;
  private heldParent: Element | null = null;

  constructor(
    private readonly host: Host,
    private readonly preferred: (lost: HTMLElement) => HTMLElement | null | undefined = () => null,
  ) {
    host.addController(this);
  }

  hostUpdate(): void {
    const active = this.host.shadowRoot?.activeElement;
    this.held = active instanceof HTMLElement ? active : null;
    this.heldParent = this.held?.parentElement ?? null;
  }

  hostUpdated(): void {
    const lost = this.held;
    const parent = this.heldParent;
    this.held = this.heldParent = null;
    if (!lost || (lost.isConnected && !lost.matches(':disabled'))) return;
    const now = deepActiveElement();
    if (now && now !== lost && now !== document.body && now !== this.host) return;
    const next = this.preferred(lost) ?? this.nearest(parent, lost);
    next?.focus();
  }

  private nearest(from: Element | null, lost: Element): HTMLElement | null {
    const root = this.host.shadowRoot;
    for (let scope = from; scope && scope.isConnected; scope = scope.parentElement) {
      const found = [...scope.querySelectorAll(controls)].find((el) => el !== lost && usable(el));
      if (found) return found as HTMLElement;
    }
    const any = root ? [...root.querySelectorAll(controls)].find(usable) : undefined;
    return (any as HTMLElement | undefined) ?? null;
  }
}

/**
 * After a connection opens, puts the focus on the tool's main control (the message box, the file
 * chooser), unless the user has already moved on: only when the focus is lost or still on the
 * connection controls that started it.
 */
export function focusAfterConnect(target: HTMLElement | null | undefined): void {
  if (!target) return;
  const now = deepActiveElement();
  if (!now || now === document.body || insidePicker(now)) target.focus();
}

/** Whether an element is the connection picker or sits in it, through any shadow roots. */
function insidePicker(el: Element): boolean {
  for (let at: Element | null = el; at;) {
    if (at.localName === 'connection-picker') return true;
    const root = at.getRootNode();
    at = root instanceof ShadowRoot ? root.host : null;
  }
  return false;
}
