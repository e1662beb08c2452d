import { expect, test } from './fixtures';
import { download, expectDone, incoming, makeFile, outgoing, pickFiles } from './files';
import {
  expectRelayOffered,
  relayOnlyWithoutTurn,
  sendAlteredThroughRelay,
  sendThroughRelay,
} from './relay-fallback';
import { connectRoom, createRoom, device, pickerStatus, saveSettings } from './rooms';

test('files of edge sizes cross a room byte-identical, after the receiver accepts', async ({
  browser,
  servers,
}) => {
  const alice = await device(browser, servers.app);
  const bob = await device(browser, servers.app);
  await connectRoom(alice, bob);
  await expect(bob.getByLabel('Ask before accepting incoming files')).toBeChecked();
  await bob.getByLabel('Ask before accepting incoming files').uncheck();
  const files = [
    makeFile('zero.bin', 0),
    makeFile('one.bin', 1),
    makeFile('chunk.bin', 16 * 1024),
    makeFile('chunk-plus-one.bin', 16 * 1024 + 1),
    makeFile('big.bin', 12 * 1024 * 1024),
  ];
  await pickFiles(alice, files);
  await expect(outgoing(alice, 'zero.bin')).toContainText('is empty (0 bytes)');
  for (const f of files.slice(1)) await expectDone(bob, f.name, 60_000);
  for (const f of files.slice(1)) {
    expect(await download(bob, f.name)).toEqual({ name: f.name, sha256: f.sha256 });
  }
  // And the other way.
  const back = makeFile('reply.txt', 5000);
  await alice.getByLabel('Ask before accepting incoming files').uncheck();
  await pickFiles(bob, [back]);
  await expectDone(alice, 'reply.txt');
  expect(await download(alice, 'reply.txt')).toEqual({ name: 'reply.txt', sha256: back.sha256 });
});

test('the receiver declines or accepts each offered file', async ({ browser, servers }) => {
  const alice = await device(browser, servers.app);
  const bob = await device(browser, servers.app);
  await connectRoom(alice, bob);
  const unwanted = makeFile('unwanted.exe', 4000);
  const wanted = makeFile('wanted.txt', 3000);
  await pickFiles(alice, [unwanted, wanted]);
  await expect(incoming(bob, 'unwanted.exe')).toHaveAttribute('data-state', 'offered');
  await bob.getByRole('button', { name: 'Decline unwanted.exe' }).click();
  await expect(outgoing(alice, 'unwanted.exe')).toContainText('The receiver declined it.');
  await expect(incoming(bob, 'wanted.txt')).toHaveAttribute('data-state', 'offered');
  await bob.getByRole('button', { name: 'Accept wanted.txt' }).click();
  await expectDone(bob, 'wanted.txt');
  expect(await download(bob, 'wanted.txt')).toEqual({ name: 'wanted.txt', sha256: wanted.sha256 });
  await expect(bob.getByRole('link', { name: 'Download unwanted.exe' })).toHaveCount(0);
});

test('a peer that vanishes mid-transfer is reported on the other side', async ({
  browser,
  servers,
}) => {
  const alice = await device(browser, servers.app);
  const bob = await device(browser, servers.app);
  // Under the 1 MB/s limit, 8 MiB is still going when Bob's tab closes.
  await saveSettings(alice, { speedLimitMB: 1 });
  await connectRoom(alice, bob);
  await bob.getByLabel('Ask before accepting incoming files').uncheck();
  await pickFiles(alice, [makeFile('long.bin', 8 * 1024 * 1024)]);
  await expect(incoming(bob, 'long.bin')).toHaveAttribute('data-state', 'receiving');
  // Closing the tab, as a person would.
  await bob.close({ runBeforeUnload: true });
  await expect(outgoing(alice, 'long.bin')).toHaveAttribute('data-state', 'interrupted');
  await expect(outgoing(alice, 'long.bin')).toContainText('The connection closed mid-transfer.');
  await expect(alice.getByRole('button', { name: 'Resume long.bin' })).toBeDisabled();
  // The room stays open for Bob to come back. A closed tab tells the peer (SCTP abort, channel
  // close) unless that last packet is lost under the transfer's load; then ICE consent expires
  // and the loss is reported instead.
  await expect(pickerStatus(alice)).toHaveText(/Waiting for a device to join or come back/);
  await expect(alice.locator('connection-picker').getByRole('alert')).toHaveText(
    /left\. The room stays open|The connection to .* failed: The connection to the peer was lost/,
  );
});

test('when ICE finds no path, the relay is offered and carries the files; an altered one is refused', async ({
  browser,
  servers,
}) => {
  const alice = await device(browser, servers.app);
  const bob = await device(browser, servers.app);
  // Relay-only policy with no TURN server: no candidates, so no path.
  for (const page of [alice, bob]) await relayOnlyWithoutTurn(page, servers.turn.turnUrl);
  await alice.goto('/#/file');
  const link = await createRoom(alice);
  // The creator's (empty) gathering is long over before the joiner arrives.
  await expect(pickerStatus(alice)).toHaveText(/Waiting for the peer to open the link… 0:0[1-9]/);
  await bob.goto(link);
  for (const page of [alice, bob]) await expectRelayOffered(page, 'ICE failed', 20_000);
  await sendThroughRelay(alice, bob, makeFile('via-relay.bin', 2 * 1024 * 1024 + 5));

  // A byte flipped on the way (here by a sender that plays the creator with openssl and curl):
  // the file's SHA-256, sealed after it, no longer matches, and it is not kept.
  const altered = makeFile('altered.bin', 64 * 1024);
  const sending = sendAlteredThroughRelay(servers.piping, link, altered);
  await bob.getByRole('button', { name: 'Receive through the relay' }).click();
  await sending;
  await expect(bob.getByRole('alert').filter({ hasText: 'altered' })).toHaveText(
    'Received 0 file(s) through the relay. Discarded as altered on the way (their SHA-256 differs from the sender\u2019s): \u201caltered.bin\u201d.',
  );
  await expect(bob.getByRole('list', { name: 'Received files' })).not.toContainText('altered.bin');
});
