import { msg } from '@lit/localize';

/** The views the shell can show; only tools that exist are listed. */
export const tools = [
  { id: 'text', title: () => msg('Text') },
  { id: 'file', title: () => msg('File') },
  { id: 'bulk', title: () => msg('Bulk data') },
  { id: 'ice', title: () => msg('Trickle ICE') },
  { id: 'relay', title: () => msg('Relay') },
] as const;

export type ViewId = (typeof tools)[number]['id'] | 'settings';

export interface Route {
  view: ViewId;
  /** Parameters after '?' in the fragment, e.g. a room link's id and secret. */
  params: URLSearchParams;
}

const views = new Set<string>([...tools.map((t) => t.id), 'settings']);

/** Reads `#/<view>?<params>`; anything unknown shows the first tool. */
export function parseHash(hash: string): Route {
  const body = hash.replace(/^#\/?/, '');
  const q = body.indexOf('?');
  const name = q === -1 ? body : body.slice(0, q);
  const params = new URLSearchParams(q === -1 ? '' : body.slice(q + 1));
  return { view: views.has(name) ? (name as ViewId) : tools[0].id, params };
}

export function hashFor(view: ViewId, params?: URLSearchParams): string {
  const query = params?.toString();
  return `#/${view}${query ? `?${query}` : ''}`;
}
