// What the share sheet sent (the manifest's share_target: a multipart POST), read apart from
// the service worker that receives it so the rules can be unit-tested.

/** The field names the manifest's share_target declares. */
export const SHARE_FIELDS = { title: 'title', text: 'text', url: 'url', files: 'files' } as const;

export interface Shared {
  files: File[];
  /** Title, text and URL as one message ('' when none came). */
  text: string;
}

/** Reads a share_target POST's form. */
export function readShareForm(form: FormData): Shared {
  const field = (name: string) => {
    const value = form.get(name);
    return typeof value === 'string' ? value.trim() : '';
  };
  // An empty file field still posts a nameless, empty part: it is not a file.
  const files = form
    .getAll(SHARE_FIELDS.files)
    .filter((f): f is File => typeof f !== 'string' && (f.name !== '' || f.size > 0));
  return {
    files,
    text: sharedText(field(SHARE_FIELDS.title), field(SHARE_FIELDS.text), field(SHARE_FIELDS.url)),
  };
}

/**
 * Title, text and URL on their own lines, each once: apps often repeat the URL inside the text
 * or the title as the text's first words.
 */
export function sharedText(title: string, text: string, url: string): string {
  const parts: string[] = [];
  if (title && !text.startsWith(title)) parts.push(title);
  if (text) parts.push(text);
  if (url && !text.includes(url)) parts.push(url);
  return parts.join('\n');
}

/** Where the app opens after a share: the File tool when files came, else the Text tool. */
export function shareLanding(shared: Shared): '#/file' | '#/text' {
  return shared.files.length > 0 ? '#/file' : '#/text';
}
