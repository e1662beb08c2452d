import { msg } from '@lit/localize';

/**
 * Why this page cannot seal a room's messages, in one sentence, or '' when it can. Browsers
 * withhold WebCrypto (`crypto.subtle`) outside secure contexts: a page opened over plain http
 * from another address.
 */
export function webCryptoMissing(): string {
  if (typeof globalThis.crypto?.subtle?.importKey === 'function') return '';
  return msg(
    'This page has no WebCrypto (it was opened over plain http from another address), so rooms cannot be sealed; open it over https. Loopback and the Relay tool still work.',
  );
}
