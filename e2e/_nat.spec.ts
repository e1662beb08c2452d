// The NAT lab's cases. They run in order in one worker per browser, the longest chain of the
// suite: the leading "_" sorts this file first, and Playwright queues each browser's tests in
// file order, so the chain starts while the other worker takes the rest (not alone at the end).
import { randomUUID } from 'node:crypto';
import type { Page } from '@playwright/test';
import { download, expectDone, incoming, makeFile, pickFiles, reachPercent } from './files';
import { connectionDetails, type PeerPath } from './connection-details';
import { addServer, gather, natType, rowsOfType, useOnly, verdict } from './ice-tester';
import { expect, test, type NatLab } from './nat-lab';
import { expectRelayOffered, sendThroughRelay } from './relay-fallback';
import { connectTimes, trackPeerConnections } from './peer-tracker';
import { createRoom, device, pickerStatus, saveSettings, verificationCodeOf } from './rooms';
import { escapeRegExp } from './regexp';

const MiB = 1024 * 1024;

/** One page per side, each in its own browser inside its LAN, recording its connections. */
async function pages(lab: NatLab, prepare?: (page: Page) => Promise<void>) {
  const [alice, bob] = await Promise.all(
    (['a', 'b'] as const).map(async (side) => {
      const page = await device(await lab.browserOn(side), lab.appUrl);
      await trackPeerConnections(page);
      await prepare?.(page);
      return page;
    }),
  );
  return { alice, bob };
}

/** Alice creates a room on the File tool and Bob opens its link; returns when he opened it. */
async function openFileRoom(alice: Page, bob: Page): Promise<number> {
  await alice.goto('/#/file');
  const link = await createRoom(alice);
  const opened = performance.now();
  await bob.goto(link);
  return opened;
}

/** A File-tool room between lan-a and lan-b, connected; notes how long connecting took. */
async function fileRoom(lab: NatLab, prepare?: (page: Page) => Promise<void>) {
  const { alice, bob } = await pages(lab, prepare);
  const opened = await openFileRoom(alice, bob);
  const code = await verificationCodeOf(bob);
  expect(await verificationCodeOf(alice)).toBe(code);
  const linkToConnected = performance.now() - opened;
  const { total, ice } = await connectTimes(bob);
  note(
    'connect',
    `link opened → both connected ${Math.round(linkToConnected)} ms; ` +
      `joiner's connection: created → connected ${Math.round(total)} ms, ` +
      `first ICE check → connected ${Math.round(ice)} ms`,
  );
  return { alice, bob };
}

/** A file (1 MiB) from Alice to Bob over the room's data channel, checked byte for byte. */
async function sendFile(alice: Page, bob: Page, size = MiB) {
  await bob.getByLabel('Ask before accepting incoming files').uncheck();
  // A fresh name: Firefox saves downloads into the worker's artifacts folder, and names a file
  // already there "name(1).bin".
  const file = makeFile(`nat-${randomUUID().slice(0, 8)}.bin`, size);
  const sending = performance.now();
  await pickFiles(alice, [file]);
  await expectDone(bob, file.name);
  note(
    'transfer',
    `${size} B over the data channel in ${Math.round(performance.now() - sending)} ms`,
  );
  expect(await download(bob, file.name)).toEqual({ name: file.name, sha256: file.sha256 });
  return file;
}

/**
 * Both sides' selected pair, as their Connection details panels show it, once its Path matches
 * `path`, noted in the report. Read after a transfer: the pair chosen at open can still change,
 * and Chromium's controlled side moves to the controlling side's pair only once data arrives on
 * it (idle, it can stay on a relayed pair the other side has left).
 */
