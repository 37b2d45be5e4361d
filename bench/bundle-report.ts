/**
 * `npm run bundle-report`: every Lambda bundle's size, largest first (with the Step Functions / SES /
 * Scheduler clients it carries), and a failure when the health check bundles Step Functions or SES.
 */
import { bundleProblems, measureBundles, printBundles } from './bundles.ts';

const figures = await measureBundles((done, total) => process.stderr.write(`\rbundling ${done}/${total}`));
process.stderr.write('\n');
printBundles(figures);
const problems = bundleProblems(figures);
if (problems.length > 0) {
  for (const problem of problems) console.error(`✗ ${problem}`);
  process.exitCode = 1;
}
