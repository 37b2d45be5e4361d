/**
 * A TypeScript entry point bundled once into a plain ES module, for tests that start it again and
 * again as a child process (the crash tests kill and restart it dozens of times). Started with
 * `node --import tsx`, every start re-resolves and re-loads hundreds of our source files through
 * tsx's loader hooks; the bundle is one file of our code, compiled by the same esbuild tsx uses,
 * and starts with about 40 % less CPU — which on 2 busy cores is most of a restart.
 *
 * Only our own sources are bundled: packages stay imports that Node resolves from node_modules (the
 * bundle lives under node_modules/.cache so that resolution finds them), so no package is loaded
 * any differently from `npm start`. `import.meta.url` and `import.meta.dirname` keep the values of
 * the file they are written in, so paths derived from them (project root, console build, createRequire)
 * point where they do unbundled.
 */
import { randomUUID } from 'node:crypto';
import { mkdirSync, readFileSync, rmSync } from 'node:fs';
import { dirname, isAbsolute, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { build, type Plugin } from 'esbuild';
import { PROJECT_ROOT } from '../../infra/project-paths.ts';

const keepImportMeta: Plugin = {
  name: 'keep-import-meta',
  setup(b) {
    b.onLoad({ filter: /\.[cm]?ts$/ }, (args) => {
      if (args.path.includes('/node_modules/')) return undefined;
      const source = readFileSync(args.path, 'utf8')
        .replaceAll('import.meta.url', JSON.stringify(pathToFileURL(args.path).href))
        .replaceAll('import.meta.dirname', JSON.stringify(dirname(args.path)))
        .replaceAll('import.meta.filename', JSON.stringify(args.path));
      return { contents: source, loader: 'ts' };
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
  const file = join(dir, 'entry.mjs');
  await build({
    entryPoints: [isAbsolute(entry) ? entry : join(PROJECT_ROOT, entry)],
    outfile: file,
    bundle: true,
    packages: 'external',
    platform: 'node',
    format: 'esm',
    target: `node${process.versions.node.split('.')[0]}`,
    logLevel: 'error',
    plugins: [keepImportMeta],
  });
  return { file, remove: () => rmSync(dir, { recursive: true, force: true }) };
}
