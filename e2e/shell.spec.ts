import { expect, test, fillNumber } from './fixtures';

test('the shell loads with navigation and the first tool', async ({ page }) => {
  await page.goto('/');
  const nav = page.getByRole('navigation', { name: 'Tools' });
  await expect(nav.getByRole('link', { name: 'Text' })).toHaveAttribute('aria-current', 'page');
  await expect(page.getByRole('button', { name: 'Start' })).toBeVisible();
});

test('navigation by hash survives a reload', async ({ page }) => {
  await page.goto('/');
  await page.getByRole('link', { name: 'Settings' }).click();
  await expect(page).toHaveURL(/#\/settings$/);
  await expect(page.getByRole('heading', { name: 'Settings' })).toBeVisible();
  await page.reload();
  await expect(page.getByRole('heading', { name: 'Settings' })).toBeVisible();
  await expect(page.getByRole('link', { name: 'Settings' })).toHaveAttribute(
    'aria-current',
    'page',
  );
  await page.getByRole('link', { name: 'Text' }).click();
  await expect(page.getByRole('button', { name: 'Start' })).toBeVisible();
});

test('navigation works from the keyboard', async ({ page }) => {
  await page.goto('/#/text');
  await page.getByRole('link', { name: 'Settings' }).focus();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { name: 'Settings' })).toBeVisible();
});

test('settings persist across a reload', async ({ page, servers }) => {
  await page.goto('/#/settings');
  const url = page.getByLabel('Piping-server URL');
  await expect(url).toHaveValue(new URL('/piping', servers.app).href);
  await url.fill(servers.piping);
  await fillNumber(page.getByLabel('Signaling time-out (seconds)'), '45');
  await fillNumber(page.getByLabel('Keep interrupted transfers for (days)'), '30');
  await page.getByRole('button', { name: 'Save' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Saved.' })).toBeVisible();
  await page.reload();
  await expect(page.getByLabel('Piping-server URL')).toHaveValue(servers.piping);
  await expect(page.getByLabel('Signaling time-out (seconds)')).toHaveValue('45');
  await expect(page.getByLabel('Keep interrupted transfers for (days)')).toHaveValue('30');
  await page.getByRole('button', { name: 'Restore default' }).click();
  // The defaults are stored by the time this says so: a reload before it could lose them.
  await expect(page.getByRole('status').filter({ hasText: 'Defaults restored.' })).toBeVisible();
  await page.reload();
  await expect(page.getByLabel('Piping-server URL')).toHaveValue(
    new URL('/piping', servers.app).href,
  );
});

test('an invalid piping-server URL is refused with a message and not saved', async ({ page }) => {
  await page.goto('/#/settings');
  const url = page.getByLabel('Piping-server URL');
  await url.fill('ftp://example.invalid/x');
  await page.getByRole('button', { name: 'Save' }).click();
  await expect(page.getByRole('alert')).toHaveText(
    /must start with http:\/\/ or https:\/\/ \(got ftp:\)/,
  );
  await expect(url).toHaveAttribute('aria-invalid', 'true');
  await page.reload();
  await expect(page.getByLabel('Piping-server URL')).not.toHaveValue(/ftp:/);
});

test('a skip link is the first Tab stop and leads past the navigation to the tool', async ({
  page,
}) => {
  await page.goto('/#/text');
  await expect(page.getByRole('heading', { name: 'Text' })).toBeAttached();
  await page.keyboard.press('Tab');
  await expect(page.getByRole('button', { name: 'Skip to the tool' })).toBeFocused();
  await page.keyboard.press('Enter');
  await page.keyboard.press('Tab');
  await expect(page.getByLabel('Loopback (two peers in this page)')).toBeFocused();
});

test('a keeping time for interrupted transfers outside 1 to 365 days is refused', async ({
  page,
}) => {
  await page.goto('/#/settings');
  const days = page.getByLabel('Keep interrupted transfers for (days)');
  await expect(days).toHaveValue('7');
  await fillNumber(days, '0');
  await page.getByRole('button', { name: 'Save' }).click();
  await expect(page.getByRole('alert').filter({ hasText: 'days' })).toHaveText(
    'Interrupted transfers are kept for a whole number of days from 1 to 365.',
  );
  await page.reload();
  await expect(page.getByLabel('Keep interrupted transfers for (days)')).toHaveValue('7');
});
