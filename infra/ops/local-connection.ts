/**
 * What a command that drives the running local system through its public HTTP API needs first: the API's
 * address, a check that it answers, and the local user pool's issuer (the signing key `npm start` wrote,
 * the one the system verifies tokens with). A command run before `npm start` stops here with exit code 2
 * and says so in Korean.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { createLocalIssuer } from '../local/auth/local-issuer.ts';
import { localSettings } from '../local/local-settings.ts';

export interface LocalConnection {
  apiUrl: string;
  issuer: Awaited<ReturnType<typeof createLocalIssuer>>;
}

export async function connectToLocalSystem(apiOverride?: string): Promise<LocalConnection> {
  const settings = localSettings();
  const apiUrl = apiOverride ?? `http://localhost:${settings.LOCAL_API_PORT}`;
  const keyFile = join(settings.LOCAL_DATA_DIR, 'local-signing-key.json');
  if (!existsSync(keyFile)) {
    console.error(`로컬 사용자 풀의 서명 키(${keyFile})가 없습니다. 먼저 npm start로 시스템을 띄우세요.`);
    process.exit(2);
  }
  const health = await fetch(`${apiUrl}/health`).catch(() => undefined);
  if (!health?.ok) {
    console.error(`로컬 시스템(${apiUrl})에 연결할 수 없습니다. 먼저 npm start로 시스템을 띄우세요.`);
    process.exit(2);
  }
  return { apiUrl, issuer: await createLocalIssuer(keyFile) };
}
