/**
 * `npm run bench`: performance figures, printed (never asserted in tests). Starts its own
 * in-memory DynamoDB Local. BENCH_ONLY=workflow runs one suite (bundles: the Lambda bundle sizes,
 * as `npm run bundle-report` prints them); sizes via BENCH_* variables.
 */
import './quiet-handlers.ts';
import '../infra/local/xray-manual-mode.ts';
import { startDynamoDbLocal } from '../infra/local/dynamodb-local.ts';
import { runRemindersBench } from './reminders.bench.ts';
import { runWorkflowBench } from './workflow.bench.ts';
import { runVerifyBench } from './verify.bench.ts';
import { runSearchBench } from './search.bench.ts';
import { bundleProblems, measureBundles, printBundles } from './bundles.ts';
import { runStartBench } from './start.bench.ts';
import { runMoveBench } from './move.bench.ts';
import { runConsoleBench } from './console.bench.ts';
import { runFieldImportBench } from './field-import.bench.ts';

const suites: Record<string, () => Promise<void>> = {
  workflow: runWorkflowBench,
  start: runStartBench,
  move: runMoveBench,
  verify: runVerifyBench,
  reminders: runRemindersBench,
  search: runSearchBench,
  bundles: async () => {
    const figures = await measureBundles();
    printBundles(figures);
    for (const problem of bundleProblems(figures)) console.log(`✗ ${problem}`);
  },
  console: runConsoleBench,
  // Minutes at 100k and 200k rows: only when asked (BENCH_ONLY=field-import).
  'field-import': runFieldImportBench,
};
const only = process.env.BENCH_ONLY;
const OPT_IN = new Set(['field-import']);

const engine = await startDynamoDbLocal();
Object.assign(process.env, {
  // Whose CPU time the benches can read (bench-utils.ts cpuTimes).
  BENCH_DYNAMODB_PID: String(engine.process.pid ?? ''),
  AWS_ENDPOINT_URL_DYNAMODB: engine.endpoint,
  AWS_REGION: 'ap-northeast-2',
  AWS_ACCESS_KEY_ID: 'local',
  AWS_SECRET_ACCESS_KEY: 'local',
});
try {
  for (const [name, run] of Object.entries(suites)) {
    if (only ? only !== name : OPT_IN.has(name)) continue;
    console.log(`\n=== ${name} ===`);
    await run();
  }
} finally {
  await engine.stop();
}
