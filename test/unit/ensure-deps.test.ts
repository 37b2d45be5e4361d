/**
 * `npm start` and `npm test` install dependencies themselves when node_modules is missing or stale
 * against package-lock.json (infra/local/ensure-deps.mjs), and do nothing when it matches.
 */
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const root = mkdtempSync(join(tmpdir(), 'gamsa-ensure-deps-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

const lock = {
  lockfileVersion: 3,
  packages: {
    '': { name: 'x' },
    'node_modules/zod': { version: '4.6.7' },
    'node_modules/fsevents': { version: '2.3.3', optional: true },
  },
};

function check(installed: object | undefined): { status: number | null; out: string } {
  rmSync(join(root, 'node_modules'), { recursive: true, force: true });
  mkdirSync(join(root, 'infra', 'local'), { recursive: true });
  copyFileSync('infra/local/ensure-deps.mjs', join(root, 'infra', 'local', 'ensure-deps.mjs'));
  writeFileSync(join(root, 'package-lock.json'), JSON.stringify(lock));
  if (installed) {
    mkdirSync(join(root, 'node_modules'));
    writeFileSync(join(root, 'node_modules', '.package-lock.json'), JSON.stringify(installed));
  }
  const run = spawnSync(process.execPath, [join(root, 'infra', 'local', 'ensure-deps.mjs'), '--check'], {
    encoding: 'utf8',
  });
  return { status: run.status, out: run.stdout };
}

describe('the dependency pre-step of npm start and npm test', () => {
  it('asks for an install on a fresh clone (no node_modules)', () => {
    expect(check(undefined)).toMatchObject({ status: 1, out: expect.stringContaining('node_modules가 없습니다') });
  });

  it('asks for an install when a locked version is not the installed one', () => {
    const stale = { packages: { 'node_modules/zod': { version: '4.0.0' } } };
    expect(check(stale)).toMatchObject({ status: 1, out: expect.stringContaining('zod 4.6.7') });
  });

  it('does nothing when node_modules matches the lockfile (optional platform packages aside)', () => {
    const current = { packages: { 'node_modules/zod': { version: '4.6.7' } } };
    expect(check(current).status).toBe(0);
  });
});
