import { msg, str } from '@lit/localize';
import { serverLineState, type ServerState } from './relay-commands';

export interface SendProgress {
  /** Bytes uploaded so far (XHR upload events: fetch reports none). */
  uploaded: number;
  total: number;
  /** The server's latest word on the transfer. */
  state: ServerState | 'connecting';
  lines: string[];
}

/** A relay upload that failed, with the sentence to show. */
export class RelayError extends Error {
  override name = 'RelayError';
}

/**
 * Uploads `body` to a piping-server URL with PUT (what `curl -T` does), reporting upload
 * progress and the server's streamed progress lines. Resolves when the server says every
 * receiver got it. The body is a File/Blob: Chromium cannot stream a request body over HTTP/1.1.
 */
export function relaySend(
  url: string,
  body: Blob,
  headers: Record<string, string>,
  onProgress: (p: SendProgress) => void,
  signal: AbortSignal,
): Promise<void> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    const progress: SendProgress = {
      uploaded: 0,
      total: body.size,
      state: 'connecting',
      lines: [],
    };
    const emit = () => onProgress({ ...progress, lines: [...progress.lines] });
    xhr.open('PUT', url);
    for (const [k, v] of Object.entries(headers)) xhr.setRequestHeader(k, v);
    xhr.upload.onprogress = (e) => {
      progress.uploaded = e.loaded;
      emit();
    };
    xhr.onprogress = () => {
      progress.lines = xhr.responseText.split('\n').filter(Boolean);
      const last = progress.lines.at(-1);
      if (last) progress.state = serverLineState(last);
      emit();
    };
    xhr.onload = () => {
      progress.lines = xhr.responseText.split('\n').filter(Boolean);
      if (xhr.status >= 400) {
        const status = xhr.status;
        const detail = xhr.responseText.trim() || xhr.statusText;
        reject(
          new RelayError(
            msg(str`The piping-server refused the transfer (HTTP ${status}): ${detail}`),
          ),
        );
        return;
      }
      progress.uploaded = body.size;
      progress.state = 'done';
      emit();
      resolve();
    };
    xhr.onerror = () => {
      const origin = new URL(url).origin;
      reject(
        new RelayError(
          msg(str`Cannot reach the piping-server at ${origin}, or it dropped the transfer.`),
        ),
      );
    };
    xhr.onabort = () => reject(new DOMException(msg('Cancelled'), 'AbortError'));
    signal.addEventListener('abort', () => xhr.abort(), { once: true });
    emit();
    xhr.send(body);
  });
}
