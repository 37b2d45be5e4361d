/**
 * `npm run bundle-report`: every Lambda bundle's size, largest first (with the Step Functions / SES /
 * Scheduler clients it carries), and a failure when the health check bundles Step Functions or SES.
 * With `-- --imports`, each bundle is also imported in a fresh Node.js process and timed.
 */
import { bundleProblems, measureBundles, printBundles } from './bundles.ts';

// `--imports`: also time each bundle's import in a fresh process (the init part of a cold start).
const imports = process.argv.includes('--imports');
const figures = await measureBundles((done, total) => process.stderr.write(`\rbundling ${done}/${total}`), { imports });
process.stderr.write('\n');
printBundles(figures);
const problems = bundleProblems(figures);
if (problems.length > 0) {
  for (const problem of problems) console.error(`✗ ${problem}`);
  process.exitCode = 1;
}
