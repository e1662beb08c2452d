// Checks the translations: every message in the source has a target in every language, with the
// same placeholders, and the committed runtime modules are what the XLIFF files build to.
// Runs lit-localize on copies, so the working tree is left as it was.
import { execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const root = resolve(import.meta.dirname, '..');
const config = JSON.parse(readFileSync(join(root, 'lit-localize.json'), 'utf8'));
const work = mkdtempSync(join(tmpdir(), 'dckit-i18n-'));
const problems = [];

try {
  cpSync(join(root, config.interchange.xliffDir), join(work, 'xliff'), { recursive: true });
  const copy = {
    ...config,
    inputFiles: config.inputFiles.map((glob) => join(root, glob)),
    interchange: { ...config.interchange, xliffDir: join(work, 'xliff') },
    output: {
      ...config.output,
      outputDir: join(work, 'locales'),
      localeCodesModule: join(work, 'locale-codes.ts'),
    },
  };
  const configPath = join(work, 'lit-localize.json');
  writeFileSync(configPath, JSON.stringify(copy));
  const cli = join(root, 'node_modules/.bin/lit-localize');
  execFileSync(cli, ['--config', configPath, 'extract'], { cwd: root, stdio: 'pipe' });

  for (const locale of config.targetLocales) {
    const xlf = readFileSync(join(work, 'xliff', `${locale}.xlf`), 'utf8');
    const units = [...xlf.matchAll(/<trans-unit id="([^"]+)">([\s\S]*?)<\/trans-unit>/g)];
    for (const [, id, body] of units) {
      const source = /<source>([\s\S]*?)<\/source>/.exec(body)?.[1] ?? '';
      const target = /<target>([\s\S]*?)<\/target>/.exec(body)?.[1];
      if (target === undefined) {
        problems.push(`${locale}: no translation for ${id}: ${source}`);
        continue;
      }
      const ids = (text) =>
        [...text.matchAll(/<x id="(\d+)"/g)]
          .map((m) => m[1])
          .sort()
          .join();
      if (ids(source) !== ids(target)) {
        problems.push(`${locale}: placeholders differ in ${id}: ${source} -> ${target}`);
      }
    }
    console.log(`${locale}: ${units.length} messages`);
  }

  execFileSync(cli, ['--config', configPath, 'build'], { cwd: root, stdio: 'pipe' });
  const committed = join(root, config.output.outputDir);
  for (const name of readdirSync(join(work, 'locales'))) {
    const built = readFileSync(join(work, 'locales', name), 'utf8');
    let current = '';
    try {
      current = readFileSync(join(committed, name), 'utf8');
    } catch {
      // reported below as out of date
    }
    if (built !== current) problems.push(`${config.output.outputDir}/${name} is out of date`);
  }
} finally {
  rmSync(work, { recursive: true, force: true });
}

if (problems.length) {
  console.error(problems.join('\n'));
  console.error(
    'Translate the messages in xliff/, then run `npm run i18n:extract && npm run i18n:build`.',
  );
  process.exit(1);
}
console.log('Translations complete and built.');
