// Typed access to the server helpers shared with `npm start`.
// @ts-expect-error plain ESM helper
import * as helpers from '../scripts/servers.mjs';

interface Running {
  url: string;
  port: number;
  stop(): Promise<void>;
}

export const startPipingServer: (options?: {
  port?: number;
  lifetimeSeconds?: number;
}) => Promise<Running> = helpers.startPipingServer;

export const freePort: () => Promise<number> = helpers.freePort;

export const startCoturn: (options?: {
  port?: number;
  lifetimeSeconds?: number;
  secret?: string;
  forwards?: boolean;
  tcp?: boolean;
  tls?: { cert: string; key: string };
}) => Promise<Running & { stunUrl: string; turnUrl: string; turnsUrl?: string }> =
  helpers.startCoturn;
