import { msg, str } from '@lit/localize';
import { formatSeconds } from '../../i18n/format';

type Outcome = { ok: true; rttMs: number; MBps: number } | { ok: false; reason: string };

/** What sending data through one TURN server's relay showed, and how long finding out took. */
export type RelayProof = Outcome & { seconds: number };

/** Bytes sent through the relay for the throughput figure: short, even on a slow relay. */
export const PROOF_BYTES = 512 * 1024;
const CHUNK = 16 * 1024;
const PINGS = 3;

/**
 * Proves that `server`'s relay forwards data: two connections in this page, each allowed only
 * relay candidates from that server, open a data channel between their relay addresses; a few
 * round trips give the RTT, `PROOF_BYTES` the throughput. A relay candidate alone proves only
 * that the server allocated an address.
 */
export async function proveRelay(
  server: RTCIceServer,
  timeoutMs: number,
  signal: AbortSignal,
): Promise<RelayProof> {
  const t0 = performance.now();
  const outcome = await attempt(server, timeoutMs, signal);
  return { ...outcome, seconds: (performance.now() - t0) / 1000 };
}

async function attempt(
  server: RTCIceServer,
  timeoutMs: number,
  signal: AbortSignal,
): Promise<Outcome> {
  const config: RTCConfiguration = { iceServers: [server], iceTransportPolicy: 'relay' };
  let a: RTCPeerConnection;
  let b: RTCPeerConnection;
  try {
    a = new RTCPeerConnection(config);
    b = new RTCPeerConnection(config);
  } catch (error) {
    return { ok: false, reason: error instanceof Error ? error.message : String(error) };
  }
  let timer = 0;
  const seconds = formatSeconds(timeoutMs / 1000, 0);
  const timedOut = new Promise<Outcome>((resolve) => {
    timer = window.setTimeout(() => {
      const connected = a.connectionState === 'connected';
      resolve({
        ok: false,
        reason: connected
          ? msg(str`data crossed too slowly: not all of it within ${seconds}`)
          : msg(str`no data crossed it within ${seconds}`),
      });
    }, timeoutMs);
  });
  const stopped = new Promise<Outcome>((resolve) =>
    signal.addEventListener('abort', () => resolve({ ok: false, reason: msg('stopped') }), {
      once: true,
    }),
  );
  try {
    return await Promise.race([exchange(a, b), timedOut, stopped]);
  } catch (error) {
    return { ok: false, reason: error instanceof Error ? error.message : String(error) };
  } finally {
    clearTimeout(timer);
    a.close();
    b.close();
  }
}

async function exchange(a: RTCPeerConnection, b: RTCPeerConnection): Promise<Outcome> {
  // A candidate the other side refuses leaves the others to try; a time-out ends it all.
  const hand = (to: RTCPeerConnection) => (e: RTCPeerConnectionIceEvent) => {
    if (e.candidate) to.addIceCandidate(e.candidate).catch(() => {});
  };
  a.addEventListener('icecandidate', hand(b));
  b.addEventListener('icecandidate', hand(a));
  const failed = new Promise<never>((_, reject) => {
    a.addEventListener('connectionstatechange', () => {
      if (a.connectionState === 'failed')
        reject(new Error(msg('ICE found no path between two of its relay addresses')));
    });
    // No relay address at all (refused credentials, an unreachable server): nothing to prove;
    // the server's error says why.
    const errors: string[] = [];
    for (const pc of [a, b]) {
      let relays = 0;
      pc.addEventListener('icecandidateerror', (e) => {
        errors.push(`${e.errorCode} ${e.errorText}`.trim());
      });
      pc.addEventListener('icecandidate', ({ candidate }) => {
        // Firefox's end-of-candidates marker is a candidate with an empty line.
        if (candidate?.candidate) {
          relays++;
        } else if (!candidate && relays === 0) {
          const error = errors[0];
          reject(
            new Error(
              error
                ? msg(str`it gave no relay address to send through (error ${error})`)
                : msg('it gave no relay address to send through'),
            ),
          );
        }
      });
    }
  });
  failed.catch(() => {}); // raced below; a failure after the end is nobody's concern
  echo(b);
  const channel = a.createDataChannel('relay-proof');
  channel.binaryType = 'arraybuffer';
  await a.setLocalDescription();
  await b.setRemoteDescription(a.localDescription!);
  await b.setLocalDescription();
  await a.setRemoteDescription(b.localDescription!);
  const replies = messages(channel);
  await Promise.race([opened(channel), failed]);
  const rtts: number[] = [];
  for (let i = 0; i < PINGS; i++) {
    const sent = performance.now();
    channel.send(`ping ${i}`);
    await Promise.race([replies.next(), failed]);
    rtts.push(performance.now() - sent);
  }
  const start = performance.now();
  const chunk = new Uint8Array(CHUNK);
  channel.bufferedAmountLowThreshold = CHUNK * 16;
  for (let sent = 0; sent < PROOF_BYTES; sent += CHUNK) {
    if (channel.bufferedAmount > CHUNK * 64) {
      await new Promise((resolve) =>
        channel.addEventListener('bufferedamountlow', resolve, { once: true }),
      );
    }
    channel.send(chunk);
  }
  await Promise.race([replies.next(), failed]); // "got": every byte arrived
  const seconds = (performance.now() - start) / 1000;
  return { ok: true, rttMs: median(rtts), MBps: PROOF_BYTES / 1e6 / seconds };
}

/** The far side: answers each ping, and says "got" once every proof byte has arrived. */
function echo(b: RTCPeerConnection): void {
  b.addEventListener('datachannel', ({ channel }) => {
    channel.binaryType = 'arraybuffer';
    let received = 0;
    channel.addEventListener('message', ({ data }) => {
      if (typeof data === 'string') channel.send(data);
      else if ((received += (data as ArrayBuffer).byteLength) >= PROOF_BYTES) channel.send('got');
    });
  });
}

function opened(channel: RTCDataChannel): Promise<void> {
  return new Promise((resolve) =>
    channel.addEventListener('open', () => resolve(), { once: true }),
  );
}

/** Each incoming message, in order, one `next()` at a time. */
function messages(channel: RTCDataChannel): { next: () => Promise<unknown> } {
  const queue: unknown[] = [];
  const waiting: ((value: unknown) => void)[] = [];
  channel.addEventListener('message', ({ data }) => {
    const take = waiting.shift();
    if (take) take(data);
    else queue.push(data);
  });
  return {
    next: () =>
      queue.length > 0 ? Promise.resolve(queue.shift()) : new Promise((r) => waiting.push(r)),
  };
}

export function median(values: readonly number[]): number {
  const sorted = [...values].sort((x, y) => x - y);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}
