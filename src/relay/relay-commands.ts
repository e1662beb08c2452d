import { msg, str } from '@lit/localize';
import { randomBase64Url } from '../signaling/base64url';

/** A short random path that is hard to guess and easy to type. */
export function randomPath(): string {
  return randomBase64Url(9).replace(/[-_]/g, 'x').toLowerCase();
}

/** Checks a typed relay path: letters, digits and - _ . / only, no leading '/'. */
export function checkPath(path: string): string | null {
  const p = path.trim();
  if (p === '') return msg('Enter a path (or press New path).');
  if (p.startsWith('/')) return msg('Leave out the leading "/": the path follows the server URL.');
  if (!/^[A-Za-z0-9._~\-/]+$/.test(p)) return msg('Use letters, digits and - _ . ~ / in the path.');
  if (['version', 'help', 'noscript', 'favicon.ico', 'robots.txt'].includes(p)) {
    return msg(str`"${p}" is reserved by the piping-server: choose another path.`);
  }
  return null;
}

export function relayUrl(server: string, path: string, receivers = 1): string {
  const url = `${server}/${path.trim()}`;
  return receivers > 1 ? `${url}?n=${receivers}` : url;
}

/** Single-quotes for a POSIX shell. */
export function shellQuote(s: string): string {
  return /^[A-Za-z0-9._~\-/:=?@%+]+$/.test(s) ? s : `'${s.replace(/'/g, `'\\''`)}'`;
}

/** What the other side types to receive what this page sends. */
export function receiveCommand(url: string, saveAs?: string): string {
  return saveAs ? `curl ${shellQuote(url)} > ${shellQuote(saveAs)}` : `curl ${shellQuote(url)}`;
}

/** What the other side types to send to this page. */
export function sendCommand(url: string): string {
  return `curl -T FILE ${shellQuote(url)}    # or: echo hello | curl -T - ${shellQuote(url)}`;
}

export type ServerState = 'waiting' | 'sending' | 'done' | 'error' | 'info';

/** Reads one progress line of the piping-server's answer to a sender. */
export function serverLineState(line: string): ServerState {
  if (/^\[ERROR\]/i.test(line)) return 'error';
  if (/waiting for/i.test(line)) return 'waiting';
  if (/start sending/i.test(line)) return 'sending';
  if (/received successfully|all receiver/i.test(line)) return 'done';
  return 'info';
}

/** The file name carried in headers: Content-Disposition when visible, else X-Piping. */
export function nameFromHeaders(disposition: string | null, xPiping: string | null): string | null {
  if (disposition) {
    const star = /filename\*\s*=\s*UTF-8''([^;]+)/i.exec(disposition);
    if (star) {
      try {
        return decodeURIComponent(star[1].trim());
      } catch {
        // fall through to the plain form
      }
    }
    const plain = /filename\s*=\s*"?([^";]+)"?/i.exec(disposition);
    if (plain) return plain[1].trim();
  }
  if (xPiping) {
    const m = /(?:^|;\s*)filename=([^;]+)/.exec(xPiping);
    if (m) {
      try {
        return decodeURIComponent(m[1]);
      } catch {
        return null;
      }
    }
  }
  return null;
}

/** Headers this page sends with a file, so any receiver (page or curl -OJ) learns its name. */
export function nameHeaders(name: string): Record<string, string> {
  const encoded = encodeURIComponent(name);
  return {
    'Content-Disposition': `attachment; filename*=UTF-8''${encoded}`,
    'X-Piping': `filename=${encoded}`,
  };
}

const OPENSSL = 'openssl aes-256-cbc -pbkdf2';

/** The receiving command for what this page sends, with decryption and unpacking as needed. */
export function receivePipeline(
  url: string,
  opts: { passphrase?: string; saveAs?: string; tar?: boolean },
): string {
  const steps = [`curl ${shellQuote(url)}`];
  if (opts.passphrase !== undefined)
    steps.push(`${OPENSSL} -d -k ${shellQuote(opts.passphrase || 'PASSPHRASE')}`);
  if (opts.tar) steps.push('tar xf -');
  const line = steps.join(' | ');
  return !opts.tar && opts.saveAs ? `${line} > ${shellQuote(opts.saveAs)}` : line;
}

/** Sending commands for the other side, when this page receives. */
export function sendPipelines(url: string, passphrase?: string): string[] {
  const u = shellQuote(url);
  if (passphrase !== undefined) {
    const k = shellQuote(passphrase || 'PASSPHRASE');
    return [
      `${OPENSSL} -k ${k} < FILE | curl -T - ${u}`,
      `tar cf - DIR | ${OPENSSL} -k ${k} | curl -T - ${u}`,
    ];
  }
  return [`curl -T FILE ${u}`, `echo hello | curl -T - ${u}`, `tar cf - DIR | curl -T - ${u}`];
}

/** The number of receivers a piping-server transfer waits for (?n=), or null when invalid. */
export function parseReceivers(value: string): number | null {
  const n = Number(value);
  return Number.isInteger(n) && n >= 1 && n <= 100 ? n : null;
}
