import { msg, str } from '@lit/localize';

export type UrlCheck = { ok: true; url: string } | { ok: false; message: string };

/**
 * Checks a piping-server URL typed by a user. Relative input resolves against `base` (the app's
 * own origin), so "/piping" means the embedded server. The result never ends with '/'.
 */
export function checkPipingUrl(input: string, base: string): UrlCheck {
  const text = input.trim();
  if (text === '') return { ok: false, message: msg('Enter the piping-server URL.') };
  let url: URL;
  try {
    url = new URL(text, base);
  } catch {
    return { ok: false, message: msg(str`"${text}" is not a URL.`) };
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    const protocol = url.protocol;
    return {
      ok: false,
      message: msg(
        str`The piping-server URL must start with http:// or https:// (got ${protocol}).`,
      ),
    };
  }
  if (url.search || url.hash) {
    return {
      ok: false,
      message: msg('The piping-server URL must not have a query (?) or fragment (#).'),
    };
  }
  if (url.username || url.password) {
    return {
      ok: false,
      message: msg('The piping-server URL must not contain a user name or password.'),
    };
  }
  return { ok: true, url: url.href.replace(/\/+$/, '') };
}
