import { registerSW } from 'virtual:pwa-register';
import { activity } from './activity';

type Listener = () => void;

/**
 * The service worker's life as the page needs it: registered once, a new version waiting to be
 * applied, and the reload that applies it, which waits while a transfer runs.
 */
class Updates {
  /** A new version is installed and waits for the user's go. */
  waiting = false;
  private apply: ((reload?: boolean) => Promise<void>) | null = null;
  private readonly listeners = new Set<Listener>();
  private reloadWhenIdle = false;

  start(): void {
    if (this.apply) return;
    // A new controller replacing one is a new version taking over (this tab's Reload to update,
    // or another tab's); the first one, claiming a page that had none, changes nothing.
    let controller = navigator.serviceWorker?.controller ?? null;
    navigator.serviceWorker?.addEventListener('controllerchange', () => {
      const replaced = controller !== null;
      controller = navigator.serviceWorker.controller;
      if (replaced) this.reload();
    });
    this.apply = registerSW({
      immediate: true,
      onNeedRefresh: () => {
        this.waiting = true;
        this.changed();
      },
      // Workbox reloads only pages that were controlled when they loaded; the controllerchange
      // listener above covers those that the first version claimed, too.
      onNeedReload: () => {},
      // No service worker (a self-signed certificate, a private window): the app works online.
      onRegisterError: () => {},
    });
  }

  subscribe(listener: Listener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Activates the waiting version; the page reloads once it controls the page. */
  async update(): Promise<void> {
    if (!this.waiting || activity.busy) return;
    await this.apply?.(true);
  }

  /** The new version controls the page: reload to run it, though never under a transfer. */
  private reload(): void {
    if (!activity.busy) return location.reload();
    if (this.reloadWhenIdle) return;
    this.reloadWhenIdle = true;
    const stop = activity.subscribe(() => {
      if (activity.busy) return;
      stop();
      location.reload();
    });
  }

  private changed(): void {
    for (const l of this.listeners) l();
  }
}

export const updates = new Updates();
