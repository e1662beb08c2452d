#!/usr/bin/env node
// Firefox inside a network namespace (the e2e NAT lab), for scripts/firefox-bidi.mjs to start in
// place of Firefox (DCKIT_FIREFOX_BINARY). DCKIT_NETNS names the namespace; DCKIT_NETNS_BROWSER
// is the browser (default /usr/bin/firefox-esr).
// Firefox offers WebDriver BiDi only as a WebSocket on 127.0.0.1, which inside the namespace is
// the namespace's own loopback. Unix sockets on the file system are shared across network
// namespaces, so a forwarder inside (`--forward SOCKET PORT`, this file again) connects one to
// Firefox's port, and this process re-offers it on the host's 127.0.0.1.
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { connect, createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';

/** Joins two sockets both ways, and closes each with the other. */
function splice(a, b) {
  a.pipe(b).pipe(a);
  a.on('error', () => b.destroy());
  b.on('error', () => a.destroy());
  a.on('close', () => b.destroy());
  b.on('close', () => a.destroy());
}

/**
 * Forwards a client's HTTP upgrade to `socketPath`. Firefox refuses (400) a handshake whose
 * Host header names another port than its own, so the header is rewritten to its port.
 */
function forwardRequest(client, socketPath, port) {
  let head = Buffer.alloc(0);
  const onData = (chunk) => {
    head = Buffer.concat([head, chunk]);
    const end = head.indexOf('\r\n\r\n');
    if (end < 0) return;
    client.off('data', onData);
    client.pause();
    const headers = head
      .subarray(0, end)
      .toString('latin1')
      .replace(/^host:.*$/im, `Host: 127.0.0.1:${port}`);
    const upstream = connect(socketPath);
    upstream.write(Buffer.concat([Buffer.from(headers, 'latin1'), head.subarray(end)]));
    splice(client, upstream);
  };
  client.on('data', onData);
  client.on('error', () => client.destroy());
}

if (process.argv[2] === '--forward') {
  const [socketPath, port] = process.argv.slice(3);
  createServer((client) => splice(client, connect(Number(port), '127.0.0.1'))).listen(socketPath);
  // stdin is a pipe from the process below: it closes when that one ends, however it ends.
  process.stdin.on('close', () => process.exit(0)).resume();
} else {
  const netns = process.env.DCKIT_NETNS;
  if (!netns) {
    process.stderr.write('DCKIT_NETNS must name the network namespace to run Firefox in\n');
    process.exit(2);
  }
  const browser = process.env.DCKIT_NETNS_BROWSER ?? '/usr/bin/firefox-esr';
  const dir = mkdtempSync(join(tmpdir(), 'dckit-netns-firefox-'));
  const children = [];
  const firefox = spawn('ip', ['netns', 'exec', netns, browser, ...process.argv.slice(2)], {
    stdio: ['ignore', 'inherit', 'pipe'],
  });
  children.push(firefox);
  const quit = (code) => {
    for (const child of children) child.kill('SIGTERM');
    rmSync(dir, { recursive: true, force: true });
    process.exit(code);
  };
  for (const signal of ['SIGTERM', 'SIGINT', 'SIGHUP']) {
    process.on(signal, () => firefox.kill(signal));
  }
  firefox.on('exit', (code, signal) => quit(code ?? (signal ? 1 : 0)));

  createInterface({ input: firefox.stderr }).on('line', (line) => {
    const match = line.match(/^(.*WebDriver BiDi listening on ws:\/\/127\.0\.0\.1:)(\d+)(.*)$/);
    if (!match) {
      process.stderr.write(`${line}\n`);
      return;
    }
    const [, before, port, after] = match;
    const socketPath = join(dir, 'bidi.sock');
    const self = fileURLToPath(import.meta.url);
    children.push(
      spawn('ip', ['netns', 'exec', netns, process.execPath, self, '--forward', socketPath, port], {
        stdio: ['pipe', 'inherit', 'inherit'],
      }),
    );
    const ready = setInterval(() => {
      if (!existsSync(socketPath)) return;
      clearInterval(ready);
      const server = createServer((client) => forwardRequest(client, socketPath, port));
      server.listen(0, '127.0.0.1', () => {
        process.stderr.write(`${before}${server.address().port}${after}\n`);
      });
    }, 10);
  });
}
