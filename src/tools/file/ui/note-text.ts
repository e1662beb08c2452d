import { noFileStorageSentence } from '../../../store/storage-errors';
import { html, type TemplateResult } from 'lit';
import { msg, str } from '@lit/localize';
import { formatBytes } from '../../../i18n/format';
import { withBrowserWords } from '../../../i18n/error-text';
import type { TransferItem } from '../session/transfer-item';
import type { FileNote, TransferNote } from '../protocol/transfer-note';

/** A note as the list shows it: the engine's, or words made here (a batch's row). */
export type ShownNote = TransferNote | TemplateResult;

/** A row of the transfer list, whose notes may already be in words. */
export type ShownItem = Omit<TransferItem, 'message' | 'resume'> & {
  message: ShownNote;
  resume?: ShownNote;
};

/**
 * A note in the reader's words. Data that must not be translated (a file name, a path, a hash)
 * is marked `translate="no"`.
 */
export function noteText(note: ShownNote): string | TemplateResult {
  if (typeof note === 'string') return note;
  if (!('code' in note)) return note;
  switch (note.code) {
    case 'empty-file': {
      const name = note.name;
      return msg(
        html`"<span translate="no">${name}</span>" is empty (0 bytes): there is nothing to send.`,
      );
    }
    case 'not-same-file': {
      const { name, size } = note;
      return msg(
        html`That is not the same file: "<span translate="no">${name}</span>" has ${size} bytes. Choose that one again to send the rest.`,
      );
    }
    case 'unsafe-path': {
      const { path, reason } = note;
      return msg(
        html`Refused: the path "<span translate="no">${path}</span>" is not safe (${reason}).`,
      );
    }
    case 'verified': {
      const short = note.sha256.slice(0, 16);
      return msg(html`Verified: SHA-256 <span translate="no">${short}</span>…`);
    }
    default:
      return noteWords(note);
  }
}

/** A note as plain words (a note inside another's sentence). */
function words(note: TransferNote): string {
  return typeof note === 'string' ? note : noteWords(note);
}

function noteWords(note: FileNote): string {
  switch (note.code) {
    case 'closed-mid-transfer':
      return msg('The connection closed mid-transfer.');
    case 'you-aborted':
      return msg('You aborted the transfer.');
    case 'channel-closed':
      return msg('The data channel is closed.');
    case 'removed-from-queue':
      return msg('You removed it from the queue.');
    case 'empty-folder-sent':
      return msg('Empty folder sent.');
    case 'waiting-accept':
      return msg('Waiting for the receiver to accept…');
    case 'receiver-declined':
      return msg('The receiver declined it.');
    case 'out-of-turn':
      return msg('The receiver answered out of turn.');
    case 'checking-held':
      return msg('Checking the part the receiver already holds…');
    case 'resumed-held': {
      const at = formatBytes(note.at);
      return msg(str`Resumed at ${at}: the receiver already held that part (its SHA-256 matched).`);
    }
    case 'changed-sent-again':
      return msg(
        'The file changed since the transfer began (the part the receiver held no longer matched): sent again from the start.',
      );
    case 'waiting-verify':
      return msg('Waiting for the receiver to verify the SHA-256…');
    case 'delivered':
      return msg('Delivered and verified (SHA-256).');
    case 'receiver-found-corrupt':
      return msg('The receiver found a different SHA-256: the file arrived corrupted.');
    case 'receiver-store-failed':
      return msg('The receiver could not store the file, so it stopped.');
    case 'receiver-protocol':
      return msg('The receiver stopped the file: the bytes it got broke the transfer protocol.');
    case 'receiver-aborted':
      return msg('The receiver aborted the transfer.');
    case 'unreadable':
      return msg('The file could not be read.');
    case 'send-failed':
      return withBrowserWords(msg('Sending the file failed.'), note.browser);
    case 'interrupted-queued': {
      const reason = words(note.reason);
      return msg(str`Interrupted before it began: ${reason} It is sent when the receiver is back.`);
    }
    case 'interrupted-sending': {
      const { pct } = note;
      const reason = words(note.reason);
      return msg(
        str`Interrupted at ${pct}%: ${reason} It resumes when the receiver connects again.`,
      );
    }
    case 'held-needs-file': {
      const done = formatBytes(note.bytes);
      const size = formatBytes(note.size);
      return msg(
        str`Interrupted: the receiver holds ${done} of ${size}. Choose the same file again to send the rest.`,
      );
    }
    case 'sender-aborted':
      return msg('The sender aborted the transfer.');
    case 'no-space': {
      const needs = formatBytes(note.needs);
      const grants = formatBytes(note.grants);
      return msg(str`Not enough storage: the file needs ${needs}, the browser grants ${grants}.`);
    }
    case 'store-failed': {
      const why = words(note.why);
      return msg(str`The file could not be stored: ${why}`);
    }
    case 'empty-folder-received':
      return msg('Empty folder received.');
    case 'corrupt-short': {
      // Byte counts stay as plain digits, the same in every locale.
      const { arrived, size } = note;
      return msg(str`Corrupt: ${arrived} of ${size} bytes arrived.`);
    }
    case 'corrupt-hash':
      return msg(
        'Corrupt: the SHA-256 of what arrived differs from the sender\u2019s. The file was discarded.',
      );
    case 'verifying':
      return msg('Verifying the SHA-256…');
    case 'waiting-old-page':
      return msg('Waiting for a page that was closed to let go of the stored part…');
    case 'no-file-storage':
      return noFileStorageSentence();
    case 'open-timeout':
      return msg('Storage did not open the file in time.');
    case 'write-failed': {
      const why = words(note.why);
      return msg(str`Writing the file failed: ${why}`);
    }
    case 'oversize':
      return msg('The sender sent more bytes than announced: the transfer was stopped.');
    case 'bad-offset':
      return msg('The sender resumed at an offset this side never offered.');
    case 'out-of-order':
      return msg('The file\u2019s bytes came out of order: the transfer was stopped.');
    case 'part-missing':
      return msg('its stored part is missing');
    case 'resuming': {
      const held = formatBytes(note.held);
      return msg(str`Resuming: ${held} already here…`);
    }
    case 'part-held': {
      const why = words(note.why);
      return msg(
        str`The kept part could not be opened: ${why} It stays under Interrupted transfers.`,
      );
    }
    case 'part-unusable': {
      const why = words(note.why);
      return msg(str`The interrupted part could not be used (${why}): receiving from the start.`);
    }
    case 'resumed-rest': {
      const at = formatBytes(note.at);
      return msg(str`Resumed at ${at}: only the rest was sent.`);
    }
    case 'changed-received-again':
      return msg(
        'The sender\u2019s file changed since the transfer began (the part here no longer matched): received again from the start.',
      );
    case 'sender-connected-again':
      return msg('The sender connected again.');
    case 'interrupted-receiving': {
      const { pct } = note;
      const reason = words(note.reason);
      return msg(
        str`Interrupted at ${pct}%: ${reason} The part received is kept under Interrupted transfers, and resumes when the sender connects again.`,
      );
    }
    // Notes worded as templates, should one come inside another's sentence.
    case 'empty-file':
    case 'not-same-file':
      return note.name;
    case 'unsafe-path':
      return note.path;
    case 'verified':
      return note.sha256;
  }
}
