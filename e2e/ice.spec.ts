import type { Page } from '@playwright/test';
import { expect, test, fillNumber } from './fixtures';
import { freePort } from './servers';
import {
  addServer,
  candidateRows as rows,
  gather,
  rowsOfType,
  serverList,
  submitServer,
  useOnly,
  verdict,
} from './ice-tester';

test('the default servers (the local coturn): STUN and TURN work, every candidate listed', async ({
  page,
  servers,
  browserName,
}) => {
  await page.goto('/#/ice');
  const list = page.getByRole('list', { name: 'ICE servers' });
  await expect(list.getByText(servers.turn.stunUrl, { exact: true })).toBeVisible();
  await expect(list.getByText(servers.turn.turnUrl, { exact: true })).toBeVisible();
  await expect(list.getByText('test / ••••••••')).toBeVisible(); // credentials hidden
  await gather(page);
  // The address the STUN server saw: 127.0.0.1 from Chromium; Firefox sends from the machine's
  // own interface address even to a loopback server.
  await expect(verdict(page, servers.turn.stunUrl)).toContainText(
    /STUN works: server-reflexive address \d+\.\d+\.\d+\.\d+:\d+\./,
  );
  await expect(verdict(page, servers.turn.turnUrl)).toContainText(
    'TURN works: relay candidate 127.0.0.1:',
  );
  const cells = (type: string) => rowsOfType(page, type);
  await expect(cells('host').first()).toBeVisible();
  // The TURN server also answers STUN requests: its srflx row may come first.
  await expect(cells('srflx').filter({ hasText: servers.turn.stunUrl }).first()).toBeVisible();
  await expect(cells('relay').first()).toContainText(`turn:127.0.0.1:${servers.turn.port}`);
  // Time with 3 decimals, component rtp, priority in three parts.
  await expect(cells('relay').first().getByRole('cell').nth(0)).toHaveText(/^\d+\.\d{3}$/);
  await expect(cells('relay').first().getByRole('cell').nth(1)).toHaveText('rtp');
  await expect(cells('relay').first().getByRole('cell').nth(7)).toHaveText(/^\d+ \| \d+ \| 255$/);
  await expect(cells('relay').first().getByRole('cell').nth(9)).toHaveText('udp');
  await expect(rows(page).last()).toHaveText(/^\s*\d+\.\d{3}\s*Done\s*$/);
  await expect(page.getByLabel('Summary line')).toContainText('OK (STUN works');
  // Firefox names no server on its candidates: the page says how it still judged each one.
  await expect(page.getByRole('note')).toHaveCount(browserName === 'firefox' ? 1 : 0);
  if (browserName === 'firefox') {
    await expect(page.getByRole('note')).toContainText('each server gathered on its own');
  }
});

test('TURN over TCP gives a relay candidate with relay protocol tcp', async ({ page, servers }) => {
  await page.goto('/#/ice');
  const url = `${servers.turn.turnUrl}?transport=tcp`;
  await addServer(page, url, 'test', 'test');
  await useOnly(page, [url]);
  await gather(page);
  await expect(verdict(page, url)).toContainText('TURN works: relay candidate 127.0.0.1:');
  await expect(verdict(page, url)).toContainText('over TCP');
  const relay = rowsOfType(page, 'relay');
  await expect(relay.first().getByRole('cell').nth(9)).toHaveText('tcp');
});

test('wrong credentials give the 401 error and "authentication failed"', async ({
  page,
  servers,
}) => {
  await page.goto('/#/ice');
  const url = `${servers.turn.turnUrl}?transport=udp`;
  await addServer(page, url, 'test', 'wrong-password');
  await useOnly(page, [url]);
  await gather(page);
  const errors = page.getByRole('table', { name: 'ICE candidate errors' });
  await expect(errors.getByRole('row').filter({ hasText: '401' }).first()).toBeVisible();
  await expect(verdict(page, url)).toContainText('TURN authentication failed (401)');
});

test('relay-only policy shows relay candidates only', async ({ page }) => {
  await page.goto('/#/ice');
  await page.getByLabel('ICE transport policy').selectOption('relay');
  await gather(page);
  const all = rows(page);
  const count = await all.count();
  expect(count).toBeGreaterThan(1);
  for (let i = 0; i < count - 1; i++)
    await expect(all.nth(i).getByRole('cell').nth(2)).toHaveText('relay');
});

test('a TURN server on a closed port is unreachable within the time-out', async ({ page }) => {
  await page.goto('/#/ice');
  const url = `turn:127.0.0.1:${await freePort()}`;
  await addServer(page, url, 'test', 'test');
  await useOnly(page, [url]);
  await fillNumber(page.getByLabel('Gathering time-out (s)'), '4');
  await gather(page);
  // What happened, not a guess: the browser's error 701 and when it came, or silence.
  await expect(verdict(page, url)).toContainText(
    /TURN unreachable: (error 701 after \d+\.\d s( \(.+\))?\. Check the address, the port and the transport\.|no answer and no error from it while gathering\.)/,
  );
});

