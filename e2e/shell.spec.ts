import { expect, test, fillNumber } from './fixtures';

test('the shell: navigation by link, hash and keyboard, the skip link, and Settings that persist or refuse', async ({
  page,
  servers,
}) => {
  await test.step('the shell loads with navigation and the first tool', async () => {
    await page.goto('/');
    const nav = page.getByRole('navigation', { name: 'Tools' });
    await expect(nav.getByRole('link', { name: 'Text' })).toHaveAttribute('aria-current', 'page');
    await expect(page.getByRole('heading', { name: 'Text' })).toBeAttached();
    await expect(page.getByRole('button', { name: 'Start' })).toBeVisible();
  });

  await test.step('a skip link is the first Tab stop and leads past the navigation to the tool', async () => {
    await page.keyboard.press('Tab');
    await expect(page.getByRole('button', { name: 'Skip to the tool' })).toBeFocused();
    await page.keyboard.press('Enter');
    await page.keyboard.press('Tab');
    await expect(page.getByLabel('Loopback (two peers in this page)')).toBeFocused();
  });

  await test.step('navigation by hash survives a reload', async () => {
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

  await test.step('navigation works from the keyboard', async () => {
    await page.getByRole('link', { name: 'Settings' }).focus();
    await page.keyboard.press('Enter');
    await expect(page.getByRole('heading', { name: 'Settings' })).toBeVisible();
  });

  const url = page.getByLabel('Piping-server URL');
  const days = page.getByLabel('Keep interrupted transfers for (days)');
  const save = page.getByRole('button', { name: 'Save' });

  await test.step('an invalid piping-server URL is refused with a message', async () => {
    await url.fill('ftp://example.invalid/x');
    await save.click();
    await expect(page.getByRole('alert')).toHaveText(
      /must start with http:\/\/ or https:\/\/ \(got ftp:\)/,
    );
    await expect(url).toHaveAttribute('aria-invalid', 'true');
  });

  await test.step('a keeping time for interrupted transfers outside 1 to 365 days is refused', async () => {
    await expect(days).toHaveValue('7');
    await url.fill(servers.piping);
    await fillNumber(days, '0');
    await save.click();
    await expect(page.getByRole('alert').filter({ hasText: 'days' })).toHaveText(
      'Interrupted transfers are kept for a whole number of days from 1 to 365.',
    );
  });

  await test.step('neither refused value was saved', async () => {
    await page.reload();
    await expect(url).not.toHaveValue(/ftp:/);
    await expect(url).toHaveValue(new URL('/piping', servers.app).href);
    await expect(days).toHaveValue('7');
  });

  await test.step('settings persist across a reload, and Restore default brings the defaults back', async () => {
    const timeout = page.getByLabel('Signaling time-out (seconds)');
    await url.fill(servers.piping);
    await fillNumber(timeout, '45');
    await fillNumber(days, '30');
    await save.click();
    await expect(page.getByRole('status').filter({ hasText: 'Saved.' })).toBeVisible();
    await page.reload();
    await expect(url).toHaveValue(servers.piping);
    await expect(timeout).toHaveValue('45');
    await expect(days).toHaveValue('30');
    await page.getByRole('button', { name: 'Restore default' }).click();
    // The defaults are stored by the time this says so: a reload before it could lose them.
    await expect(page.getByRole('status').filter({ hasText: 'Defaults restored.' })).toBeVisible();
    await page.reload();
    await expect(url).toHaveValue(new URL('/piping', servers.app).href);
  });
});
