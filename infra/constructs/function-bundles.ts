/**
 * Every Lambda function's bundle from one esbuild run.
 *
 * CDK's NodejsFunction starts `npx esbuild` once per function; with ~100 functions that was most of a
 * `cdk synth` (about 2.6 s each on this project's 2-core machines: the npx start, then esbuild parsing
 * the same AWS SDK again). Here the first function is bundled alone, and the second builds all the
 * others in one esbuild call, which parses each source file once; every function then copies its own
 * output. The settings are the ones NodejsFunction was given (ESM, minified, the AWS SDK bundled,
 * source maps without sources), and `npm run bundle-report` builds with the same
 * `FUNCTION_BUNDLE_OPTIONS`.
 *
 * The batch is all `*.handler.ts` files under `functions/` (every Lambda entry is one); an entry
 * outside that convention is still bundled, on its own. Results are kept for the process's life: a
 * synth is one process, and a second synth in the same process (tests) reuses the files.
 */
import { copyFileSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { type BuildOptions, buildSync } from 'esbuild';
import { fromProjectRoot, PROJECT_ROOT } from '../project-paths.ts';

/**
 * esbuild emits ESM, but some bundled CommonJS dependencies still call `require` for Node built-ins;
 * give them one (the usual shim, named so it cannot collide with bundled identifiers).
 */
export const ESM_REQUIRE_SHIM =
  "import { createRequire as __appCreateRequire } from 'node:module'; const require = __appCreateRequire(import.meta.url);";

/** How every function is bundled (Node.js 22 on Lambda, the SDK version we test with bundled in). */
export const FUNCTION_BUNDLE_OPTIONS = {
  absWorkingDir: PROJECT_ROOT,
  bundle: true,
  platform: 'node',
  target: 'node22',
  format: 'esm',
  mainFields: ['module', 'main'],
  minify: true,
  banner: { js: ESM_REQUIRE_SHIM },
  tsconfig: fromProjectRoot('tsconfig.json'),
  logLevel: 'warning',
} as const satisfies BuildOptions;

/** Project-relative paths (`functions/api/get-case.handler.ts`) of every handler module, sorted. */
export function functionHandlerEntries(): string[] {
  return readdirSync(fromProjectRoot('functions'), { recursive: true, encoding: 'utf8' })
    .filter((file) => file.endsWith('.handler.ts'))
    .map((file) => path.posix.join('functions', file.split(path.sep).join('/')))
    .sort();
}

/** Where one entry's bundle sits inside a batch's output directory (without the extension). */
const outName = (entry: string) => entry.replace(/\.ts$/, '');

/** This process's bundles: where they are written, which entries are built, whether the batch ran. */
let bundles: { dir: string; built: Set<string>; batchRan: boolean } | undefined;

function build(entries: readonly string[], dir: string): void {
  buildSync({
    ...FUNCTION_BUNDLE_OPTIONS,
    entryPoints: entries.map((entry) => ({ in: entry, out: outName(entry) })),
    outdir: dir,
    outExtension: { '.js': '.mjs' },
    sourcemap: true,
    sourcesContent: false,
  });
}

/**
 * The directory holding `entry`'s bundle. The first function is built alone (a stack with one
 * function, as some template tests make, needs no more); the second asks for all the others at once.
 */
function builtBundle(entry: string): string {
  if (bundles === undefined) {
    const dir = mkdtempSync(path.join(tmpdir(), 'gamsa-bundles-'));
    process.once('exit', () => rmSync(dir, { recursive: true, force: true }));
    bundles = { dir, built: new Set(), batchRan: false };
  }
  const { dir, built } = bundles;
  if (built.has(entry)) return dir;
  if (built.size === 0 || bundles.batchRan) {
    build([entry], dir);
    built.add(entry);
    return dir;
  }
  const entries = [...new Set([...functionHandlerEntries(), entry])].filter((e) => !built.has(e));
  const started = performance.now();
  process.stderr.write(`Lambda 번들 ${entries.length}개를 한 번의 esbuild 실행으로 만드는 중…\n`);
  build(entries, dir);
  process.stderr.write(
    `Lambda 번들 ${entries.length}개 완료 (${((performance.now() - started) / 1000).toFixed(1)}초)\n`,
  );
  for (const e of entries) built.add(e);
  bundles.batchRan = true;
  return dir;
}

/**
 * Writes `index.mjs` and `index.mjs.map` for the handler module `entry` (a path from the project root)
 * into `outputDir`, building every function's bundle first if this process has not yet. The map's
 * source paths are made relative to the project root, so a stack trace on Lambda names
 * `shared/…/x.ts` wherever the bundle was built.
 */
export function bundleFunction(entry: string, outputDir: string): void {
  const dir = builtBundle(entry);
  const built = path.join(dir, `${outName(entry)}.mjs`);
  copyFileSync(built, path.join(outputDir, 'index.mjs'));
  const map = JSON.parse(readFileSync(`${built}.map`, 'utf8')) as { sources: string[] };
  map.sources = map.sources.map((source) =>
    path
      .relative(PROJECT_ROOT, path.resolve(path.dirname(built), source))
      .split(path.sep)
      .join('/'),
  );
  writeFileSync(path.join(outputDir, 'index.mjs.map'), JSON.stringify(map));
}
