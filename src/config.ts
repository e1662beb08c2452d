// Build-time configuration. The test build points at the local coturn; production builds at a
// public STUN server. Nothing here is read at run time from the network.

/** Parses the `VITE_ICE_SERVERS` JSON; a malformed value is a build error, not a silent []. */
export function parseIceServersEnv(raw: string | undefined): RTCIceServer[] {
  if (!raw) return [];
  const parsed: unknown = JSON.parse(raw);
  if (!Array.isArray(parsed)) throw new Error('VITE_ICE_SERVERS must be a JSON array');
  return parsed as RTCIceServer[];
}

export const defaultIceServers: readonly RTCIceServer[] = parseIceServersEnv(
  import.meta.env.VITE_ICE_SERVERS as string | undefined,
);

/** Where the embedded piping-server is, relative to the app (see `npm start`). */
export const defaultPipingPath: string =
  (import.meta.env.VITE_PIPING_URL as string | undefined) ?? '/piping';

/** The piping-server served with the app, as an absolute URL without a trailing '/'. */
export function embeddedPipingUrl(): string {
  return new URL(defaultPipingPath, location.href).href.replace(/\/+$/, '');
}

/** The piping-server to use: the one in settings, else the embedded one. */
export function effectivePipingUrl(setting: string): string {
  return setting || embeddedPipingUrl();
}
