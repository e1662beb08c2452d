import { chromium, firefox, type Browser } from '@playwright/test';
import { fileURLToPath } from 'node:url';
// @ts-expect-error plain ESM module shared with the benchmarks
import { chromiumArgs, chromiumPath } from '../../scripts/chromium.mjs';
// @ts-expect-error plain ESM module shared with the benchmarks
import { firefoxBinary, firefoxUse } from '../../scripts/firefox.mjs';

const script = (name: string) => fileURLToPath(new URL(`../../scripts/${name}`, import.meta.url));

export type LabBrowserName = 'chromium' | 'firefox';

export interface LabLaunchOptions {
  /** Which browser; default Chromium. */
  browserName?: LabBrowserName;
  /**
   * Host candidates as the lab's private addresses (10.0.x.2) instead of mDNS names, so
   * candidate lists and stats read plainly. Default true.
   */
  privateHostAddresses?: boolean;
}

/**
 * A browser running inside `netns` that treats `secureOrigin` as a secure context: the lab
 * serves the app over plain http from 203.0.113.10, where WebCrypto and OPFS would be missing (a
 * deployment would use https).
 */
export function launchIn(
  netns: string,
  secureOrigin: string,
  { browserName = 'chromium', privateHostAddresses = true }: LabLaunchOptions = {},
): Promise<Browser> {
  const env = { ...(process.env as Record<string, string>), DCKIT_NETNS: netns };
  if (browserName === 'firefox') {
    const { launchOptions } = firefoxUse as { launchOptions: Record<string, unknown> };
    return firefox.launch({
      ...launchOptions,
      channel: 'moz-firefox',
      firefoxUserPrefs: {
        ...(launchOptions.firefoxUserPrefs as Record<string, unknown>),
        'dom.securecontext.allowlist': new URL(secureOrigin).hostname,
        'media.peerconnection.ice.obfuscate_host_addresses': !privateHostAddresses,
      },
      env: {
        ...env,
        DCKIT_FIREFOX_BINARY: script('netns-firefox.mjs'),
        DCKIT_NETNS_BROWSER: firefoxBinary as string,
      },
    });
  }
  return chromium.launch({
    executablePath: script('netns-chromium.sh'),
    args: [
      ...(chromiumArgs as string[]),
      `--unsafely-treat-insecure-origin-as-secure=${secureOrigin}`,
      ...(privateHostAddresses ? ['--disable-features=WebRtcHideLocalIpsWithMdns'] : []),
    ],
    env: { ...env, DCKIT_NETNS_BROWSER: chromiumPath as string },
  });
}