test('malformed URLs and TURN without credentials are refused before gathering', async ({
  page,
}) => {
  await page.goto('/#/ice');
  await submitServer(page, 'stun://stun.example.org');
  await expect(page.locator('#ice-problem')).toHaveText(/take no "\/\/"/);
  await submitServer(page, 'stun:stun.example.org:99999');
  await expect(page.locator('#ice-problem')).toHaveText(/port must be a number from 1 to 65535/);
  await submitServer(page, 'turn:turn.example.org');
  await expect(page.locator('#ice-problem')).toHaveText(/needs a username and a credential/);
  await submitServer(page, 'http://example.org');
  await expect(page.locator('#ice-problem')).toHaveText(/"http:" is not an ICE scheme/);
  await expect(
    page.getByRole('list', { name: 'ICE servers' }).getByText('example.org'),
  ).toHaveCount(0);
  await fillNumber(page.getByLabel('Candidate pool size'), '11');
  await page.getByRole('button', { name: 'Gather candidates' }).click();
  await expect(page.getByRole('alert').filter({ hasText: 'Not gathering' })).toHaveText(
    /candidate pool size must be a whole number from 0 to 10/,
  );
  await expect(page.getByRole('table', { name: 'Candidates' })).toHaveCount(0);
});

test('the server list survives a reload, edits apply, and Reset restores the defaults', async ({
  page,
  servers,
}) => {
  await page.goto('/#/ice');
  await addServer(page, 'stun:stun.example.org:3478');
  const list = page.getByRole('list', { name: 'ICE servers' });
  await page.getByRole('button', { name: `Remove ${servers.turn.stunUrl}` }).click();
  await page.reload();
  await expect(list.getByText('stun:stun.example.org:3478')).toBeVisible();
  await expect(list.getByText(servers.turn.stunUrl, { exact: true })).toHaveCount(0);
  // Edit loads the entry into the fields.
  await page.getByRole('button', { name: 'Edit stun:stun.example.org:3478' }).click();
  await expect(page.getByLabel('Server URL')).toHaveValue('stun:stun.example.org:3478');
  await page.getByLabel('Server URL').fill('stun:stun.example.org:3479');
  await page.getByRole('button', { name: 'Save changes' }).click();
  await expect(list.getByText('stun:stun.example.org:3479')).toBeVisible();
  await page.getByLabel('Show credentials').check();
  await expect(list.getByText('test / test')).toBeVisible();
  await page.getByRole('button', { name: 'Reset to defaults' }).click();
  await expect(list.getByText(servers.turn.stunUrl, { exact: true })).toBeVisible();
  await expect(list.getByText('stun:stun.example.org:3479')).toHaveCount(0);
  await page.reload();
  await expect(list.getByText(servers.turn.stunUrl, { exact: true })).toBeVisible();
});

test('each server alone: one connection per server, a verdict for each', async ({
  page,
  servers,
}) => {
  await page.goto('/#/ice');
  const tcp = `${servers.turn.turnUrl}?transport=tcp`;
  await addServer(page, tcp, 'test', 'test');
  await page.getByLabel('Test each server alone').check();
  await gather(page);
  await expect(verdict(page, servers.turn.stunUrl)).toContainText('STUN works');
  await expect(verdict(page, tcp)).toContainText('TURN works');
  await expect(verdict(page, tcp)).toContainText('over TCP');
  // The UDP entry, judged on its own connection.
  await expect(verdict(page, servers.turn.turnUrl).filter({ hasText: 'over UDP.' })).toHaveCount(1);
});

test('Enter in the server form adds the server, and refuses a malformed one with its message', async ({
  page,
}) => {
  await page.goto('/#/ice');
  await page.getByLabel('Server URL').fill('stun:127.0.0.1:3479');
  await page.getByLabel('Server URL').press('Enter');
  await expect(
    page
      .getByRole('list', { name: 'ICE servers' })
      .getByText('stun:127.0.0.1:3479', { exact: true }),
  ).toBeVisible();
  await page.getByLabel('Server URL').fill('stun://nope');
  await page.getByLabel('Username', { exact: true }).press('Enter');
  await expect(page.getByRole('alert').filter({ hasText: 'take no "//"' })).toBeVisible();
});

/**
 * Lets the test hold back the page's IndexedDB writes (they commit, but the page hears so only at
 * release: a slow disk) or make them fail as a full disk does.
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

test('the server form empties at Add, so what is typed next stays while the list is saved; a failed save keeps the entry and says so', async ({
  page,
}) => {
  await page.addInitScript(slowStorage);
  await page.goto('/#/ice');
  const list = serverList(page);
  const url = page.getByLabel('Server URL');
  await storageGate(page, 'hold');
  await submitServer(page, 'stun:127.0.0.1:3481');
  await expect(list.getByText('stun:127.0.0.1:3481', { exact: true })).toBeVisible();
  await url.pressSequentially('stun:127.0.0.1:3482');
  await storageGate(page, 'release');
  // The save has ended (the list is in IndexedDB), and the URL typed meanwhile is intact.
  await expect
    .poll(() =>
      page.evaluate(
        () =>
          new Promise<unknown>((resolve) => {
            const open = indexedDB.open('dckit');
            open.onsuccess = () => {
              const get = open.result.transaction('kv').objectStore('kv').get('ice-servers');
              get.onsuccess = () => resolve(JSON.stringify(get.result ?? null));
            };
          }),
      ),
    )
    .toContain('stun:127.0.0.1:3481');
  await expect(url).toHaveValue('stun:127.0.0.1:3482');

  await storageGate(page, 'fail');
  await page.getByRole('button', { name: 'Add server' }).click();
  await expect(list.getByText('stun:127.0.0.1:3482', { exact: true })).toBeVisible();
  await expect(page.getByRole('alert').filter({ hasText: 'could not be saved' })).toHaveText(
    'The server list could not be saved in this browser: The quota has been exceeded. It stays as shown until this page is closed.',
  );
  await expect(url).toHaveValue('');
});
