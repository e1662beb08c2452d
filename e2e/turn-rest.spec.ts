import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { gather, submitRestServer, useOnly, verdict } from './ice-tester';
import { startCoturn } from './servers';

// A coturn of its own, started with a shared secret (--use-auth-secret): it accepts only
// usernames of the form expiry:user signed with that secret.
const SECRET = 'north-wind-' + Math.random().toString(36).slice(2);

let turn: Awaited<ReturnType<typeof startCoturn>>;
test.beforeAll(async () => {
  turn = await startCoturn({ secret: SECRET, lifetimeSeconds: 600 });
});
test.afterAll(async () => turn.stop());

async function gatherWith(page: Page, url: string) {
  await useOnly(page, [url]);
  await gather(page);
  return verdict(page, url);
}

test('TURN REST: the right shared secret gives a relay, with the computed username and its expiry', async ({
  page,
}) => {
  await page.goto('/#/ice');
  await submitRestServer(page, turn.turnUrl, 'alice', SECRET);
  const list = page.getByRole('list', { name: 'ICE servers' });
  await expect(list.getByText('alice / •••••••• (TURN REST secret)')).toBeVisible();
  const before = Math.floor(Date.now() / 1000);
  const verdict = await gatherWith(page, turn.turnUrl);
  await expect(verdict).toContainText('TURN works: relay candidate 127.0.0.1:');
  const note = page.locator('p', { hasText: 'TURN REST credentials for' });
  await expect(note).toContainText(turn.turnUrl);
  const expiry = Number((await note.textContent())!.match(/username\s+(\d+):alice/)![1]);
  // Valid for 24 hours from the gathering.
  expect(expiry - before).toBeGreaterThanOrEqual(86400);
  expect(expiry - before).toBeLessThan(86400 + 120);
  await expect(note).toContainText('valid until');
});

test('TURN REST: a wrong shared secret gets the 401 verdict', async ({ page }) => {
  await page.goto('/#/ice');
  await submitRestServer(page, turn.turnUrl, 'mallory', 'not-the-secret');
  const verdict = await gatherWith(page, turn.turnUrl);
  await expect(verdict).toContainText('TURN authentication failed (401)');
});

test('TURN REST: a shared secret is refused for STUN, and an empty one for TURN', async ({
  page,
}) => {
  await page.goto('/#/ice');
  await submitRestServer(page, turn.stunUrl, '', 'x');
  await expect(page.locator('#ice-problem')).toHaveText(/shared secret is for TURN servers only/);
  await page.getByLabel('Server URL').fill(turn.turnUrl);
  await page.getByLabel('Shared secret', { exact: true }).fill('');
  await page.getByRole('button', { name: 'Add server' }).click();
  await expect(page.locator('#ice-problem')).toHaveText(/enter the TURN server's shared secret/);
});
