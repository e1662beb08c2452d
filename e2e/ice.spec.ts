import { chromium, firefox, type Browser, type Page } from '@playwright/test';
// @ts-expect-error plain ESM module shared with the benchmarks
import { chromiumArgs, chromiumPath } from '../scripts/chromium.mjs';
// @ts-expect-error plain ESM module shared with the benchmarks
import { firefoxUse } from '../scripts/firefox.mjs';
import { expect, test, fillNumber } from './fixtures';
import { device } from './rooms';
import { makeTestCa, type TestCa } from './test-ca';
import { freePort, startCoturn } from './servers';
import {
  addServer,
  candidateRows as rows,
  gather,
  rowsOfType,
  serverList,
  submitRestServer,
  submitServer,
  useOnly,
  verdict,
} from './ice-tester';

// A coturn of its own, started with a shared secret (--use-auth-secret): it accepts only
// usernames of the form expiry:user signed with that secret.
const SECRET = 'north-wind-' + Math.random().toString(36).slice(2);

let restTurn: Awaited<ReturnType<typeof startCoturn>>;
// And one that allocates relay addresses but forwards nothing between them (coturn's default of
// refusing loopback peers): a relay candidate alone would call it working.
let deadRelay: Awaited<ReturnType<typeof startCoturn>>;
// And one with its TCP listener switched off.
let udpOnly: Awaited<ReturnType<typeof startCoturn>>;
test.beforeAll(async () => {
  [restTurn, deadRelay, udpOnly] = await Promise.all([
    startCoturn({ secret: SECRET, lifetimeSeconds: 600 }),
    startCoturn({ forwards: false, lifetimeSeconds: 600 }),
    startCoturn({ tcp: false, lifetimeSeconds: 600 }),
  ]);
});
test.afterAll(async () => Promise.all([restTurn.stop(), deadRelay.stop(), udpOnly.stop()]));

/** The Relay checks table's row for `url`. */
function relayCheck(page: Page, url: string) {
  return page
    .getByRole('table', { name: 'Relay checks' })
    .getByRole('row')
    .filter({ has: page.getByRole('cell', { name: url, exact: true }) });
}

/**
 * Lets the test hold back the page's IndexedDB writes (they commit, but the page hears so only at
 * release: a slow disk) or make them fail as a full disk does. Until asked, writes go through.
 */
function slowStorage() {
  const held: (() => void)[] = [];
  const gate = { hold: false, fail: false };
  Object.assign(window, {
    storageGate: {
      hold: () => (gate.hold = true),
      release: () => {
        gate.hold = false;
        for (const done of held.splice(0)) done();
      },
      fail: () => (gate.fail = true),
    },
  });
  const complete = Object.getOwnPropertyDescriptor(IDBTransaction.prototype, 'oncomplete')!;
  Object.defineProperty(IDBTransaction.prototype, 'oncomplete', {
    ...complete,
    set(this: IDBTransaction, handler: ((e: Event) => void) | null) {
      if (!handler || this.mode !== 'readwrite') return complete.set!.call(this, handler);
      complete.set!.call(this, function (this: IDBTransaction, e: Event) {
        if (gate.hold) held.push(() => handler.call(this, e));
        else handler.call(this, e);
      });
    },
  });
  const put = IDBObjectStore.prototype.put;
  IDBObjectStore.prototype.put = function (this: IDBObjectStore, ...args) {
    if (gate.fail) throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
    return put.apply(this, args);
  };
}

type StorageGate = { hold(): void; release(): void; fail(): void };
const storageGate = (page: Page, step: keyof StorageGate) =>
  page.evaluate((s) => (window as unknown as { storageGate: StorageGate }).storageGate[s](), step);

/** The ICE server list as stored in IndexedDB (JSON), or "null". */
const storedServers = (page: Page) =>
  page.evaluate(
    () =>
      new Promise<string>((resolve) => {
        const open = indexedDB.open('dckit');
        open.onsuccess = () => {
          const get = open.result.transaction('kv').objectStore('kv').get('ice-servers');
          get.onsuccess = () => resolve(JSON.stringify(get.result ?? null));
        };
      }),
  );

