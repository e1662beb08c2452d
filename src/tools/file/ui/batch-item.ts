// A batch (a folder, or many files picked together, sent as one transfer) as a row of the transfer list: its state and notes in
// words, from the data the batch's view holds.
import { html } from 'lit';
import { msg, str } from '@lit/localize';
import { formatBytes, formatNumber } from '../../../i18n/format';
import type { BatchView } from '../session/batch-view';
import { isStorageError, storageFailure } from '../../../store/storage-errors';
import type { TransferItem } from '../session/transfer-item';
import type { ShownItem, ShownNote } from './note-text';

export function batchItem(view: BatchView, way: 'in' | 'out'): ShownItem {
  const { progress: p } = view;
  return {
    id: view.id,
    name: view.name ? `${view.name}/` : msg(str`${formatNumber(p.fileCount)} files`),
    size: p.totalBytes,
    type: '',
    lastModified: 0,
    bytes: p.bytes,
    state: state(view, way),
    message: note(view, way),
    startedAt: view.startedAt,
    endedAt: view.endedAt,
    ...(view.resumedFiles > 0 || view.resumedPart > 0
      ? { resume: resumed(view.resumedFiles, view.resumedPart) }
      : {}),
    batch: true,
  };
}

function resumed(files: number, part: number): string {
  if (part === 0)
    return msg(str`Resumed: ${files} files were already here, only the rest was sent.`);
  const bytes = formatBytes(part);
  return msg(
    str`Resumed: ${files} files and ${bytes} of the next were already here, only the rest was sent.`,
  );
}

function state(view: BatchView, way: 'in' | 'out'): TransferItem['state'] {
  if (view.phase === 'interrupted') return 'interrupted';
  if (view.phase === 'offered') return way === 'in' ? 'offered' : 'waiting';
  if (view.phase === 'moving') return way === 'in' ? 'receiving' : 'sending';
  const o = view.outcome;
  if (view.failure || view.unsafePath) return view.unsafePath ? 'declined' : 'failed';
  if (!o || o.t === 'interrupted') return 'interrupted';
  if (o.t === 'complete') return o.corrupt.length ? 'corrupt' : 'done';
  if (o.code === 'declined' || o.code === 'unsafe-path') return 'declined';
  if (o.code === 'aborted') return 'aborted';
  return 'failed';
}

/** "12 of 10,000 files" and the bytes, then what happened. */
function note(view: BatchView, way: 'in' | 'out'): ShownNote {
  const p = view.progress;
  const done = formatNumber(p.filesDone);
  const count = formatNumber(p.fileCount);
  const files = msg(str`${done} of ${count} files.`);
  if (view.failure) {
    const { name, message } = view.failure;
    const why = way === 'in' && isStorageError(name) ? storageFailure(name, message) : message;
    return way === 'in'
      ? msg(str`${files} Storing the files failed: ${why}`)
      : msg(str`${files} Sending failed: ${why}`);
  }
  if (view.unsafePath) {
    const { path, reason } = view.unsafePath;
    return msg(
      html`Refused: the path "<span translate="no">${path}</span>" is not safe (${reason}).`,
    );
  }
  const folder = view.name !== '';
  if (view.noSpace) {
    const needs = formatBytes(view.noSpace.needs);
    const grants = formatBytes(view.noSpace.grants);
    return folder
      ? msg(str`Not enough storage: the folder needs ${needs}, the browser grants ${grants}.`)
      : msg(str`Not enough storage: the files need ${needs}, the browser grants ${grants}.`);
  }
  if (view.phase === 'offered') {
    if (!folder)
      return way === 'in'
        ? msg(str`${count} files sent together: accept or decline them all.`)
        : msg(str`${count} files sent together, waiting for the receiver to accept…`);
    return way === 'in'
      ? msg(str`A folder of ${count} files: accept or decline.`)
      : msg(str`A folder of ${count} files, waiting for the receiver to accept…`);
  }
  if (view.phase === 'moving') return files;
  const o = view.outcome;
  if (!o || o.t === 'interrupted')
    return way === 'out'
      ? msg(
          str`${files} Interrupted: the connection closed. It resumes when the receiver connects again.`,
        )
      : msg(
          str`${files} Interrupted: the connection closed. The files received are kept, and the rest comes when the sender connects again.`,
        );
  if (o.t === 'complete') {
    if (o.corrupt.length === 0)
      return way === 'out'
        ? msg(str`All ${count} files delivered and verified (SHA-256).`)
        : msg(str`All ${count} files received and verified (SHA-256).`);
    const bad = formatNumber(o.corrupt.length);
    const first = view.pathAt(o.corrupt[0]!);
    return msg(
      html`${bad} of ${count} files arrived corrupted (the first: "<span translate="no">${first}</span>"); the others are verified.`,
    );
  }
  const path = view.pathAt(o.index);
  switch (o.code) {
    case 'declined':
      if (way === 'in') return msg('Declined.');
      return folder ? msg('The receiver declined the folder.') : msg('The receiver declined them.');
    case 'aborted':
      return o.by === 'here'
        ? msg(str`${files} You aborted the transfer; the files that arrived are kept.`)
        : way === 'out'
          ? msg(str`${files} The receiver aborted the transfer.`)
          : msg(str`${files} The sender aborted the transfer; the files that arrived are kept.`);
    case 'unreadable':
      return msg(
        html`${files} "<span translate="no">${path}</span>" could not be read (changed or removed since it was chosen): the transfer stopped there.`,
      );
    case 'storage':
      return msg(str`${files} The receiver could not store the files, so it stopped.`);
    case 'unsafe-path':
      return msg(
        html`The receiver refused it: the path "<span translate="no">${path}</span>" could reach outside its folder.`,
      );
    default:
      return o.by === 'here' && way === 'in'
        ? msg(
            str`${files} The bytes that came broke the transfer protocol (${o.code}): the transfer was stopped.`,
          )
        : msg(
            str`${files} The receiver stopped: the bytes it got broke the transfer protocol (${o.code}).`,
          );
  }
}
