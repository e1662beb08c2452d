import type { Page } from '@playwright/test';

/** The selected pair's ends and the data's path, as the Connection details panel shows them. */
export interface PeerPath {
  local: string;
  remote: string;
  path: string;
}

/** Opens the page's Connection details panel and reads it; null before a pair is selected. */
export async function connectionDetails(page: Page): Promise<PeerPath | null> {
  const details = page.locator('connection-details details');
  if (!(await details.evaluate((d: HTMLDetailsElement) => d.open))) {
    await details.getByText('Connection details', { exact: true }).click();
  }
  const list = page.getByRole('region', { name: 'Connection details' }).locator('dl');
  if ((await list.count()) === 0) return null;
  const entries = await list.evaluate((dl) =>
    [...dl.querySelectorAll('dt')].map(
      (dt) =>
        [dt.textContent?.trim() ?? '', dt.nextElementSibling?.textContent?.trim() ?? ''] as const,
    ),
  );
  const field = new Map(entries);
  return {
    local: field.get('Local') ?? '',
    remote: field.get('Remote') ?? '',
    path: field.get('Path') ?? '',
  };
}
