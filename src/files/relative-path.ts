import { msg } from '@lit/localize';

export type PathCheck = { ok: true } | { ok: false; reason: string };

const MAX_PATH = 4096;
const MAX_DEPTH = 64;

/**
 * Whether a path sent with a file (a folder's tree) can only name something inside the folder
 * it is stored under: relative, "/"-separated, no "..", ".", or empty parts, no NUL or other
 * control characters, of sane length and depth. The reason is a phrase for a sentence.
 */
export function checkRelativePath(path: string): PathCheck {
  if (path.includes('\0')) return bad(msg('it contains a NUL character'));
  if (/^[/\\]/.test(path) || /^[A-Za-z]:/.test(path)) return bad(msg('it is an absolute path'));
  const parts = path.split(/[/\\]/);
  if (parts.includes('..')) return bad(msg('it climbs out of its folder with ".."'));
  if (parts.some((p) => p === '' || p === '.')) return bad(msg('it has an empty or "." part'));
  if (/\p{Cc}/u.test(path)) return bad(msg('it contains control characters'));
  if (path.length > MAX_PATH || parts.length > MAX_DEPTH) return bad(msg('it is too long'));
  return { ok: true };
}

function bad(reason: string): PathCheck {
  return { ok: false, reason };
}
