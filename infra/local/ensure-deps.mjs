/**
 * Run before `npm start` and `npm test`: installs the dependencies when node_modules is missing or
 * does not match package-lock.json, so a fresh clone needs no set-up step. Plain Node with no
 * dependencies of its own (it runs before there are any). npm records what it installed in
 * node_modules/.package-lock.json; every package the lockfile names (optional ones aside, which
 * depend on the platform) must be installed at the locked version. When they all are (e.g. right
 * after `npm ci` in CI) this does nothing. `--check` only says whether an install is needed (exit 1).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const lockFile = join(root, 'package-lock.json');
const installedFile = join(root, 'node_modules', '.package-lock.json');

function staleReason() {
  if (!existsSync(join(root, 'node_modules'))) return 'node_modules가 없습니다';
  if (!existsSync(installedFile)) return 'node_modules에 설치 기록이 없습니다';
  const locked = JSON.parse(readFileSync(lockFile, 'utf8')).packages ?? {};
  const installed = JSON.parse(readFileSync(installedFile, 'utf8')).packages ?? {};
  for (const [path, entry] of Object.entries(locked)) {
    if (path === '' || entry.optional || entry.link) continue;
    if (installed[path]?.version !== entry.version)
      return `${path.replace(/^node_modules\//, '')} ${entry.version}이(가) 설치되어 있지 않습니다`;
  }
  return undefined;
}

const reason = staleReason();
if (process.argv.includes('--check')) {
  console.log(reason ? `설치 필요: ${reason}` : '의존성이 lockfile과 일치합니다');
  process.exit(reason ? 1 : 0);
}
if (reason) {
  console.error(`의존성 설치 중 (${reason}): npm ci …`);
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
  const result = spawnSync(npm, ['ci', '--no-audit', '--no-fund'], { cwd: root, stdio: 'inherit' });
  if (result.status !== 0) {
    console.error('npm ci가 실패했습니다. 위의 메시지를 확인하세요.');
    process.exit(result.status ?? 1);
  }
}
