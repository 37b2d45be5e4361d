/**
 * `npm run token -- <role>`: prints a bearer token of that role's demo user, issued by the running
 * local system (so it is signed with that system's key). It finds the system's API port itself:
 * LOCAL_API_PORT when set, otherwise the port the running `npm start` recorded in its data
 * directory (.data/running-system.json), otherwise the default.
 */
import { existsSync, readFileSync } from 'node:fs';
import { roleSchema } from '#shared/domain/roles.ts';
import { localSettings, runningSystemFile } from './local-settings.ts';

function runningApiPort(): number {
  const settings = localSettings();
  if (process.env.LOCAL_API_PORT) return settings.LOCAL_API_PORT;
  const file = runningSystemFile(settings.LOCAL_DATA_DIR);
  if (!existsSync(file)) return settings.LOCAL_API_PORT;
  try {
    const running = JSON.parse(readFileSync(file, 'utf8')) as { pid?: number; apiPort?: number };
    if (typeof running.pid !== 'number' || typeof running.apiPort !== 'number') return settings.LOCAL_API_PORT;
    process.kill(running.pid, 0); // throws when that system is no longer running
    return running.apiPort;
  } catch {
    return settings.LOCAL_API_PORT;
  }
}

const role = roleSchema.safeParse(process.argv[2]);
if (!role.success) {
  console.error(`사용법: npm run token -- <role>   (role: ${roleSchema.options.join(', ')})`);
  process.exit(2);
}
const url = `http://localhost:${runningApiPort()}/local/token`;
try {
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ role: role.data }),
  });
  const body = (await res.json()) as { token?: string; error?: { messageKo: string } };
  if (!res.ok || !body.token) {
    console.error(`토큰 발급 실패: ${body.error?.messageKo ?? res.status}`);
    process.exit(1);
  }
  console.log(body.token);
} catch {
  console.error(`로컬 시스템(${url})에 연결할 수 없습니다. 먼저 npm start로 시스템을 띄우세요.`);
  process.exit(1);
}