async function settledPaths(pages: Record<'alice' | 'bob', Page>, path: RegExp) {
  const paths = {} as Record<'alice' | 'bob', PeerPath>;
  for (const name of ['alice', 'bob'] as const) {
    await expect
      .poll(() => connectionDetails(pages[name]), { message: `${name}'s Path` })
      .toMatchObject({ path: expect.stringMatching(path) });
    paths[name] = (await connectionDetails(pages[name]))!;
  }
  for (const name of ['alice', 'bob'] as const) {
    const { local, remote, path } = paths[name];
    note('pair', `${name}: ${local} → ${remote}; Path: ${path}`);
  }
  return paths;
}

/** Milliseconds since `start`, for the report. */
function ms(start: number): string {
  return `${Math.round(performance.now() - start)} ms`;
}

function note(type: string, description: string) {
  test.info().annotations.push({ type, description });
}

/** What Path says on a side that relays through its own TURN server. */
function ownRelay(browserName: string, url: string, transport: 'UDP' | 'TCP'): string {
  // Firefox's candidate stats name no server URL.
  return `relayed through ${browserName === 'firefox' ? 'your TURN server' : url} over ${transport}`;
}

/** Either side of a relayed pair: its own relay, or the peer's. */
function relayedPath(own: string): RegExp {
  const escaped = escapeRegExp(own);
  return new RegExp(`^(${escaped}|relayed through the peer's TURN server)$`);
}

