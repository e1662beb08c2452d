import type { Page } from '@playwright/test';

/**
 * English UI words that a translated screen must not show. Technical names that stay in English
 * everywhere (STUN, TURN, ICE, piping-server, MB/s...) are not on it; data the app shows as it is
 * (commands, addresses, file names) sits under `translate="no"` or in code and is skipped.
 */
export const englishWords = [
  'the',
  'and',
  'to',
  'of',
  'is',
  'are',
  'with',
  'from',
  'your',
  'this',
  'for',
  'not',
  'or',
  'Send',
  'Sent',
  'Start',
  'Stop',
  'Connect',
  'Connected',
  'Connecting',
  'Waiting',
  'Room',
  'room',
  'File',
  'Files',
  'file',
  'files',
  'Receive',
  'Received',
  'received',
  'Download',
  'Settings',
  'Copy',
  'Gather',
  'candidates',
  'Server',
  'Servers',
  'server',
  'Bulk',
  'Text',
  'Relay',
  'Abort',
  'Cancel',
  'Delete',
  'Clear',
  'Add',
  'Remove',
  'Save',
  'Size',
  'Name',
  'Type',
  'Time',
  'Address',
  'Port',
  'Protocol',
  'Priority',
  'Done',
  'Error',
  'Message',
  'message',
  'peer',
  'connection',
  'channel',
  'bytes',
  'average',
  'Loopback',
  'Create',
  'Join',
  'Language',
  'Details',
  'Ordered',
  'Unordered',
  'Summary',
  'works',
  'Verdict',
  'Verdicts',
  'Reset',
  'Skip',
  'open',
  'code',
];

/**
 * Names that may make up a whole label on a translated screen: products, protocols and units,
 * written the same in every language. A label with no Chinese in it is English left over unless
 * it is made only of these (and digits and punctuation): "Piping-server URL" is not.
 */
export const namesThatStay = [
  'Trickle ICE',
  'ICE',
  'STUN',
  'TURN',
  'piping-server',
  'Piping-server',
  'coturn',
  'dckit',
  'WebRTC',
  'SHA-256',
  'JSON',
  'zip',
  'tar',
  'curl',
  'openssl',
  'KiB',
  'MiB',
  'GiB',
  'kB',
  'MB',
  'GB',
  'MB/s',
  'Mbit/s',
  'kbit/s',
  'ms',
  // a language's own name in the language picker
  'English',
];

/**
 * Every visible text of the page (through shadow roots), and every accessible name given by
 * aria-label, title or placeholder, that contains an English UI word; and every label (a label,
 * legend, heading, button, link, option or table header, or an accessible name) with no Chinese
 * in it that is more than names that stay; skipping code, commands and anything marked
 * `translate="no"`.
 */
export async function leftoverEnglish(page: Page): Promise<string[]> {
  const lists = { words: englishWords, names: namesThatStay };
  return page.evaluate(({ words, names }) => {
    const pattern = new RegExp(`(^|[^A-Za-z-])(${words.join('|')})(?![A-Za-z-])`);
    const escaped = [...names]
      .sort((a, b) => b.length - a.length)
      .map((n) => n.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&'));
    const name = new RegExp(`(^|[^A-Za-z-])(${escaped.join('|')})(?![A-Za-z-])`, 'g');
    const han = /\p{Script=Han}/u;
    /** A label left untranslated: Latin words and no Chinese, beyond names that stay. */
    const untranslated = (text: string) =>
      !han.test(text) && /[A-Za-z]/.test(text.replace(name, '$1'));
    const labels = 'label, legend, h1, h2, h3, h4, h5, h6, button, a, option, th, summary, caption';
    const found: string[] = [];
    const skipped = (el: Element): boolean => {
      for (let e: Element | null = el; e;) {
        if (e.closest('code, pre, kbd, samp, script, style, [translate="no"]')) return true;
        const root = e.getRootNode();
        e = root instanceof ShadowRoot ? root.host : null;
      }
      return false;
    };
    const visit = (root: Document | ShadowRoot) => {
      const walker = document.createTreeWalker(
        root,
        NodeFilter.SHOW_ELEMENT | NodeFilter.SHOW_TEXT,
      );
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        if (node instanceof Element) {
          if (node.shadowRoot) visit(node.shadowRoot);
          if (skipped(node)) continue;
          for (const attr of ['aria-label', 'title', 'placeholder', 'alt']) {
            const value = node.getAttribute(attr);
            if (value && (pattern.test(value) || untranslated(value))) {
              found.push(`${node.localName}[${attr}]: ${value}`);
            }
          }
          const label = node.matches(labels) ? node.textContent?.trim() : '';
          if (label && untranslated(label) && node.checkVisibility({ visibilityProperty: true })) {
            found.push(`${node.localName} (label): ${label}`);
          }
          continue;
        }
        const text = node.textContent?.trim();
        const parent = node.parentElement;
        if (!text || !parent || skipped(parent)) continue;
        if (!parent.checkVisibility({ visibilityProperty: true })) continue;
        if (pattern.test(text)) found.push(`${parent.localName}: ${text}`);
      }
    };
    visit(document);
    return found;
  }, lists);
}
