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
];

/**
 * Every visible text of the page (through shadow roots), and every accessible name given by
 * aria-label, title or placeholder, that contains an English UI word; skipping code, commands
 * and anything marked `translate="no"`.
 */
export async function leftoverEnglish(page: Page): Promise<string[]> {
  return page.evaluate((words) => {
    const pattern = new RegExp(`(^|[^A-Za-z-])(${words.join('|')})(?![A-Za-z-])`);
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
            if (value && pattern.test(value)) found.push(`${node.localName}[${attr}]: ${value}`);
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
  }, englishWords);
}