test.describe('NAT lab', () => {
  // In order, in one worker: its lab (namespaces, servers, a browser per side) serves every case.
  // A browser per side starts inside namespaces: slow on a busy machine, Firefox above all.
  test.describe.configure({ mode: 'default', timeout: 180_000 });

  test.describe('cone', () => {
    test.use({ nat: 'cone' });

    test('NAT: behind two cone NATs a File room connects directly, srflx to srflx; a lossy link carries a file; a 30 s blackout and a changed NAT mapping mid-file heal by themselves', async ({
      natLab,
    }) => {
      // Slow enough that a fault lands mid-file, even on a busy machine: 8 MiB at 2 MB/s.
      const { alice, bob } = await fileRoom(natLab, (page) =>
        saveSettings(page, { speedLimitMB: 2 }),
      );
      await test.step('a file crosses directly, srflx to srflx', async () => {
        await sendFile(alice, bob);
        const paths = await settledPaths({ alice, bob }, /^direct \(srflx\)$/);
        expect(paths.alice.local).toMatch(/^srflx 203\.0\.113\.1:\d+ udp$/);
        expect(paths.alice.remote).toMatch(/^(srflx|prflx) 203\.0\.113\.2:\d+ udp$/);
        expect(paths.bob.local).toMatch(/^srflx 203\.0\.113\.2:\d+ udp$/);
        expect(paths.bob.remote).toMatch(/^(srflx|prflx) 203\.0\.113\.1:\d+ udp$/);
      });

      await test.step("80 ms and 3% loss each way: a file arrives verified, through SCTP's own recovery", async () => {
        const lossy = { delayMs: 80, loss: 0.03 };
        await natLab.impair('a', { up: lossy, down: lossy });
        const file = await sendFile(alice, bob, 256 * 1024);
        // Carried through: not cut and resumed.
        await expect(incoming(bob, file.name)).not.toContainText('Resumed at');
        await expect(pickerStatus(bob)).toContainText('Connected to the peer.');
        const counts = await natLab.impairCounts('a');
        note('lossy', `frames dropped up/down: ${counts?.up.dropped}/${counts?.down.dropped}`);
        expect(counts!.up.dropped + counts!.down.dropped).toBeGreaterThan(0);
        await natLab.impair('a', null);
      });

      await test.step("Alice's network goes dark for 30 s mid-file (the piping-server too); both sides reconnect once it is back", async () => {
        const file = makeFile(`dark-${randomUUID().slice(0, 8)}.bin`, 8 * MiB);
        await pickFiles(alice, [file]);
        await reachPercent(bob, `Receiving ${file.name}`, 25);
        const dark = performance.now();
        await natLab.impair('a', { up: { loss: 1 }, down: { loss: 1 } });
        await expect(pickerStatus(bob)).toContainText('Reconnecting…', { timeout: 30_000 });
        note('noticed', `blackout → joiner reconnecting ${ms(dark)}`);
        // The creator says so too, and waits for the joiner to rejoin.
        await expect(pickerStatus(alice)).toContainText(
          /Reconnecting… \(waits \d+:\d\d for the device to rejoin\)/,
          { timeout: 30_000 },
        );
        note('creator', `blackout → creator reconnecting ${ms(dark)}`);
        await new Promise((resolve) => setTimeout(resolve, 30_000 - (performance.now() - dark)));
        await natLab.impair('a', null);
        const back = performance.now();
        await expectDone(bob, file.name, 120_000);
        note(
          'healed',
          `network back after ${ms(dark)} → file verified ${ms(back)}, no button pressed`,
        );
        await expect(incoming(bob, file.name)).toContainText('Resumed at');
        await expect(pickerStatus(alice)).toContainText('Connected to the peer.');
        expect(await download(bob, file.name)).toEqual({ name: file.name, sha256: file.sha256 });
      });

      await test.step("Alice's router forgets its mappings mid-file and maps her to other ports: the session heals", async () => {
        const file = makeFile(`remap-${randomUUID().slice(0, 8)}.bin`, 8 * MiB);
        await pickFiles(alice, [file]);
        await reachPercent(bob, `Receiving ${file.name}`, 25);
        const changed = performance.now();
        // Conntrack flushed, and a new port for every flow: the peers' packets go nowhere.
        await natLab.setNat('symmetric', 'a');
        await expect(pickerStatus(bob)).toContainText('Reconnecting…', { timeout: 30_000 });
        await expectDone(bob, file.name, 120_000);
        note('remapped', `mapping changed → file verified ${ms(changed)}, no button pressed`);
        await expect(incoming(bob, file.name)).toContainText('Resumed at');
        expect(await download(bob, file.name)).toEqual({ name: file.name, sha256: file.sha256 });
      });
    });

    test('NAT: when only the joiner is cut off, its ICE failure reaches the creator at once and both are offered the relay', async ({
      natLab,
    }) => {
      await natLab.setNat('only-piping', 'b');
      const alice = await device(await natLab.browserOn('a'), natLab.appUrl);
      // Bob's host candidates are mDNS names, as every browser gives them: Alice can pair with
      // none of his candidates, so her ICE never fails by itself (the case that left the creator
      // waiting out its signaling time-out).
      const bob = await device(
        await natLab.launch('b', { privateHostAddresses: false }),
        natLab.appUrl,
      );
      const opened = await openFileRoom(alice, bob);
      // The side whose ICE gives up first tells the other, which then says what that side saw.
      // Chromium's creator never gives up here (no pair to check); Firefox's gives up at once.
      const told = /failed on the other device: ICE found no path/;
      const own = /ICE found no path|ICE failed/;
      await Promise.all([
        expectRelayOffered(alice, own, 40_000),
        expectRelayOffered(bob, own, 40_000),
      ]);
      const words = await Promise.all(
        [alice, bob].map((page) =>
          page.getByRole('alert').filter({ hasText: 'ICE' }).first().textContent(),
        ),
      );
      note('failed', `link opened → both offered the relay ${ms(opened)}`);
      note('words', `creator: ${words[0]} | joiner: ${words[1]}`);
      expect(words.filter((w) => told.test(w ?? ''))).toHaveLength(1);
    });

    test('NAT: the Trickle ICE tester behind a cone NAT sees the public and the private address, and tells a cone NAT from a symmetric one', async ({
      natLab,
    }) => {
      const page = await device(await natLab.browserOn('a'), natLab.appUrl);
      await page.goto('/#/ice');
      await addServer(page, natLab.altStunUrl);
      // A TURN entry over TCP that nobody answers: its failure says nothing of the NAT.
      const deadTurn = 'turn:203.0.113.10:3480?transport=tcp';
      await addServer(page, deadTurn, 'test', 'test');
      await useOnly(page, [natLab.stunUrl, natLab.altStunUrl, deadTurn]);
      await gather(page);
      await expect(verdict(page, deadTurn)).toContainText('TURN unreachable');
      // Both servers answer: each one's verdict rests on its own gathering, although one socket
      // asking both lists the public address once (Chromium), for whichever answered first.
      for (const url of [natLab.stunUrl, natLab.altStunUrl]) {
        await expect(verdict(page, url)).toContainText(
          `STUN works: server-reflexive address ${natLab.publicAddress.a}:`,
        );
      }
      await expect(rowsOfType(page, 'srflx').first()).toContainText(natLab.publicAddress.a);
      await expect(rowsOfType(page, 'host').first()).toContainText(natLab.privateAddress.a);
      await expect(natType(page)).toContainText('Endpoint-independent mapping ("cone NAT")');
      await expect(natType(page)).toContainText('Direct connections are likely.');
      await natLab.setNat('symmetric');
      await useOnly(page, [natLab.stunUrl, natLab.altStunUrl]);
      await gather(page);
      await expect(natType(page)).toContainText('Endpoint-dependent mapping ("symmetric NAT")');
      await expect(natType(page)).toContainText('a TURN server will be needed.');
    });
  });

  test.describe('symmetric', () => {
    test.use({ nat: 'symmetric' });

    test('NAT: behind two symmetric NATs a File room connects through the TURN relay', async ({
      natLab,
      browserName,
    }) => {
      expect(natLab.iceServers.map((s) => s.urls)).toContain(natLab.turnUrls.udp);
      const { alice, bob } = await fileRoom(natLab);
      await sendFile(alice, bob);
      const own = ownRelay(browserName, natLab.turnUrls.udp, 'UDP');
      const paths = await settledPaths({ alice, bob }, relayedPath(own));
      // Each side's pair has the relay at one end: its own allocation, or the peer's.
      for (const { local, remote } of Object.values(paths)) {
        expect([local, remote].some((c) => /^relay 203\.0\.113\.10:\d+ udp/.test(c))).toBe(true);
      }
      expect(Object.values(paths).map((p) => p.path)).toContain(own);
    });
  });

  test.describe('udp-blocked', () => {
    test.use({ nat: 'udp-blocked' });

    test('NAT: with UDP blocked a File room connects through TURN over TCP', async ({
      natLab,
      browserName,
    }) => {
      const tcp = natLab.turnUrls.tcp;
      const { alice, bob } = await fileRoom(natLab, async (page) => {
        await page.goto('/#/ice');
        await addServer(page, tcp, natLab.turnUser.username, natLab.turnUser.credential);
      });
      await sendFile(alice, bob);
      const own = ownRelay(browserName, tcp, 'TCP');
      const paths = await settledPaths({ alice, bob }, relayedPath(own));
      expect(Object.values(paths).map((p) => p.path)).toContain(own);
    });
  });

  test.describe('only-piping', () => {
    test.use({ nat: 'only-piping' });

    test('NAT: with only the piping-server reachable ICE fails on both sides and the relay carries the file', async ({
      natLab,
    }) => {
      const { alice, bob } = await pages(natLab);
      const opened = await openFileRoom(alice, bob);
      // ICE gives up on its own after ~15 s; the side that gives up first tells the other at
      // once, which then says what that side saw (unless it gave up in the same moment).
      for (const page of [alice, bob]) {
        await expectRelayOffered(
          page,
          /No STUN or TURN server answered this side|failed on the other device: ICE found no path/,
          40_000,
        );
      }
      note('ice-failed', `link opened → both failed ${Math.round(performance.now() - opened)} ms`);
      const sending = performance.now();
      await sendThroughRelay(
        alice,
        bob,
        makeFile(`via-relay-${randomUUID().slice(0, 8)}.bin`, MiB),
      );
      note('transfer', `1 MiB through the relay in ${Math.round(performance.now() - sending)} ms`);
    });
  });
});
