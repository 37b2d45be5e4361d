/**
 * A TypeScript entry point bundled once into plain ES modules, for tests that start it again and
 * again as a child process (the crash tests kill and restart it dozens of times). Started with
 * `node --import tsx`, every start re-resolves and re-loads hundreds of our source files through
 * tsx's loader hooks, and even a bundle of our own code alone left Node resolving, reading,
 * format-detecting and linking the packages' files (the AWS SDK, zod, s3rver, the mail stack…) one by
 * one on every start. Here our code and the packages are one bundle, compiled by the same esbuild tsx
 * uses: a restart of the local system takes about 1.4 s of CPU instead of 2.3 s (README, "Test suite
 * time") — which on 2 busy cores is most of a restart.
 *
 * - Code splitting keeps lazy imports lazy: a route handler or job that `import()`s a module (and its
 *   packages, e.g. exceljs for exports) loads it on first use, as under `npm start`, not at start.
 * - `import.meta.url`, `import.meta.dirname` and `import.meta.filename` keep the values of the file
 *   they are written in, and a package file's `__dirname` / `__filename` those of its own file, so paths
 *   derived from them (project root, console build, createRequire, a package's own data files) point
 *   where they do unbundled. `require` (packages' CommonJS calls to Node's built-ins) is Node's own,
 *   made for the bundle, which lives under node_modules/.cache so that it resolves like the project.
 */
import { randomUUID } from 'node:crypto';
import { mkdirSync, readFileSync, rmSync } from 'node:fs';
import { dirname, isAbsolute, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { build, type Plugin } from 'esbuild';
import { PROJECT_ROOT } from '../../infra/project-paths.ts';

const keepImportMeta = (source: string, path: string) =>
  source
    .replaceAll('import.meta.url', JSON.stringify(pathToFileURL(path).href))
    .replaceAll('import.meta.dirname', JSON.stringify(dirname(path)))
    .replaceAll('import.meta.filename', JSON.stringify(path));

/** Comments, a hashbang and a `"use strict"` directive: declarations go after them, so strict mode stays on. */
const PROLOGUE = /^(?:#![^\n]*\n)?(?:\s+|\/\/[^\n]*\n|\/\*[\s\S]*?\*\/)*(?:(["'])use strict\1;?)?/;

const keepFilePaths: Plugin = {
  name: 'keep-file-paths',
  setup(b) {
    b.onLoad({ filter: /\.[cm]?ts$/ }, (args) => {
      if (args.path.includes('/node_modules/')) return undefined;
      return { contents: keepImportMeta(readFileSync(args.path, 'utf8'), args.path), loader: 'ts' };
    });
    b.onLoad({ filter: /\/node_modules\/.*\.[cm]?js$/ }, (args) => {
      const source = readFileSync(args.path, 'utf8');
      if (!/__dirname|__filename|import\.meta\.(?:url|dirname|filename)/.test(source)) return undefined;
      const prologue = PROLOGUE.exec(source)?.[0] ?? '';
      // Declared only where the file uses them and does not declare them itself (ES module packages do).
      const paths = [
        ['__dirname', dirname(args.path)],
        ['__filename', args.path],
      ]
        .filter(([name]) => source.includes(name!) && !new RegExp(`(?:const|let|var)\\s+${name}\\b`).test(source))
        .map(([name, value]) => `var ${name} = ${JSON.stringify(value)};\n`)
        .join('');
      return { contents: prologue + paths + keepImportMeta(source.slice(prologue.length), args.path), loader: 'js' };
    });
  },
};

export interface BundledEntry {
  /** The bundle: start it with `spawn(process.execPath, [file])`. */
  file: string;
  remove(): void;
}

/** Bundles `entry` (a path from the project root or absolute) into a fresh file of its own. */
export async function bundleEntry(entry: string): Promise<BundledEntry> {
  const dir = join(PROJECT_ROOT, 'node_modules', '.cache', 'gamsa-test-bundles', randomUUID());
  mkdirSync(dir, { recursive: true });
  await build({
    entryPoints: { entry: isAbsolute(entry) ? entry : join(PROJECT_ROOT, entry) },
    outdir: dir,
    outExtension: { '.js': '.mjs' },
    splitting: true,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: `node${process.versions.node.split('.')[0]}`,
    logLevel: 'error',
    banner: {
      js: "import { createRequire as __bundleRequire } from 'node:module'; const require = __bundleRequire(import.meta.url);",
    },
    plugins: [keepFilePaths],
  });
  return { file: join(dir, 'entry.mjs'), remove: () => rmSync(dir, { recursive: true, force: true }) };
}
