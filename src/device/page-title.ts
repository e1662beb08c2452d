import { msg } from '@lit/localize';
import type { Activity, Progress } from './activity';

/** "42% · big.bin — dckit"; with more transfers running, "+2" after the first one's name. */
export function progressTitle(progress: Progress, base: string, bulkLabel: string): string {
  const pct = progress.total > 0 ? Math.floor((progress.done / progress.total) * 100) : 0;
  const name = progress.kind === 'bulk' ? bulkLabel : progress.name;
  const more = progress.count > 1 ? ` +${progress.count - 1}` : '';
  return `${Math.min(100, pct)}% · ${name}${more} — ${base}`;
}

/**
 * Shows the running transfers' progress in the page title (what a tab strip or task switcher
 * shows while the page is out of sight), and puts the title back once they end.
 */
export function titleFollows(activity: Activity, doc: Document = document): () => void {
  let base: string | null = null;
  return activity.subscribe(() => {
    const progress = activity.progress();
    if (!progress) {
      if (base !== null) doc.title = base;
      base = null;
      return;
    }
    base ??= doc.title;
    const title = progressTitle(progress, base, msg('Bulk data'));
    if (doc.title !== title) doc.title = title;
  });
}
