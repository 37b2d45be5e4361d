/**
 * `npm start`: brings the whole system up on this machine with demo data and prints where it is.
 * Data lives under .data/ so a restart keeps everything; Ctrl-C shuts down cleanly.
 */
import './xray-manual-mode.ts';
import './powertools-env.ts';
import { DynamoDbPortTakenError, JavaMissingError } from './dynamodb-local.ts';
import { startLocalSystem } from './local-system.ts';
import { writeFileSync } from 'node:fs';
import { localSettings, runningSystemFile } from './local-settings.ts';
import { DEMO_USERS } from './demo-data.ts';
import { ROLE_LABELS, type Role } from '#shared/domain/roles.ts';
import { ensureConsoleBuilt } from './console-server.ts';

const started = Date.now();
const settings = localSettings();
const log = (line: string) => console.log(`[${((Date.now() - started) / 1000).toFixed(1)}s] ${line}`);

try {
  ensureConsoleBuilt(log);
  const system = await startLocalSystem({
    console: { port: settings.LOCAL_CONSOLE_PORT },
    corsOrigins: [`http://localhost:${settings.LOCAL_CONSOLE_DEV_PORT}`],
    tableName: settings.TABLE_NAME,
    apiPort: settings.LOCAL_API_PORT,
    dynamoPort: settings.LOCAL_DYNAMODB_PORT,
    ...(settings.LOCAL_DYNAMODB_ENDPOINT && { dynamoEndpoint: settings.LOCAL_DYNAMODB_ENDPOINT }),
    stepFunctionsPort: settings.LOCAL_SFN_PORT,
    pollIntervalMs: settings.LOCAL_SFN_POLL_MS,
    dataDir: settings.LOCAL_DATA_DIR,
    mailCatcher: {
      smtpPort: settings.LOCAL_SMTP_PORT,
      httpPort: settings.LOCAL_MAIL_WEB_PORT,
      from: settings.LOCAL_MAIL_FROM,
    },
    scheduler: {},
    log,
  });
  // Where this system listens, for `npm run token` and other commands started beside it.
  writeFileSync(
    runningSystemFile(settings.LOCAL_DATA_DIR),
    JSON.stringify({
      pid: process.pid,
      apiUrl: system.apiUrl,
      apiPort: settings.LOCAL_API_PORT,
      startedAt: new Date(),
    }),
  );
  const users = (Object.keys(DEMO_USERS) as Role[])
    .map((role) => `    ${role.padEnd(13)} ${DEMO_USERS[role].name} (${ROLE_LABELS[role]})`)
    .join('\n');
  console.log(`
감사담당관 사건 관리 — 로컬 시스템 준비 완료 (${((Date.now() - started) / 1000).toFixed(1)}s)

  콘솔            ${system.console?.url ?? '-'}  (로그인: 데모 직원 중 선택, 예: 박준형)
  API             ${system.apiUrl}
  상태 확인        ${system.apiUrl}/health
  OpenAPI 문서     ${system.apiUrl}/openapi.json
  DynamoDB Local  ${system.dynamoEndpoint}  (데이터: ${settings.LOCAL_DATA_DIR})
  Step Functions  ${system.stepFunctions.endpoint}  (AWS_ENDPOINT_URL_SFN)
  메일 수신함      ${system.mailCatcher?.httpUrl ?? '-'}  (SMTP 127.0.0.1:${system.mailCatcher?.smtpPort ?? '-'}, 데이터: ${settings.LOCAL_DATA_DIR}/mail)
  예약 작업        ${system.scheduledJobs.active.join(', ') || '없음'} (Asia/Seoul, 공휴일은 작업이 건너뜀)${
    system.scheduledJobs.skipped.length
      ? `
                  아직 핸들러가 없는 작업: ${system.scheduledJobs.skipped.join(', ')}`
      : ''
  }

  데모 사용자 (토큰: npm run token -- <role>):
${users}

  예)  TOKEN=$(npm run -s token -- investigator)
       curl -H "Authorization: Bearer $TOKEN" ${system.apiUrl}/me/cases

  종료: Ctrl-C
`);
  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    log(`${signal} — 종료 중…`);
    await system.close();
    log('종료되었습니다. 데이터는 다음 npm start에서 그대로 이어집니다.');
    process.exit(0);
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));
} catch (error) {
  if (error instanceof JavaMissingError || error instanceof DynamoDbPortTakenError) {
    console.error(error.message);
    process.exit(1);
  }
  if (error instanceof Error && 'code' in error && error.code === 'EADDRINUSE') {
    console.error(
      `포트가 이미 사용 중입니다 (${error.message}). 다른 npm start가 실행 중인지 확인하거나 LOCAL_CONSOLE_PORT / LOCAL_API_PORT / LOCAL_DYNAMODB_PORT / LOCAL_SFN_PORT / LOCAL_SMTP_PORT / LOCAL_MAIL_WEB_PORT를 바꾸세요.`,
    );
    process.exit(1);
  }
  throw error;
}
