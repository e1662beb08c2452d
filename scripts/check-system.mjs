// Runs before `npm test`: the e2e suite needs Debian's Chromium and Firefox ESR, coturn, curl,
// openssl, tar, certutil, and for the NAT lab iproute2, iptables, conntrack, python3 and ethtool.
// As root it installs what is missing with apt-get; otherwise it names the command to run.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

const chromium = process.env.DCKIT_CHROMIUM ?? '/usr/bin/chromium';
const firefox = process.env.DCKIT_FIREFOX ?? '/usr/bin/firefox-esr';
const needs = [
  { pkg: 'chromium', present: () => existsSync(chromium) },
  { pkg: 'firefox-esr', present: () => existsSync(firefox) },
  { pkg: 'coturn', present: () => onPath('turnserver') },
  { pkg: 'curl', present: () => onPath('curl') },
  { pkg: 'openssl', present: () => onPath('openssl') },
  { pkg: 'tar', present: () => onPath('tar') },
  // certutil: a test's own certificate authority, trusted by the test browsers (TURN over TLS).
  { pkg: 'libnss3-tools', present: () => onPath('certutil') },
  // The NAT lab: network namespaces, veth links and NAT routers (e2e/nat/).
  { pkg: 'iproute2', present: () => onPath('ip') },
  { pkg: 'iptables', present: () => onPath('iptables') },
  { pkg: 'conntrack', present: () => onPath('conntrack') },
  // Its impaired links: a frame forwarder in Python, with the links' offloads turned off.
  { pkg: 'python3', present: () => onPath('python3') },
  { pkg: 'ethtool', present: () => onPath('ethtool') },
];

function onPath(cmd) {
  return spawnSync('sh', ['-c', `command -v ${cmd}`], { stdio: 'ignore' }).status === 0;
}

const missing = needs.filter((n) => !n.present()).map((n) => n.pkg);
if (missing.length === 0) process.exit(0);

const command = `apt-get update && apt-get install -y ${missing.join(' ')}`;
if (process.getuid?.() !== 0) {
  console.error(`dckit tests need: ${missing.join(', ')}. Install them with:\n  sudo ${command}`);
  process.exit(1);
}
console.log(`Installing ${missing.join(', ')} ...`);
const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
execFileSync('apt-get', ['update', '-qq'], { stdio: 'inherit', env });
execFileSync('apt-get', ['install', '-y', '-qq', ...missing], { stdio: 'inherit', env });
const still = needs.filter((n) => !n.present()).map((n) => n.pkg);
if (still.length > 0) {
  console.error(`Still missing after apt-get: ${still.join(', ')}`);
  process.exit(1);
}
