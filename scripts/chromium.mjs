// Debian's Chromium and the flags every run of it uses (tests and benchmarks alike):
// Playwright's own browser builds cannot be downloaded here.
export const chromiumPath = process.env.DCKIT_CHROMIUM ?? '/usr/bin/chromium';

export const chromiumArgs = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];
