// The NAT lab: real NATs, a real coturn and piping-server, and browsers behind the NATs, all in
// network namespaces of their own (see DESIGN.md, "Facts measured in a NAT lab"). Specs take the
// `natLab` fixture (one lab per worker, shared by its cases) and pick the routers' behaviour with
// `test.use({ nat: 'symmetric' })`:
//
//   wan (bridge 203.0.113.10 and .11: coturn :3478, piping-server :8080, the app :8000)
//    ├── nat-a 203.0.113.1 | 10.0.1.1 ── lan-a 10.0.1.2 (lab.launch('a'))
//    └── nat-b 203.0.113.2 | 10.0.2.1 ── lan-b 10.0.2.2 (lab.launch('b'))
// `lab.impair(side, ...)` delays and drops frames on a side's WAN link (in user space: this
// kernel has no netem); each case starts on plain links.
// Chromium is driven over a pipe, which `ip netns exec` passes on; Firefox over a WebSocket on
// 127.0.0.1, which scripts/netns-firefox.mjs carries out of the namespace.
import { test as base } from './fixtures';
import { labApp, startNatLab, type NatLab } from './nat/lab';
import type { LabBrowserName } from './nat/browser';
import type { NatBehaviour } from './nat/rules';
import { natLabUnavailable } from './nat/support';

export { expect } from './fixtures';
export {
  labIceServers,
  labUrls,
  startNatLab,
  withNatLab,
  type NatLab,
  type NatLabOptions,
} from './nat/lab';
export type { LabBrowserName, LabLaunchOptions } from './nat/browser';
export type { FrameCounts, ImpairCounts, Impairment, LinkImpairment } from './nat/impair';
export { natBehaviours, type NatBehaviour } from './nat/rules';
export type { Side } from './nat/topology';
export { natLabUnavailable };

function labBrowser(browserName: string): LabBrowserName {
  if (browserName === 'chromium' || browserName === 'firefox') return browserName;
  throw new Error(`the NAT lab runs Chromium and Firefox, not ${browserName}`);
}

export const test = base.extend<
  { nat: NatBehaviour; natLab: NatLab },
  { natLabApp: string | null; workerNatLab: NatLab | null }
>({
  nat: ['cone', { option: true }],

  // Built once per worker (and cached across workers and runs), not at all where the lab cannot
  // run; a first build takes a while on a busy machine.
  natLabApp: [
    async ({ browserName }, use) =>
      use(natLabUnavailable(labBrowser(browserName)) ? null : await labApp()),
    { scope: 'worker', timeout: 180_000 },
  ],

  // One lab per worker: its namespaces, servers and one browser per side (started at first use)
  // serve every case; each case sets the routers' behaviour and closes its pages at the end.
  workerNatLab: [
    async ({ natLabApp, browserName }, use, workerInfo) => {
      if (natLabApp === null) return use(null);
      const lab = await startNatLab('cone', { browserName: labBrowser(browserName) });
      const { topology, services } = lab.setupMs;
      console.log(
        `NAT lab of worker ${workerInfo.workerIndex}: topology ${ms(topology)}, services ${ms(services)}`,
      );
      try {
        await use(lab);
      } finally {
        await lab.stop();
      }
    },
    { scope: 'worker', timeout: 180_000 },
  ],

  natLab: async ({ nat, workerNatLab, browserName }, use, testInfo) => {
    const reason = natLabUnavailable(labBrowser(browserName));
    testInfo.skip(reason !== null || workerNatLab === null, reason ?? undefined);
    const lab = workerNatLab!;
    const logsBefore = lab.logs();
    await lab.setNat(nat);
    try {
      await use(lab);
    } finally {
      if (testInfo.status !== testInfo.expectedStatus) {
        for (const [name, log] of Object.entries(lab.logs())) {
          const body = log.slice(logsBefore[name]?.length ?? 0);
          await testInfo.attach(`${name}.log`, { body, contentType: 'text/plain' });
        }
      }
      try {
        await lab.closePages();
      } finally {
        // The next case starts on plain links.
        await lab.clearImpairments();
      }
    }
  },
});

function ms(value: number): string {
  return `${Math.round(value)} ms`;
}
