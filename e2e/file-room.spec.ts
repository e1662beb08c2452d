import { expect, test } from './fixtures';
import { download, expectDone, incoming, makeFile, outgoing, pickFiles } from './files';
import { expectRelayOffered, sendAlteredThroughRelay, sendThroughRelay } from './relay-fallback';
import { connectRoom, createRoom, device, pickerStatus, saveSettings } from './rooms';

const MiB = 1024 * 1024;

test('in a room: the relay when ICE finds no path, accept or decline, edge sizes both ways byte-identical, a peer that vanishes reported', async ({
  browser,
  servers,
}) => {
  // Two rooms, each with transfers of several files: more than one test's usual time.
  test.slow();
  const alice = await device(browser, servers.app);
  const bob = await device(browser, servers.app);
  // Relay-only policy with no TURN server: Alice gathers no candidates, so there is no path.
  // Her 1 MB/s limit keeps what she sends last still going when Bob's tab closes.
  await saveSettings(alice, { policy: 'relay', speedLimitMB: 1 });
  await alice.goto('/#/ice');
  await alice.getByRole('button', { name: `Remove ${servers.turn.turnUrl}` }).click();
  await expect(alice.getByText(servers.turn.turnUrl, { exact: true })).toHaveCount(0);

  await test.step('when ICE finds no path, the relay is offered and carries the files; an altered one is refused', async () => {
    await alice.goto('/#/file');
    const link = await createRoom(alice);
    // The creator's (empty) gathering is long over before the joiner arrives.
    await expect(pickerStatus(alice)).toHaveText(/Waiting for the peer to open the link… 0:0[1-9]/);
    await bob.goto(link);
    // Alice finds she has no candidate; Bob learns it from her.
    for (const page of [alice, bob]) await expectRelayOffered(page, 'ICE failed', 20_000);
    await sendThroughRelay(alice, bob, makeFile('via-relay.bin', MiB + 5));

    // A byte flipped on the way (here by a sender that plays the creator with openssl and curl):
    // the file's SHA-256, sealed after it, no longer matches, and it is not kept.
    const altered = makeFile('altered.bin', 64 * 1024);
    const sending = sendAlteredThroughRelay(servers.piping, link, altered);
    await bob.getByRole('button', { name: 'Receive through the relay' }).click();
    await sending;
    await expect(bob.getByRole('alert').filter({ hasText: 'altered' })).toHaveText(
      'Received 0 file(s) through the relay. Discarded as altered on the way (their SHA-256 differs from the sender\u2019s): \u201caltered.bin\u201d.',
    );
    await expect(bob.getByRole('list', { name: 'Received files' })).not.toContainText(
      'altered.bin',
    );
  });

  // A new room where ICE finds its path (host candidates need no TURN server).
  await saveSettings(alice, { policy: 'all' });
  await bob.goto('about:blank');
  await connectRoom(alice, bob);

  await test.step('the receiver declines or accepts each offered file', async () => {
    await expect(bob.getByLabel('Ask before accepting incoming files')).toBeChecked();
    const unwanted = makeFile('unwanted.exe', 4000);
    const wanted = makeFile('wanted.txt', 3000);
    await pickFiles(alice, [unwanted, wanted]);
    await expect(incoming(bob, 'unwanted.exe')).toHaveAttribute('data-state', 'offered');
    await bob.getByRole('button', { name: 'Decline unwanted.exe' }).click();
    await expect(incoming(bob, 'unwanted.exe')).toHaveAttribute('data-state', 'declined');
    await expect(outgoing(alice, 'unwanted.exe')).toContainText('The receiver declined it.');
    await expect(incoming(bob, 'wanted.txt')).toHaveAttribute('data-state', 'offered');
    await bob.getByRole('button', { name: 'Accept wanted.txt' }).click();
    await expectDone(bob, 'wanted.txt');
    expect(await download(bob, 'wanted.txt')).toEqual({
      name: 'wanted.txt',
      sha256: wanted.sha256,
    });
    await expect(bob.getByRole('link', { name: 'Download unwanted.exe' })).toHaveCount(0);
  });

  await test.step('files of edge sizes cross a room byte-identical, after the receiver accepts, both ways', async () => {
    await expect(alice.getByLabel('Ask before accepting incoming files')).toBeChecked();
    await alice.getByLabel('Ask before accepting incoming files').uncheck();
    const files = [
      makeFile('zero.bin', 0),
      makeFile('one.bin', 1),
      makeFile('chunk.bin', 16 * 1024),
      makeFile('chunk-plus-one.bin', 16 * 1024 + 1),
      makeFile('big.bin', 3 * MiB + 123),
    ];
    await pickFiles(bob, files);
    await expect(outgoing(bob, 'zero.bin')).toContainText('is empty (0 bytes)');
    for (const f of files.slice(1)) await expectDone(alice, f.name);
    for (const f of files.slice(1)) {
      expect(await download(alice, f.name)).toEqual({ name: f.name, sha256: f.sha256 });
    }
    // And the other way.
    const back = makeFile('reply.txt', 5000);
    await bob.getByLabel('Ask before accepting incoming files').uncheck();
    await pickFiles(alice, [back]);
    await expectDone(bob, 'reply.txt');
    expect(await download(bob, 'reply.txt')).toEqual({ name: 'reply.txt', sha256: back.sha256 });
  });

  await test.step('a peer that vanishes mid-transfer is reported on the other side', async () => {
    await pickFiles(alice, [makeFile('long.bin', 8 * MiB)]);
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
});
