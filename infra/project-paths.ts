/**
 * Where the project lives on disk, for bundling. Handler entries in `functions/api/routes.ts` are
 * paths from the project root, so the CDK app resolves them against this directory, not the cwd.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const PROJECT_ROOT = fileURLToPath(new URL('..', import.meta.url));

export function fromProjectRoot(relativePath: string): string {
  return path.join(PROJECT_ROOT, relativePath);
}
