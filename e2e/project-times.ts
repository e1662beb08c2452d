import { writeFileSync } from 'node:fs';
import type { FullResult, Reporter, TestCase, TestResult } from '@playwright/test/reporter';

/** One browser's share of a run: its tests, their summed time, and the span they ran in. */
interface ProjectTime {
  tests: number;
  testSeconds: number;
  first: number;
  last: number;
}

/**
 * Writes each browser's share of the run to the file DCKIT_PROJECT_TIMES names (for the test
 * command's summary); does nothing without it. The projects run side by side, so each one's
 * span is from its first test's start to its last test's end.
 */
export default class ProjectTimes implements Reporter {
  private readonly projects = new Map<string, ProjectTime>();

  onTestEnd(test: TestCase, result: TestResult): void {
    const name = test.parent.project()?.name ?? '';
    const start = result.startTime.getTime();
    const p = this.projects.get(name) ?? { tests: 0, testSeconds: 0, first: start, last: start };
    p.tests += 1;
    p.testSeconds += result.duration / 1000;
    p.first = Math.min(p.first, start);
    p.last = Math.max(p.last, start + result.duration);
    this.projects.set(name, p);
  }

  onEnd(_result: FullResult): void {
    const file = process.env.DCKIT_PROJECT_TIMES;
    if (!file) return;
    const out = [...this.projects].map(([name, p]) => ({
      name,
      tests: p.tests,
      testSeconds: Math.round(p.testSeconds),
      spanSeconds: Math.round((p.last - p.first) / 1000),
    }));
    writeFileSync(file, JSON.stringify(out));
  }

  printsToStdio(): boolean {
    return false;
  }
}
