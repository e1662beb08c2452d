// The whole test suite, stage by stage; at the end, how long each stage took (and each browser's
// share of the browser tests). Stops at the first stage that fails.
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

// The static checks are single-threaded and independent: they run side by side, each one's
// output printed whole when it ends.
const stages = [
  [
    ['typecheck', 'npm run typecheck'],
    ['lint', 'npm run lint'],
    ['i18n', 'npm run i18n:check'],
  ],
  [['unit', 'npm run unit']],
  [['e2e', 'npm run e2e']],
];

const dir = mkdtempSync(join(tmpdir(), 'dckit-test-'));
const projectTimes = join(dir, 'projects.json');
const env = { ...process.env, DCKIT_PROJECT_TIMES: projectTimes };
const rows = [];
let failed = '';
const began = Date.now();

/** Runs `command`; alone, its output streams; beside others, it is printed when it ends. */
function run(name, command, alone) {
  const start = Date.now();
  return new Promise((resolve) => {
    const child = spawn(command, { shell: true, env, stdio: alone ? 'inherit' : 'pipe' });
    const output = [];
    child.stdout?.on('data', (d) => output.push(d));
    child.stderr?.on('data', (d) => output.push(d));
    child.on('close', (status) => {
      if (!alone) process.stdout.write(Buffer.concat(output));
      resolve({ name, seconds: (Date.now() - start) / 1000, ok: status === 0 });
    });
  });
}

for (const group of stages) {
  const results = await Promise.all(group.map(([n, c]) => run(n, c, group.length === 1)));
  rows.push(...results.map((r) => [r.name, r.seconds]));
  const bad = results.filter((r) => !r.ok).map((r) => r.name);
  if (bad.length > 0) {
    failed = bad.join(', ');
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
