import { msg, str } from '@lit/localize';

/** A failure talking to the piping-server, with the sentence the UI shows. */
export class PipingError extends Error {
  constructor(
    message: string,
    readonly kind: 'unreachable' | 'not-piping' | 'refused' | 'lost',
  ) {
    super(message);
    this.name = 'PipingError';
  }
}

export function isAbort(error: unknown): boolean {
  return error instanceof DOMException && error.name === 'AbortError';
}

/** The sentence for a response the server refused (4xx/5xx), with its own words when short. */
export async function refused(server: string, response: Response): Promise<PipingError> {
  const body = (await response.text().catch(() => '')).trim().slice(0, 200);
  const status = response.status;
  const detail = body ? `: ${body}` : '';
  return new PipingError(
    msg(str`The piping-server at ${server} refused the request (HTTP ${status}${detail}).`),
    'refused',
  );
}

/**
 * Checks that `server` answers like a piping-server (GET /version gives a version number), so a
 * wrong URL gets its own message instead of an endless wait.
 */
export async function checkPipingServer(
  server: string,
  signal?: AbortSignal,
  fetchImpl: typeof fetch = fetch,
): Promise<void> {
  let response: Response;
  try {
    response = await fetchImpl(`${server}/version`, { cache: 'no-store', signal });
  } catch (error) {
    if (isAbort(error)) throw error;
    throw new PipingError(
      msg(
        str`Cannot reach the piping-server at ${server}: check the URL in Settings and your network.`,
      ),
      'unreachable',
    );
  }
  const text = (await response.text().catch(() => '')).trim();
  if (!response.ok || !/^\d+\.\d+\.\d+\S*$/.test(text)) {
    const status = response.status;
    const answer = text ? ` "${text.slice(0, 40)}${text.length > 40 ? '…' : ''}"` : '';
    throw new PipingError(
      msg(
        str`${server} answered, but it is not a piping-server (GET /version gave HTTP ${status}${answer}). Check the URL in Settings.`,
      ),
      'not-piping',
    );
  }
}
