#!/usr/bin/env node
// Starts Firefox for Playwright's `moz-firefox` channel and sits on its WebDriver BiDi socket,
// bridging the two gaps between Playwright 1.65 and Firefox ESR 153:
// - `emulation.setMediaFeaturesOverride` is unknown to Firefox 153, and Playwright sends it for
//   every new context: answer it with success (colour-scheme emulation is then a no-op).
// - Firefox's download events carry `navigation: null` and no download id, so Playwright never
//   reports the download: give each one an id, and the matching end event the same id.
// Playwright runs this file in place of Firefox (launchOptions.executablePath) with Firefox's
// arguments, and reads the "WebDriver BiDi listening on ws://…" line from its stderr.
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, renameSync } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import WebSocket, { WebSocketServer } from 'ws';

const firefoxPath = process.env.DCKIT_FIREFOX_BINARY ?? '/usr/bin/firefox-esr';
trustTestCa(process.env.DCKIT_TEST_CA);
const firefox = spawn(firefoxPath, process.argv.slice(2), { stdio: ['ignore', 'inherit', 'pipe'] });
for (const signal of ['SIGTERM', 'SIGINT', 'SIGHUP']) {
  process.on(signal, () => firefox.kill(signal));
}
firefox.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));

createInterface({ input: firefox.stderr }).on('line', (line) => {
  const match = line.match(/WebDriver BiDi listening on (ws:\/\/[^\s]+)$/);
  if (!match) {
    process.stderr.write(`${line}\n`);
    return;
  }
  void listen(match[1]).then((url) => process.stderr.write(`WebDriver BiDi listening on ${url}\n`));
});

/** Opens the bridge on a free loopback port; resolves with its ws:// URL. */
function listen(upstream) {
  return new Promise((resolve) => {
    const server = new WebSocketServer({ host: '127.0.0.1', port: 0 });
    server.on('listening', () => resolve(`ws://127.0.0.1:${server.address().port}`));
    server.on('connection', (client, request) => bridge(client, `${upstream}${request.url ?? ''}`));
  });
}

function bridge(client, upstreamUrl) {
  const upstream = new WebSocket(upstreamUrl, { perMessageDeflate: false, maxPayload: 0 });
  const queued = [];
  const downloads = new Downloads();
  const toFirefox = (text) => {
    if (upstream.readyState === WebSocket.OPEN) upstream.send(text);
    else queued.push(text);
  };
  upstream.on('open', () => queued.splice(0).forEach((text) => upstream.send(text)));
  upstream.on('message', (data) => client.send(downloads.rewriteEvent(data.toString())));
  upstream.on('close', () => client.close());
  upstream.on('error', () => client.close());
  client.on('close', () => upstream.close());
  client.on('message', (data) => {
    const text = data.toString();
    const command = parse(text);
    if (command?.method === 'emulation.setMediaFeaturesOverride') {
      client.send(JSON.stringify({ type: 'success', id: command.id, result: {} }));
      return;
    }
    if (command?.method === 'browser.setDownloadBehavior') downloads.noteBehavior(command.params);
    toFirefox(text);
  });
}

/**
 * Gives Firefox's id-less download events ids, and leaves each saved file where Playwright reads
 * it: <destination folder>/<suggested name>. Firefox picks another name when that file exists
 * ("a(1).bin", from an earlier download in the same browser) or when it sanitises the name.
 */
class Downloads {
  next = 1;
  /** Downloads in progress (id and the name Playwright expects), by browsing context and URL. */
  pending = new Map();
  /** Names already delivered to Playwright in this browser. */
  delivered = new Set();
  folder = '';

  noteBehavior(params) {
    const folder = params?.downloadBehavior?.destinationFolder;
    if (typeof folder === 'string') this.folder = folder;
  }

  rewriteEvent(text) {
    const message = parse(text);
    const params = message?.params;
    if (!params || params.navigation || params.download) return text;
    const key = `${params.context} ${params.url}`;
    if (message.method === 'browsingContext.downloadWillBegin') {
      const id = `dckit-download-${this.next++}`;
      const name = this.withoutCollisionSuffix(String(params.suggestedFilename ?? ''));
      this.delivered.add(name);
      this.pending.set(key, [...(this.pending.get(key) ?? []), { id, name }]);
      params.navigation = id;
      params.suggestedFilename = name;
      return JSON.stringify(message);
    }
    if (message.method === 'browsingContext.downloadEnd') {
      const [download, ...rest] = this.pending.get(key) ?? [];
      if (!download) return text;
      if (rest.length) this.pending.set(key, rest);
      else this.pending.delete(key);
      this.moveTo(params.filepath, download.name);
      params.navigation = download.id;
      return JSON.stringify(message);
    }
    return text;
  }

  /** "a(1).bin" back to "a.bin" when "a.bin" was downloaded before in this browser. */
  withoutCollisionSuffix(name) {
    const match = name.match(/^(.*)\(\d+\)(\.[^.]*)?$/);
    const original = match ? `${match[1]}${match[2] ?? ''}` : name;
    return match && this.delivered.has(original) ? original : name;
  }

  moveTo(filepath, name) {
    if (!this.folder || typeof filepath !== 'string' || !name) return;
    const expected = join(this.folder, name);
    if (filepath === expected || !existsSync(filepath)) return;
    try {
      renameSync(filepath, expected);
    } catch {
      // Leave it where Firefox put it.
    }
  }
}

function parse(text) {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}

/**
 * A test's own certificate authority (a PEM file), trusted by this Firefox only: added to the
 * fresh profile Playwright made (`-profile <dir>`), as a user adds one in the settings.
 */
function trustTestCa(ca) {
  const args = process.argv.slice(2);
  const at = args.findIndex((a) => a === '-profile' || a === '--profile');
  if (!ca || at < 0) return;
  const db = `sql:${args[at + 1]}`;
  if (!existsSync(join(args[at + 1], 'cert9.db')))
    execFileSync('certutil', ['-N', '-d', db, '--empty-password'], { stdio: 'pipe' });
  execFileSync('certutil', ['-A', '-d', db, '-t', 'C,,', '-n', 'dckit-test-ca', '-i', ca], {
    stdio: 'pipe',
  });
}
