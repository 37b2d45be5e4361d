/**
 * The size of every Lambda bundle, built the way the CDK app builds it (esbuild, ESM, minified,
 * the AWS SDK bundled), with esbuild's metafile telling which packages each bundle carries.
 * `npm run bundle-report` prints it; `npm run bench` prints it too.
 */
import { build } from 'esbuild';
import { apiHandlerEntry, apiRoutes } from '../functions/api/routes.ts';
import { deployableJobs } from '../functions/jobs/job-modules.ts';
import { MAIL_EVENTS_HANDLER } from '../infra/constructs/mail-events.ts';
import { PROJECT_ROOT } from '../infra/project-paths.ts';
import { STEP_FUNCTIONS, stepHandlerEntry } from '../workflows/asl.ts';

export interface BundleFigure {
  /** `api get-case`, `step open-human-task`, `job deadline-reminders`. */
  name: string;
  entry: string;
  bytes: number;
  /** npm packages in the bundle, e.g. `@aws-sdk/client-sfn`. */
  packages: string[];
}

export function functionEntries(): { name: string; entry: string }[] {
  return [
    ...apiRoutes.map((route) => ({ name: `api ${route.name}`, entry: apiHandlerEntry(route.name) })),
    ...Object.values(STEP_FUNCTIONS).map((step) => ({ name: `step ${step}`, entry: stepHandlerEntry(step) })),
    ...deployableJobs().active.map((job) => ({ name: `job ${job.name}`, entry: job.handler })),
    { name: 'job mail-events', entry: MAIL_EVENTS_HANDLER },
  ];
}

function packageOf(input: string): string | undefined {
  const match = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(input.slice(input.lastIndexOf('node_modules/')));
  return match?.[1];
}

/** Same esbuild settings as infra/constructs/app-function.ts (minus source maps, which Lambda does not load as code). */
export async function measureBundle(entry: string): Promise<Omit<BundleFigure, 'name'>> {
  const result = await build({
    entryPoints: [entry],
    absWorkingDir: PROJECT_ROOT,
    bundle: true,
    platform: 'node',
    target: 'node22',
    format: 'esm',
    mainFields: ['module', 'main'],
    minify: true,
    write: false,
    metafile: true,
    outfile: 'index.mjs',
    logLevel: 'silent',
  });
  const output = Object.values(result.metafile.outputs)[0];
  if (output === undefined) throw new Error(`esbuild wrote nothing for ${entry}`);
  const packages = new Set<string>();
  for (const input of Object.keys(output.inputs)) {
    const pkg = packageOf(input);
    if (pkg !== undefined) packages.add(pkg);
  }
  return { entry, bytes: output.bytes, packages: [...packages].sort() };
}

export async function measureBundles(onProgress?: (done: number, total: number) => void): Promise<BundleFigure[]> {
  const entries = functionEntries();
  const figures: BundleFigure[] = [];
  for (const { name, entry } of entries) {
    figures.push({ name, ...(await measureBundle(entry)) });
    onProgress?.(figures.length, entries.length);
  }
  return figures.sort((a, b) => b.bytes - a.bytes || a.name.localeCompare(b.name));
}

const kib = (bytes: number) => `${(bytes / 1024).toFixed(0).padStart(6)} KiB`;

/** What must never be in a bundle: the health check carries neither Step Functions nor SES. */
export const FORBIDDEN_IN_BUNDLE: Readonly<Record<string, readonly string[]>> = {
  'api health': ['@aws-sdk/client-sfn', '@aws-sdk/client-sesv2'],
};

export function bundleProblems(figures: readonly BundleFigure[]): string[] {
  return Object.entries(FORBIDDEN_IN_BUNDLE).flatMap(([name, forbidden]) => {
    const figure = figures.find((f) => f.name === name);
    if (figure === undefined) return [`no bundle named ${name}`];
    return forbidden.filter((pkg) => figure.packages.includes(pkg)).map((pkg) => `${name} bundles ${pkg}`);
  });
}

export function printBundles(figures: readonly BundleFigure[], print: (line: string) => void = console.log): void {
  const sdk = (f: BundleFigure) =>
    ['client-sfn', 'client-sesv2', 'client-scheduler']
      .filter((c) => f.packages.includes(`@aws-sdk/${c}`))
      .map((c) => c.replace('client-', ''))
      .join(',');
  for (const f of figures) print(`${kib(f.bytes)}  ${f.name.padEnd(36)} ${sdk(f)}`);
  const total = figures.reduce((sum, f) => sum + f.bytes, 0);
  const sizes = figures.map((f) => f.bytes).sort((a, b) => a - b);
  const median = sizes[Math.floor(sizes.length / 2)] ?? 0;
  print(
    `${figures.length} bundles: total ${(total / 1024 / 1024).toFixed(1)} MiB, median ${kib(median).trim()}, largest ${kib(sizes.at(-1) ?? 0).trim()}, smallest ${kib(sizes[0] ?? 0).trim()}`,
  );
}
