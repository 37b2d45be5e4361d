/**
 * The size of every Lambda bundle, built the way the CDK app builds it (one esbuild run, ESM, minified,
 * the AWS SDK bundled), with esbuild's metafile telling which packages each bundle carries.
 * `npm run bundle-report` prints it; `npm run bench` prints it too.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path, { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { build, type Metafile } from 'esbuild';
import { apiHandlerEntry, apiRoutes } from '../functions/api/routes.ts';
import { deployableJobs } from '../functions/jobs/job-modules.ts';
import { FUNCTION_BUNDLE_OPTIONS } from '../infra/constructs/function-bundles.ts';
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
  /** Milliseconds a fresh Node.js process takes to import the bundle (the init part of a cold start), when measured. */
  importMs?: number;
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

/**
 * The init part of a cold start, measured locally: a fresh Node.js process imports the bundle (module
 * evaluation only; Lambda adds its own runtime start and the download of the code). The median of
 * three runs, so one slow process does not decide it.
 */
export function measureImport(code: string): number {
  const dir = mkdtempSync(join(tmpdir(), 'bundle-import-'));
  try {
    const file = join(dir, 'index.mjs');
    writeFileSync(file, code);
    const script = `const s = performance.now(); await import(${JSON.stringify(pathToFileURL(file).href)}); process.stdout.write(String(performance.now() - s));`;
    const runs = [0, 1, 2].map(() => {
      const out = spawnSync(process.execPath, ['--input-type=module', '-e', script], {
        encoding: 'utf8',
        env: { ...process.env, AWS_REGION: process.env.AWS_REGION ?? 'ap-northeast-2', POWERTOOLS_DEV: 'false' },
      });
      const ms = Number(out.stdout);
      if (out.status !== 0 || !Number.isFinite(ms))
        throw new Error(`importing the bundle failed: ${out.stderr.slice(0, 500)}`);
      return ms;
    });
    return runs.sort((a, b) => a - b)[1]!;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** What one bundle carries: its bytes and the npm packages among its inputs (from esbuild's metafile). */
function figureOf(entry: string, output: Metafile['outputs'][string], code: string | undefined, imports?: boolean) {
  const packages = new Set<string>();
  for (const input of Object.keys(output.inputs)) {
    const pkg = packageOf(input);
    if (pkg !== undefined) packages.add(pkg);
  }
  return {
    entry,
    bytes: output.bytes,
    packages: [...packages].sort(),
    ...(imports && code !== undefined && { importMs: measureImport(code) }),
  };
}

/** One bundle, built with the CDK app's settings (infra/constructs/function-bundles.ts) minus the source map. */
export async function measureBundle(
  entry: string,
  options: { imports?: boolean } = {},
): Promise<Omit<BundleFigure, 'name'>> {
  const result = await build({
    ...FUNCTION_BUNDLE_OPTIONS,
    entryPoints: [entry],
    write: false,
    metafile: true,
    outfile: 'index.mjs',
    logLevel: 'silent',
  });
  const output = Object.values(result.metafile.outputs)[0];
  if (output === undefined) throw new Error(`esbuild wrote nothing for ${entry}`);
  return figureOf(entry, output, result.outputFiles?.[0]?.text, options.imports);
}

/** Every function's bundle, from one esbuild run as the CDK app builds them. */
export async function measureBundles(
  onProgress?: (done: number, total: number) => void,
  options: { imports?: boolean } = {},
): Promise<BundleFigure[]> {
  const entries = functionEntries();
  const outName = (index: number) => `bundle-${index}`;
  const result = await build({
    ...FUNCTION_BUNDLE_OPTIONS,
    entryPoints: entries.map(({ entry }, index) => ({ in: entry, out: outName(index) })),
    outdir: 'bundles',
    outExtension: { '.js': '.mjs' },
    write: false,
    metafile: true,
    logLevel: 'silent',
  });
  const figures: BundleFigure[] = [];
  for (const [index, { name, entry }] of entries.entries()) {
    const file = `bundles/${outName(index)}.mjs`;
    const output = result.metafile.outputs[file];
    if (output === undefined) throw new Error(`esbuild wrote nothing for ${entry}`);
    const code = result.outputFiles.find((f) => f.path === path.join(PROJECT_ROOT, file))?.text;
    figures.push({ name, ...figureOf(entry, output, code, options.imports) });
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
  const ms = (f: BundleFigure) => (f.importMs === undefined ? '' : `${f.importMs.toFixed(0).padStart(5)} ms  `);
  for (const f of figures) print(`${kib(f.bytes)}  ${ms(f)}${f.name.padEnd(36)} ${sdk(f)}`);
  const total = figures.reduce((sum, f) => sum + f.bytes, 0);
  const sizes = figures.map((f) => f.bytes).sort((a, b) => a - b);
  const median = sizes[Math.floor(sizes.length / 2)] ?? 0;
  print(
    `${figures.length} bundles: total ${(total / 1024 / 1024).toFixed(1)} MiB, median ${kib(median).trim()}, largest ${kib(sizes.at(-1) ?? 0).trim()}, smallest ${kib(sizes[0] ?? 0).trim()}`,
  );
  const imports = figures.flatMap((f) => (f.importMs === undefined ? [] : [f.importMs])).sort((a, b) => a - b);
  if (imports.length > 0)
    print(
      `import (init) per fresh process: median ${imports[Math.floor(imports.length / 2)]!.toFixed(0)} ms, slowest ${imports.at(-1)!.toFixed(0)} ms, fastest ${imports[0]!.toFixed(0)} ms`,
    );
}