test('the Trickle ICE page: its server list, its checks, and a verdict for every kind of server, TURN REST included', async ({
  page,
  servers,
  browserName,
}) => {
  await page.addInitScript(slowStorage);
  await page.goto('/#/ice');
  const list = serverList(page);
  const { stunUrl, turnUrl } = servers.turn;
  const tcp = `${turnUrl}?transport=tcp`;

  await test.step('malformed URLs and TURN without credentials are refused before gathering', async () => {
    // Username and credential stay empty throughout.
    const submitUrl = async (url: string) => {
      await page.getByLabel('Server URL').fill(url);
      await page.getByRole('button', { name: 'Add server' }).click();
    };
    await submitUrl('stun://stun.example.org');
    await expect(page.locator('#ice-problem')).toHaveText(/take no "\/\/"/);
    await submitUrl('stun:stun.example.org:99999');
    await expect(page.locator('#ice-problem')).toHaveText(/port must be a number from 1 to 65535/);
    await submitUrl('turn:turn.example.org');
    await expect(page.locator('#ice-problem')).toHaveText(/needs a username and a credential/);
    await submitUrl('http://example.org');
    await expect(page.locator('#ice-problem')).toHaveText(/"http:" is not an ICE scheme/);
    await expect(list.getByText('example.org')).toHaveCount(0);
    await fillNumber(page.getByLabel('Candidate pool size'), '11');
    await page.getByRole('button', { name: 'Gather candidates' }).click();
    await expect(page.getByRole('alert').filter({ hasText: 'Not gathering' })).toHaveText(
      /candidate pool size must be a whole number from 0 to 10/,
    );
    await expect(page.getByRole('table', { name: 'Candidates' })).toHaveCount(0);
    await fillNumber(page.getByLabel('Candidate pool size'), '0');
  });

  await test.step('the default servers (the local coturn): STUN and TURN work, every candidate listed', async () => {
    await expect(list.getByText(stunUrl, { exact: true })).toBeVisible();
    await expect(list.getByText(turnUrl, { exact: true })).toBeVisible();
    await expect(list.getByText('test / ••••••••')).toBeVisible(); // credentials hidden
    await gather(page);
    // The address the STUN server saw: 127.0.0.1 from Chromium; Firefox sends from the
    // machine's own interface address even to a loopback server.
    await expect(verdict(page, stunUrl)).toContainText(
      /STUN works: server-reflexive address \d+\.\d+\.\d+\.\d+:\d+\./,
    );
    await expect(verdict(page, turnUrl)).toContainText('TURN works: relay candidate 127.0.0.1:');
    await expect(verdict(page, turnUrl)).toContainText(
      /; data crossed it \(round trip \d+\.\d ms, \d+\.\d MB\/s\)\./,
    );
    // Each transport of the TURN entry, proven by data: its own (UDP), and TCP on the same port.
    for (const [url, transport] of [
      [turnUrl, 'UDP'],
      [`${turnUrl}?transport=tcp`, 'TCP'],
    ]) {
      await expect(relayCheck(page, url).getByRole('cell')).toHaveText([
        url,
        transport,
        'data crossed it',
        /^\d+\.\d$/,
        /^\d+\.\d$/,
        /^\d+\.\d{3}$/,
      ]);
    }
    const cells = (type: string) => rowsOfType(page, type);
    await expect(cells('host').first()).toBeVisible();
    // The TURN server also answers STUN requests: its srflx row may come first.
    await expect(cells('srflx').filter({ hasText: stunUrl }).first()).toBeVisible();
    const relay = cells('relay').first().getByRole('cell');
    await expect(cells('relay').first()).toContainText(`turn:127.0.0.1:${servers.turn.port}`);
    // Time with 3 decimals, component rtp, priority in three parts.
    await expect(relay.nth(0)).toHaveText(/^\d+\.\d{3}$/);
    await expect(relay.nth(1)).toHaveText('rtp');
    await expect(relay.nth(7)).toHaveText(/^\d+ \| \d+ \| 255$/);
    await expect(relay.nth(9)).toHaveText('udp');
    await expect(rows(page).last()).toHaveText(/^\s*\d+\.\d{3}\s*Done\s*$/);
    await expect(page.getByLabel('Summary line')).toContainText('OK (STUN works');
    // Firefox names no server on its candidates: the page says how it still judged each one.
    await expect(page.getByRole('note')).toHaveCount(browserName === 'firefox' ? 1 : 0);
    if (browserName === 'firefox') {
      await expect(page.getByRole('note')).toContainText('each server gathered on its own');
    }
  });

  await test.step('relay-only policy shows relay candidates only', async () => {
    await page.getByLabel('ICE transport policy').selectOption('relay');
    await gather(page);
    const all = rows(page);
    const count = await all.count();
    expect(count).toBeGreaterThan(1);
    for (let i = 0; i < count - 1; i++)
      await expect(all.nth(i).getByRole('cell').nth(2)).toHaveText('relay');
    await page.getByLabel('ICE transport policy').selectOption('all');
  });

  await test.step('the server list survives a reload, edits apply, and Reset restores the defaults', async () => {
    await addServer(page, 'stun:stun.example.org:3478');
    await page.getByRole('button', { name: `Remove ${stunUrl}` }).click();
    await page.reload();
    await expect(list.getByText('stun:stun.example.org:3478')).toBeVisible();
    await expect(list.getByText(stunUrl, { exact: true })).toHaveCount(0);
    // Edit loads the entry into the fields.
    await page.getByRole('button', { name: 'Edit stun:stun.example.org:3478' }).click();
    await expect(page.getByLabel('Server URL')).toHaveValue('stun:stun.example.org:3478');
    await page.getByLabel('Server URL').fill('stun:stun.example.org:3479');
    await page.getByRole('button', { name: 'Save changes' }).click();
    await expect(list.getByText('stun:stun.example.org:3479')).toBeVisible();
    await page.getByLabel('Show credentials').check();
    await expect(list.getByText('test / test')).toBeVisible();
    await page.getByRole('button', { name: 'Reset to defaults' }).click();
    await expect(list.getByText(stunUrl, { exact: true })).toBeVisible();
    await expect(list.getByText('stun:stun.example.org:3479')).toHaveCount(0);
    await page.reload();
    await expect(list.getByText(stunUrl, { exact: true })).toBeVisible();
  });

  await test.step('TURN over TCP gives a relay candidate with relay protocol tcp', async () => {
    await addServer(page, tcp, 'test', 'test');
    await useOnly(page, [tcp]);
    await gather(page);
    await expect(verdict(page, tcp)).toContainText('TURN works: relay candidate 127.0.0.1:');
    await expect(verdict(page, tcp)).toContainText('over TCP');
    await expect(rowsOfType(page, 'relay').first().getByRole('cell').nth(9)).toHaveText('tcp');
  });

  await test.step('a relay that allocates but forwards nothing fails: a TURN verdict rests on data', async () => {
    await addServer(page, deadRelay.turnUrl, 'test', 'test');
    await useOnly(page, [deadRelay.turnUrl]);
    await fillNumber(page.getByLabel('Gathering time-out (s)'), '3');
    await gather(page);
    await expect(rowsOfType(page, 'relay').first()).toBeVisible();
    await expect(verdict(page, deadRelay.turnUrl)).toHaveClass('error');
    await expect(verdict(page, deadRelay.turnUrl)).toContainText(
      /TURN fails: relay candidate 127\.0\.0\.1:\d+, but (ICE found no path between two of its relay addresses|no data crossed it within 3 s)\./,
    );
    await fillNumber(page.getByLabel('Gathering time-out (s)'), '10');
  });

  await test.step('a TURN server whose TCP listener is off: UDP carries data, TCP fails with its reason', async () => {
    await addServer(page, udpOnly.turnUrl, 'test', 'test');
    await useOnly(page, [udpOnly.turnUrl]);
    await gather(page);
    await expect(verdict(page, udpOnly.turnUrl)).toContainText('data crossed it');
    await expect(relayCheck(page, udpOnly.turnUrl).getByRole('cell').nth(2)).toHaveText(
      'data crossed it',
    );
    const tcpCell = relayCheck(page, `${udpOnly.turnUrl}?transport=tcp`).getByRole('cell');
    await expect(tcpCell.nth(2)).toHaveText(/^fails: /);
    // The time it took is shown; the proof's own time-out bounds it (no timed assertion here).
    await expect(tcpCell.nth(5)).toHaveText(/^\d+\.\d{3}$/);
  });

  await test.step('each server alone: one connection per server, a verdict for each', async () => {
    await useOnly(page, [stunUrl, turnUrl, tcp]);
    await page.getByLabel('Test each server alone').check();
    await gather(page);
    await expect(verdict(page, stunUrl)).toContainText('STUN works');
    await expect(verdict(page, tcp)).toContainText('TURN works');
    await expect(verdict(page, tcp)).toContainText('over TCP');
    // The UDP entry, judged on its own connection.
    await expect(verdict(page, turnUrl).filter({ hasText: 'over UDP;' })).toHaveCount(1);
    await page.getByLabel('Test each server alone').uncheck();
  });

  await test.step('wrong credentials give the 401 error and "authentication failed"', async () => {
    const url = `${turnUrl}?transport=udp`;
    await addServer(page, url, 'test', 'wrong-password');
    await useOnly(page, [url]);
    await gather(page);
    const errors = page.getByRole('table', { name: 'ICE candidate errors' });
    await expect(errors.getByRole('row').filter({ hasText: '401' }).first()).toBeVisible();
    await expect(verdict(page, url)).toContainText('TURN authentication failed (401)');
  });

  await test.step('a TURN server on a closed port is unreachable within the time-out', async () => {
    const url = `turn:127.0.0.1:${await freePort()}`;
    await addServer(page, url, 'test', 'test');
    await useOnly(page, [url]);
    await fillNumber(page.getByLabel('Gathering time-out (s)'), '1');
    await gather(page);
    // What happened, not a guess: the browser's error 701 and when it came, or silence.
    await expect(verdict(page, url)).toContainText(
      /TURN unreachable: (error 701 after \d+\.\d s( \(.+\))?\. Check the address, the port and the transport\.|no answer and no error from it while gathering\.)/,
    );
    // Back to the default: a relay's proof by data has the same time limit.
    await fillNumber(page.getByLabel('Gathering time-out (s)'), '10');
  });

  await test.step('a server on a port the browser blocks still gets its verdict, beside one that works', async () => {
    // Firefox refuses the whole configuration (port 25 is on its blocked list); Chromium tries it.
    const blocked = 'turn:127.0.0.1:25?transport=tcp';
    await addServer(page, blocked, 'test', 'test');
    await useOnly(page, [stunUrl, blocked]);
    await gather(page);
    await expect(verdict(page, stunUrl)).toContainText('STUN works');
    await expect(verdict(page, blocked)).toHaveClass('error');
    if (browserName === 'firefox') {
      await expect(verdict(page, blocked)).toContainText('The browser refused it:');
      await expect(verdict(page, blocked)).toContainText('blocked');
    }
  });

  await test.step('TURN REST: a shared secret is refused for STUN, and an empty one for TURN', async () => {
    await submitRestServer(page, restTurn.stunUrl, '', 'x');
    await expect(page.locator('#ice-problem')).toHaveText(/shared secret is for TURN servers only/);
    await page.getByLabel('Server URL').fill(restTurn.turnUrl);
    await page.getByLabel('Shared secret', { exact: true }).fill('');
    await page.getByRole('button', { name: 'Add server' }).click();
    await expect(page.locator('#ice-problem')).toHaveText(/enter the TURN server's shared secret/);
  });

  await test.step('TURN REST: the right shared secret gives a relay, with the computed username and its expiry', async () => {
    await submitRestServer(page, restTurn.turnUrl, 'alice', SECRET);
    await expect(list.getByText('alice / •••••••• (TURN REST secret)')).toBeVisible();
    const before = Math.floor(Date.now() / 1000);
    await useOnly(page, [restTurn.turnUrl]);
    await gather(page);
    await expect(verdict(page, restTurn.turnUrl)).toContainText(
      'TURN works: relay candidate 127.0.0.1:',
    );
    const note = page.locator('p', { hasText: 'TURN REST credentials for' });
    await expect(note).toContainText(restTurn.turnUrl);
    const expiry = Number((await note.textContent())!.match(/username\s+(\d+):alice/)![1]);
    // Valid for 24 hours from the gathering.
    expect(expiry - before).toBeGreaterThanOrEqual(86400);
    expect(expiry - before).toBeLessThan(86400 + 120);
    await expect(note).toContainText('valid until');
  });

  await test.step('TURN REST: a wrong shared secret gets the 401 verdict', async () => {
    await page.getByRole('button', { name: `Remove ${restTurn.turnUrl}` }).click();
    await submitRestServer(page, restTurn.turnUrl, 'mallory', 'not-the-secret');
    await useOnly(page, [restTurn.turnUrl]);
    await gather(page);
    await expect(verdict(page, restTurn.turnUrl)).toContainText('TURN authentication failed (401)');
  });

  await test.step('Enter in the server form adds the server, and refuses a malformed one with its message', async () => {
    await page.getByLabel('Server URL').fill('stun:127.0.0.1:3479');
    await page.getByLabel('Server URL').press('Enter');
    await expect(list.getByText('stun:127.0.0.1:3479', { exact: true })).toBeVisible();
    await page.getByLabel('Server URL').fill('stun://nope');
    await page.getByLabel('Username', { exact: true }).press('Enter');
    await expect(page.getByRole('alert').filter({ hasText: 'take no "//"' })).toBeVisible();
  });

  await test.step('the server form empties at Add, so what is typed next stays while the list is saved; a failed save keeps the entry and says so', async () => {
    const url = page.getByLabel('Server URL');
    await storageGate(page, 'hold');
    await submitServer(page, 'stun:127.0.0.1:3481');
    await expect(list.getByText('stun:127.0.0.1:3481', { exact: true })).toBeVisible();
    await url.pressSequentially('stun:127.0.0.1:3482');
    await storageGate(page, 'release');
    // The save has ended (the list is in IndexedDB), and the URL typed meanwhile is intact.
    await expect.poll(() => storedServers(page)).toContain('stun:127.0.0.1:3481');
    await expect(url).toHaveValue('stun:127.0.0.1:3482');

    await storageGate(page, 'fail');
    await page.getByRole('button', { name: 'Add server' }).click();
    await expect(list.getByText('stun:127.0.0.1:3482', { exact: true })).toBeVisible();
    await expect(page.getByRole('alert').filter({ hasText: 'could not be saved' })).toHaveText(
      'The server list could not be saved in this browser: The quota has been exceeded. It stays as shown until this page is closed.',
    );
    await expect(url).toHaveValue('');
  });
});

/** A browser that trusts the test's certificate authority, as one given a company's CA does. */
function browserTrusting(ca: TestCa, browserName: string): Promise<Browser> {
  if (browserName === 'firefox') {
    const { launchOptions } = firefoxUse as { launchOptions: { env: Record<string, string> } };
    return firefox.launch({
      ...launchOptions,
      channel: 'moz-firefox',
      env: { ...launchOptions.env, DCKIT_TEST_CA: ca.ca },
    });
  }
  return chromium.launch({
    executablePath: chromiumPath as string,
    args: chromiumArgs as string[],
    // Chromium on Linux trusts the authorities of the NSS database in $HOME/.pki/nssdb.
    env: { ...(process.env as Record<string, string>), HOME: ca.home },
  });
}

test('TURN over TLS: a relay behind a certificate the browser trusts carries data; a self-signed one fails', async ({
  servers,
  browserName,
}) => {
  const ca = makeTestCa();
  const [signed, selfSigned, browser] = await Promise.all([
    startCoturn({ tls: ca.trusted, lifetimeSeconds: 300 }),
    startCoturn({ tls: ca.selfSigned, lifetimeSeconds: 300 }),
    browserTrusting(ca, browserName),
  ]);
  try {
    const page = await device(browser, servers.app);
    await page.goto('/#/ice');
    const good = signed.turnsUrl!;
    const bad = selfSigned.turnsUrl!;
    await addServer(page, good, 'test', 'test');
    await addServer(page, bad, 'test', 'test');
    await useOnly(page, [good, bad]);
    await gather(page);
    await expect(relayCheck(page, good).getByRole('cell')).toHaveText([
      good,
      'TLS',
      'data crossed it',
      /^\d+\.\d$/,
      /^\d+\.\d$/,
      /^\d+\.\d{3}$/,
    ]);
    await expect(verdict(page, good)).toContainText('TURN works: relay candidate 127.0.0.1:');
    const refused = relayCheck(page, bad).getByRole('cell');
    await expect(refused.nth(1)).toHaveText('TLS');
    await expect(refused.nth(2)).toHaveText(/^fails: /);
    // The browser does not say why (error 701, as for a server that is down): the verdict says
    // what TLS needs besides the address.
    await expect(verdict(page, bad)).toContainText(/✘ .*: TURN unreachable: error 701/);
    await expect(verdict(page, bad)).toContainText(
      "Over TLS, the server's certificate must also be valid for that name and trusted by this browser.",
    );
  } finally {
    await Promise.allSettled([browser.close(), signed.stop(), selfSigned.stop()]);
  }
});
