import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * A fresh folder for a test's files, inside the run's own folder (made by the global setup and
 * removed at teardown), so test files never pile up on the machine.
 */
export function tempDir(prefix: string): string {
  return mkdtempSync(join(process.env.DCKIT_E2E_TMP ?? tmpdir(), `dckit-${prefix}-`));
}
