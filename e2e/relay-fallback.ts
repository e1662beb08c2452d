import type { Page } from '@playwright/test';
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect } from './fixtures';
import { sh } from './processes';
import { tempDir } from './temp';
import { download, type TestFile } from './files';
import { saveSettings } from './rooms';

/** Relay-only policy and no TURN server in the list: the page gathers no candidate at all. */
export async function relayOnlyWithoutTurn(page: Page, turnUrl: string): Promise<void> {
  await saveSettings(page, { policy: 'relay' });
  await page.goto('/#/ice');
  await page.getByRole('button', { name: `Remove ${turnUrl}` }).click();
  await expect(page.getByText(turnUrl, { exact: true })).toHaveCount(0);
}

/** The File tool reports ICE's failure (its message containing `failure`) and offers the relay. */
export async function expectRelayOffered(page: Page, failure: string | RegExp, timeout: number) {
  await expect(page.getByRole('alert').filter({ hasText: 'ICE' })).toContainText(failure, {
    timeout,
  });
  await expect(page.getByRole('heading', { name: 'Send through the relay instead' })).toBeVisible();
}

/** Sends `file` through the offered relay and checks the received bytes. */
export async function sendThroughRelay(sender: Page, receiver: Page, file: TestFile) {
  await sender.getByLabel('Files to send through the relay').setInputFiles(file.path);
  await receiver.getByRole('button', { name: 'Receive through the relay' }).click();
  await expect(sender.getByText('Sent 1 file(s) through the relay.')).toBeVisible({
    timeout: 30_000,
  });
  await expect(receiver.getByText(/Received 1 file\(s\) through the relay/)).toBeVisible();
  expect(await download(receiver, file.name)).toEqual({ name: file.name, sha256: file.sha256 });
}

/**
 * Plays a room's creator sending `file` through the relay fallback with curl and openssl, as the
 * app does (a sealed manifest, the sealed file, then its sealed SHA-256), with one byte in the
 * middle of the sealed file flipped on the way. Resolves once the receiver took all three.
 */
export async function sendAlteredThroughRelay(
  piping: string,
  roomLink: string,
  file: TestFile,
): Promise<void> {
  const params = new URLSearchParams(roomLink.split('#')[1]!.split('?')[1]);
  const [id, secret] = [params.get('room')!, params.get('k')!];
  const hex = createHash('sha256').update(`dckit relay fallback\n${id}\n${secret}`).digest('hex');
  const base = `${piping}/dckit-${hex.slice(0, 32)}-c`;
  const work = tempDir('altered');
  const seal = (plain: string, sealed: string) =>
    `openssl enc -aes-256-cbc -pbkdf2 -salt -pass env:K -in ${plain} -out ${sealed}`;
  writeFileSync(
    join(work, 'manifest'),
    JSON.stringify([{ name: file.name, size: file.size, type: '' }]),
  );
  writeFileSync(join(work, 'sum'), file.sha256);
  const prepared = await sh(
    `${seal('manifest', 'manifest.enc')} && ${seal(JSON.stringify(file.path), 'file.enc')} && ${seal('sum', 'sum.enc')}`,
    work,
    30_000,
    { K: secret },
  ).done;
  expect(prepared.code, prepared.stderr).toBe(0);
  const sealed = readFileSync(join(work, 'file.enc'));
  sealed[Math.floor(sealed.length / 2)]! ^= 0x01;
  writeFileSync(join(work, 'file.enc'), sealed);
  const upload = (name: string, path: string) => `curl -sS --fail -T ${name} '${base}/${path}'`;
  const sent = await sh(
    `${upload('manifest.enc', 'manifest')} && ${upload('file.enc', '0')} && ${upload('sum.enc', '0.sha256')}`,
    work,
    60_000,
  ).done;
  expect(sent.code, sent.stderr).toBe(0);
}
