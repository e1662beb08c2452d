// Debian's Firefox ESR, driven by Playwright over WebDriver BiDi (`moz-firefox` channel) through
// the launcher that bridges the protocol gaps (firefox-bidi.mjs). Shared by tests and benchmarks.
import { fileURLToPath } from 'node:url';

export const firefoxBinary = process.env.DCKIT_FIREFOX ?? '/usr/bin/firefox-esr';

/** The launcher Playwright starts in place of Firefox; it starts `firefoxBinary` itself. */
export const firefoxLauncher = fileURLToPath(new URL('./firefox-bidi.mjs', import.meta.url));

export const firefoxUserPrefs = {
  // STUN/TURN servers on 127.0.0.1 (the tests' coturn) are refused without it (error 701).
  'media.peerconnection.ice.loopback': true,
  // Host addresses stay hidden behind mDNS names, as for every Firefox user: with them shown,
  // Firefox drops a srflx candidate equal to a host one, which on loopback they all are.
  // Fewer processes and no background services: the tests run two browsers on two cores, and
  // this machine has no network for those services anyway.
  'fission.autostart': false,
  'dom.ipc.processCount': 1,
  'dom.ipc.processPrelaunch.enabled': false,
  'browser.backup.enabled': false,
  'browser.backup.scheduled.enabled': false,
  'messaging-system.rsexperimentloader.enabled': false,
  'app.normandy.enabled': false,
  'app.shield.optoutstudies.enabled': false,
  'datareporting.policy.dataSubmissionEnabled': false,
  'datareporting.healthreport.uploadEnabled': false,
  'toolkit.telemetry.enabled': false,
  'network.connectivity-service.enabled': false,
  'network.captive-portal-service.enabled': false,
  'services.settings.server': 'data:,',
  'extensions.update.enabled': false,
  'browser.search.update': false,
  'browser.places.speculativeConnect.enabled': false,
  'network.predictor.enabled': false,
  'network.prefetch-next': false,
};

/** Playwright `use` options for a Firefox project or a benchmark's launch. */
export const firefoxUse = {
  browserName: 'firefox',
  channel: 'moz-firefox',
  launchOptions: {
    executablePath: firefoxLauncher,
    firefoxUserPrefs,
    env: { ...process.env, DCKIT_FIREFOX_BINARY: firefoxBinary },
  },
};
