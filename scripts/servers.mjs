// Starts the local servers dckit talks to: a piping-server and (for tests) a coturn.
// Shared by `npm start` and the e2e global setup.
import { spawn } from 'node:child_process';
import { randomFillSync } from 'node:crypto';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));

/** A free TCP port on 127.0.0.1. */
export function freePort() {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}

/** Resolves once `predicate()` does, polling every 50 ms, or rejects after `ms`. */
async function waitFor(what, predicate, ms = 15000) {
  const deadline = Date.now() + ms;
  while (Date.now() < deadline) {
    if (await predicate().catch(() => false)) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`${what} did not start within ${ms} ms`);
}

/**
 * Spawns `cmd`. With `lifetimeSeconds`, the process is wrapped in coreutils `timeout`,
 * so it stops by itself even when its parent dies without cleaning up.
 */
function start(cmd, args, { lifetimeSeconds, quiet = true, env } = {}) {
  const [file, argv] = lifetimeSeconds
    ? ['timeout', [String(lifetimeSeconds), cmd, ...args]]
    : [cmd, args];
  const child = spawn(file, argv, {
    cwd: root,
    stdio: quiet ? 'ignore' : 'inherit',
    env: env ? { ...process.env, ...env } : process.env,
  });
  return child;
}

function stopper(child) {
  return () =>
    new Promise((resolve) => {
      if (child.exitCode !== null || child.signalCode !== null) return resolve();
      child.once('exit', () => resolve());
      child.kill('SIGTERM');
      setTimeout(() => child.kill('SIGKILL'), 2000).unref();
    });
}

/** A real piping-server bound to 127.0.0.1. */
export async function startPipingServer({ port, lifetimeSeconds } = {}) {
  port ??= await freePort();
  const bin = `${root}node_modules/.bin/piping-server`;
  const child = start(bin, ['--host', '127.0.0.1', '--http-port', String(port)], {
    lifetimeSeconds,
  });
  const url = `http://127.0.0.1:${port}`;
  await waitFor('piping-server', async () => (await fetch(`${url}/version`)).ok);
  return { url, port, child, stop: stopper(child) };
}

/**
 * A real coturn on 127.0.0.1: long-term credentials test/test, or with `secret` the TURN REST
 * scheme (`--use-auth-secret`: time-limited usernames signed with the shared secret). With
 * `forwards: false` it keeps coturn's default of refusing loopback peers: it allocates relay
 * addresses but forwards no data between them (a misconfigured relay); with `tcp: false` it
 * has no TCP listener. With `tls` (a certificate and its key, PEM files) it also listens for
 * TURN over TLS on a port of its own (`turnsUrl`, named localhost: Firefox refuses TLS to a bare
 * address).
 */
export async function startCoturn({
  port,
  lifetimeSeconds,
  secret,
  forwards = true,
  tcp = true,
  tls,
} = {}) {
  port ??= await freePort();
  const tlsPort = tls ? await freePort() : 0;
  const auth = secret
    ? ['--use-auth-secret', `--static-auth-secret=${secret}`]
    : ['--user=test:test', '--lt-cred-mech'];
  const child = start(
    'turnserver',
    [
      '-n',
      '--listening-ip=127.0.0.1',
      '--relay-ip=127.0.0.1',
      `--listening-port=${port}`,
      '--min-port=49152',
      '--max-port=65535',
      ...auth,
      '--realm=test',
      ...(tls
        ? [`--tls-listening-port=${tlsPort}`, `--cert=${tls.cert}`, `--pkey=${tls.key}`]
        : ['--no-tls']),
      '--no-dtls',
      ...(forwards ? ['--allow-loopback-peers'] : []),
      ...(tcp ? [] : ['--no-tcp']),
      '--no-cli',
      '--log-file=stdout',
      '--simple-log',
    ],
    { lifetimeSeconds },
  );
  await waitFor(
    'coturn',
    async () =>
      (await (tcp ? tcpOpen(port) : stunAnswers(port))) && (!tls || (await tcpOpen(tlsPort))),
  );
  return {
    stunUrl: `stun:127.0.0.1:${port}`,
    turnUrl: `turn:127.0.0.1:${port}`,
    ...(tls && { turnsUrl: `turns:localhost:${tlsPort}?transport=tcp`, tlsPort }),
    username: 'test',
    credential: 'test',
    port,
    child,
    stop: stopper(child),
  };
}

/** Whether a STUN binding request to 127.0.0.1:`port` over UDP gets an answer within 200 ms. */
function stunAnswers(port) {
  return import('node:dgram').then(
    ({ createSocket }) =>
      new Promise((resolve) => {
        const socket = createSocket('udp4');
        const request = Buffer.alloc(20);
        request.writeUInt16BE(0x0001, 0); // Binding request, no attributes
        request.writeUInt32BE(0x2112a442, 4); // magic cookie
        randomFillSync(request, 8, 12); // transaction id
        const done = (answered) => {
          clearTimeout(timer);
          socket.close();
          resolve(answered);
        };
        const timer = setTimeout(() => done(false), 200);
        socket.once('message', () => done(true));
        socket.once('error', () => done(false));
        socket.send(request, port, '127.0.0.1');
      }),
  );
}

function tcpOpen(port) {
  return new Promise((resolve) => {
    import('node:net').then(({ connect }) => {
      const sock = connect(port, '127.0.0.1');
      sock.once('connect', () => {
        sock.destroy();
        resolve(true);
      });
      sock.once('error', () => resolve(false));
    });
  });
}

/**
 * Serves a built app (`vite preview`) in a process of its own, with /piping forwarded to
 * `pipingTarget`, so the transfers it proxies cannot slow whoever started it.
 */
export async function startAppPreview({ outDir, pipingTarget, lifetimeSeconds, port } = {}) {
  port ??= await freePort();
  const vite = `${root}node_modules/vite/bin/vite.js`;
  const child = start(
    process.execPath,
    [
      vite,
      'preview',
      '--mode',
      'test',
      '--outDir',
      outDir,
      '--host',
      '127.0.0.1',
      '--port',
      String(port),
      '--strictPort',
    ],
    { lifetimeSeconds, env: { DCKIT_PIPING_TARGET: pipingTarget } },
  );
  const url = `http://127.0.0.1:${port}/`;
  await waitFor('the app server', async () => (await fetch(url)).ok);
  return { url, port, child, stop: stopper(child) };
}
