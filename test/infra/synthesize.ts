/**
 * Builds the CDK app the way `cdk synth` does — same entry (`buildApp`), same cdk.json context
 * (feature flags change the templates) — so the template tests check what would be deployed.
 * Bundling really runs (local esbuild); synthesize once per test file, in `beforeAll`.
 */
import { readFileSync } from 'node:fs';
import { App } from 'aws-cdk-lib';
import { buildApp, type SystemStacks } from '../../infra/build-app.ts';
import { fromProjectRoot } from '../../infra/project-paths.ts';

export function cdkJsonContext(): Record<string, unknown> {
  const cdkJson = JSON.parse(readFileSync(fromProjectRoot('cdk.json'), 'utf8')) as {
    context?: Record<string, unknown>;
  };
  return cdkJson.context ?? {};
}

export function newApp(): App {
  return new App({ context: cdkJsonContext() });
}

export function synthesizeSystem(): SystemStacks & { app: App } {
  const app = newApp();
  const stacks = buildApp(app);
  return { app, ...stacks };
}

/**
 * Generous: bundling the ~100 functions (one esbuild run, infra/constructs/function-bundles.ts) and
 * validating templates takes about a minute on 2 quiet cores, several times that beside other test runs
 * (with CDK's one `npx esbuild` per function a loaded run once took 958 s). The synth is synchronous,
 * so this only decides whether a slow synth is reported as a failure; it checks nothing about the
 * templates.
 */
export const SYNTH_TIMEOUT_MS = 1_200_000;

/**
 * The same app with asset bundling skipped (`aws:cdk:bundling-stacks` empty): templates are
 * identical but for the code assets, for tests that look at resources other than the code.
 */
export function synthesizeSystemWithoutBundling(extraContext: Record<string, unknown> = {}): SystemStacks & {
  app: App;
} {
  const app = new App({ context: { ...cdkJsonContext(), 'aws:cdk:bundling-stacks': [], ...extraContext } });
  const stacks = buildApp(app);
  return { app, ...stacks };
}
