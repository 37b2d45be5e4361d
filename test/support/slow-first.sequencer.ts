/**
 * Starts the known-long test files first. Vitest orders files by the durations it cached from the
 * previous run, and without that cache (a fresh clone, CI) by file size — which started the longest
 * file (the SIGKILL digest test, small but minutes long) near the end, so the run waited on it alone
 * while the other workers sat idle. The files below come first, in this order (longest first, as
 * the slowest-files reporter printed them); everything else keeps vitest's own order.
 */
import { relative } from 'node:path';
import { BaseSequencer, type TestSpecification } from 'vitest/node';

export const SLOW_FIRST = [
  'test/integration/reminders/sigkill-digests.test.ts',
  'test/infra/stateless-stack.test.ts',
  'test/e2e/crash-outbox.test.ts',
  'test/e2e/crash-recovery.test.ts',
];

export default class SlowFirstSequencer extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const sorted = await super.sort(files);
    const rank = (spec: TestSpecification) => {
      const index = SLOW_FIRST.indexOf(relative(spec.project.config.root, spec.moduleId).replaceAll('\\', '/'));
      return index === -1 ? SLOW_FIRST.length : index;
    };
    // Array.prototype.sort is stable: files not listed keep vitest's order.
    return sorted.sort((a, b) => rank(a) - rank(b));
  }
}
