// The whole test suite, stage by stage; at the end, how long each stage took (and each browser's
// share of the browser tests). Stops at the first stage that fails.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const stages = [
  ['typecheck', 'npm run typecheck'],
  ['lint', 'npm run lint'],
  ['i18n', 'npm run i18n:check'],
  ['unit', 'npm run unit'],
  ['e2e', 'npm run e2e'],
];

const dir = mkdtempSync(join(tmpdir(), 'dckit-test-'));
const projectTimes = join(dir, 'projects.json');
const rows = [];
let failed = '';
const began = Date.now();
for (const [name, command] of stages) {
  const start = Date.now();
  const run = spawnSync(command, {
    shell: true,
    stdio: 'inherit',
    env: { ...process.env, DCKIT_PROJECT_TIMES: projectTimes },
  });
  rows.push([name, (Date.now() - start) / 1000]);
  if (run.status !== 0) {
    failed = name;
    break;
  }
}

const minutes = (s) => `${Math.floor(s / 60)}m ${String(Math.round(s % 60)).padStart(2, '0')}s`;
console.log('\nTest stages:');
for (const [name, seconds] of rows) console.log(`  ${name.padEnd(10)} ${minutes(seconds)}`);
try {
  for (const p of JSON.parse(readFileSync(projectTimes, 'utf8')))
    console.log(
      `    ${p.name.padEnd(8)} ${p.tests} tests, ran from first to last in ${minutes(p.spanSeconds)} (${minutes(p.testSeconds)} of test time)`,
    );
} catch {
  // No browser tests ran.
}
console.log(`  ${'total'.padEnd(10)} ${minutes((Date.now() - began) / 1000)}`);
rmSync(dir, { recursive: true, force: true });
if (failed) {
  console.log(`Failed at: ${failed}`);
  process.exit(1);
}
