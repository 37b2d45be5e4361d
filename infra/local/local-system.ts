/**
 * The whole system on one machine: DynamoDB Local, the table, the local user pool and the HTTP API
 * running the Lambda handlers in process; optionally the mail catcher (SES's stand-in) and the
 * local scheduler (EventBridge Scheduler's). `npm start` and the end-to-end tests both use this.
 */
import './xray-manual-mode.ts';
import { mkdtempSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import * as z from 'zod';
import { roleSchema } from '#shared/domain/roles.ts';
import { deployableJobs, jobModule } from '../../functions/jobs/job-modules.ts';
import { CaseRepository } from '#shared/store/case-repository.ts';
import { createDocumentClient } from '#shared/store/dynamo-client.ts';
import { IdempotencyStore } from '#shared/store/idempotency-store.ts';
import { StaffRepository } from '#shared/store/staff-repository.ts';
import { caseUseCases } from '#shared/usecases/case-usecases.ts';
import { lambdaContext, startLocalApi, type LocalApi } from './api-server.ts';
import { createLocalIssuer, type LocalIssuer } from './auth/local-issuer.ts';
import { startConsoleServer, type ConsoleServer } from './console-server.ts';
import { ensureTable } from './bootstrap-table.ts';
import {
  DEMO_STAFF,
  DEMO_USERS,
  seedDemoCitizenAuditors,
  seedDemoCommittees,
  seedDemoData,
  seedDepartmentContacts,
} from './demo-data.ts';
import { CitizenAuditorRoster } from '#shared/store/citizen-auditor-roster.ts';
import { createCalendar } from '#shared/calendar/index.ts';
import { committeeMeetingsAhead } from '#shared/usecases/committee-meetings-ahead.ts';
import { reindexCases } from '#shared/store/case-reindex.ts';
import { CommitteeRepository } from '#shared/store/committee-repository.ts';
import { startDynamoDbLocal, type DynamoDbLocal } from './dynamodb-local.ts';
import { LOCAL_USER_POOL, localAnchorFile, localAnchorSigningKeyFile, localIssuer } from './local-settings.ts';
import { startMailCatcher, type MailCatcher } from './mail-catcher/mail-catcher.ts';
import { startFilesServer, type FilesServer } from './files-server.ts';
import { startLocalLambda, type LocalLambda } from './lambda-server.ts';
import { createLocalScheduler, type InvokeHandler, type LocalScheduler } from './scheduler/local-scheduler.ts';
import {
  startLocalStepFunctions,
  type Clock,
  type LocalStepFunctions,
  type TaskBindings,
} from './stepfunctions/index.ts';
import { STEP_FUNCTIONS, type StepFunctionPlaceholder, type StepName } from '../../workflows/asl.ts';
import { stepModules } from '../../functions/steps/step-modules.ts';
import { WORKFLOWS, workflowForKind } from '../../workflows/registry.ts';
import { stepFunctionsStarter } from '#shared/workflow/case-workflows.ts';
import { OutboxStore } from '#shared/store/outbox-store.ts';
import { createWorkflowMaintenance } from '../../functions/jobs/workflow-maintenance-deps.ts';
import type { OutboxRelay } from '#shared/usecases/outbox-relay.ts';

export interface LocalSystemOptions {
  tableName: string;
  apiPort: number;
  /** Keep data here (DynamoDB files, signing key); in memory when absent. */
  dataDir?: string;
  /** Use an already running DynamoDB Local (tests share one); otherwise start one. */
  dynamoEndpoint?: string;
  dynamoPort?: number;
  seed?: boolean;
  /** Port of the local Step Functions service; a free one when absent. */
  stepFunctionsPort?: number;
  /** Clock of the Step Functions service (tests inject one to pass months in milliseconds). */
  clock?: Clock;
  /** How often the Step Functions service wakes due timers by itself (npm start); tests call tick(). */
  pollIntervalMs?: number;
  /** How often the outbox relay looks for pending intents (default 1 s); 0 leaves it off (tests call relay.drain()). */
  relayIntervalMs?: number;
  /**
   * Start the mail catcher (SMTP + web inbox) and send the jobs' mail to it (MAIL_TRANSPORT=smtp).
   * Free ports when absent; off when the option is absent. Its inbox lives under `<dataDir>/mail`.
   */
  mailCatcher?: { smtpPort?: number; httpPort?: number; from?: string };
  /**
   * Start the local scheduler over `deployableJobs()` (the declared jobs whose handler exists, as in CDK). `runLoop:
   * false` makes it without its timer, for tests that call `scheduler.tick(now)`. Off when absent.
   */
  scheduler?: { runLoop?: boolean; clock?: () => Date };
  /** Browser origins the API answers with CORS besides the console's own (e.g. the Vite dev server's). */
  corsOrigins?: readonly string[];
  /** Serve the built console (web/dist) on this port, with the API's CORS open to it. Off when absent. */
  console?: { port: number };
  /** Port of the local S3-compatible server of case files; a free one when absent. Its files live under `<dataDir>/files`. */
  filesPort?: number;
  log?: (line: string) => void;
}

export interface LocalSystem {
  apiUrl: string;
  dynamoEndpoint: string;
  issuer: LocalIssuer;
  api: LocalApi;
  stepFunctions: LocalStepFunctions;
  /** The outbox relay the local system runs in a loop (AWS: the stream-fed relay function). */
  relay: OutboxRelay;
  seeded: { staffAdded: number; casesAdded: number } | undefined;
  mailCatcher: MailCatcher | undefined;
  /** The case-files bucket (s3rver). */
  files: FilesServer;
  /** Lambda's Invoke API for the functions the application invokes (the import worker). */
  lambda: LocalLambda;
  scheduler: LocalScheduler | undefined;
  /** Job names the scheduler fires, and those left out because their handler is not written yet. */
  scheduledJobs: { active: string[]; skipped: string[] };
  console: ConsoleServer | undefined;
  close(): Promise<void>;
}

const SEED_MARKER = { pk: 'SEED#demo', sk: 'SEED' };
const tokenRequest = z.union([z.object({ role: roleSchema }), z.object({ sub: z.string().min(1).max(128) })]);

export async function startLocalSystem(options: LocalSystemOptions): Promise<LocalSystem> {
  const log = options.log ?? (() => undefined);
  let dynamo: DynamoDbLocal | undefined;
  let endpoint = options.dynamoEndpoint;
  if (!endpoint) {
    log('DynamoDB Local 시작 중 (Java)…');
    dynamo = await startDynamoDbLocal({
      ...(options.dataDir && { dataDir: join(options.dataDir, 'dynamodb') }),
      ...(options.dynamoPort && { port: options.dynamoPort }),
    });
    endpoint = dynamo.endpoint;
  }

  let mailCatcher: MailCatcher | undefined;
  if (options.mailCatcher) {
    mailCatcher = await startMailCatcher({
      ...(options.mailCatcher.smtpPort !== undefined && { smtpPort: options.mailCatcher.smtpPort }),
      ...(options.mailCatcher.httpPort !== undefined && { httpPort: options.mailCatcher.httpPort }),
      ...(options.dataDir && { dataDir: join(options.dataDir, 'mail') }),
    });
    // The jobs' mail goes out the way it does on AWS — through the configured transport — only to the catcher.
    Object.assign(process.env, {
      MAIL_TRANSPORT: 'smtp',
      SMTP_HOST: '127.0.0.1',
      SMTP_PORT: String(mailCatcher.smtpPort),
      SMTP_DELIVERY_LOOKUP_URL: mailCatcher.httpUrl,
      MAIL_FROM: options.mailCatcher.from ?? process.env.MAIL_FROM ?? 'gamsa@gamsa.local',
    });
    log(`메일 수신함(로컬): ${mailCatcher.httpUrl} (SMTP 127.0.0.1:${mailCatcher.smtpPort})`);
  }

  const accessKeyId = process.env.AWS_ACCESS_KEY_ID ?? 'local';
  const secretAccessKey = process.env.AWS_SECRET_ACCESS_KEY ?? 'local';
  const files = await startFilesServer({
    bucket: `files-${options.tableName}`.toLowerCase().slice(0, 63),
    accessKeyId,
    secretAccessKey,
    ...(options.filesPort !== undefined && { port: options.filesPort }),
    ...(options.dataDir && { directory: join(options.dataDir, 'files') }),
  });
  log(`파일 저장소(S3 호환, 로컬): ${files.endpoint}/${files.bucket}`);
  const lambda = await startLocalLambda({ log });

  // Application code finds its services the way it does on AWS: through the SDK's settings.
  Object.assign(process.env, {
    AWS_ENDPOINT_URL_S3: files.endpoint,
    AWS_ENDPOINT_URL_LAMBDA: lambda.endpoint,
    FIELD_IMPORT_WORKER: 'gamsa-field-import-worker',
    FILES_BUCKET: files.bucket,
    FILES_PATH_STYLE: 'true',
    AWS_ENDPOINT_URL_DYNAMODB: endpoint,
    AWS_REGION: process.env.AWS_REGION ?? LOCAL_USER_POOL.region,
    AWS_ACCESS_KEY_ID: accessKeyId,
    AWS_SECRET_ACCESS_KEY: secretAccessKey,
    TABLE_NAME: options.tableName,
    // The local host's anchor store (append-only file); on AWS the Object Lock bucket (ANCHOR_BUCKET).
    ANCHOR_FILE: process.env.ANCHOR_FILE ?? localAnchorFile(options.tableName, options.dataDir),
    ANCHOR_SIGNING_KEY_FILE:
      process.env.ANCHOR_SIGNING_KEY_FILE ?? localAnchorSigningKeyFile(options.tableName, options.dataDir),
    APP_BASE_URL: `http://localhost:${options.apiPort}`,
    // Mail links open the console when it is served; otherwise they fall back to the API.
    ...(options.console && !process.env.CONSOLE_URL ? { CONSOLE_URL: `http://localhost:${options.console.port}` } : {}),
    JWT_ISSUER: localIssuer(),
    JWT_AUDIENCE: LOCAL_USER_POOL.clientId,
    // KMS's part on one machine: the identity key in a file of its own, apart from the table's data.
    IDENTITY_KEY_FILE:
      process.env.IDENTITY_KEY_FILE ??
      join(options.dataDir ?? mkdtempSync(join(tmpdir(), 'gamsa-identity-')), 'identity-key', 'reporter-identity.key'),
    // The directory lists staff by team; the head of office has none and is named here (see runtime-config.ts).
    OFFICE_LEVEL_STAFF_SUBS:
      process.env.OFFICE_LEVEL_STAFF_SUBS ??
      // Department contacts have no team either, but are no office-level staff.
      DEMO_STAFF.filter((m) => m.team === undefined && m.department === undefined)
        .map((m) => m.sub)
        .join(','),
  });

  const client = new DynamoDBClient({ endpoint });
  const doc = createDocumentClient(client);
  // The case table and the Step Functions service (its own table and server) are independent: both at once.
  // Nothing drives an execution before recover() below, after the case table is there.
  const startStepFunctions = async () => {
    // Step Functions: the same definitions, with their Lambda placeholders bound to the same handler modules.
    const steps = Object.entries(STEP_FUNCTIONS) as [StepFunctionPlaceholder, StepName][];
    const handlers = await Promise.all(steps.map(async ([, step]) => (await stepModules[step]()).handler));
    const bindings = Object.fromEntries(
      steps.map(([placeholder], i) => [placeholder, handlers[i] as TaskBindings[string]]),
    );
    return startLocalStepFunctions({
      tableName: `${options.tableName}-stepfunctions`,
      dynamoDbClient: client,
      bindings,
      ...(options.stepFunctionsPort !== undefined && { port: options.stepFunctionsPort }),
      ...(options.clock && { clock: options.clock }),
      ...(options.pollIntervalMs !== undefined && { pollIntervalMs: options.pollIntervalMs }),
    });
  };
  const [created, stepFunctions] = await Promise.all([ensureTable(client, options.tableName), startStepFunctions()]);
  log(created === 'created' ? `테이블 생성: ${options.tableName}` : `기존 테이블 사용: ${options.tableName}`);
  if (created === 'upgraded') {
    // Cases stored before an index existed are written again so they appear in it (search indexes).
    const reindexed = await reindexCases(doc, options.tableName);
    log(`새 인덱스 추가: 기존 사건 ${reindexed}건 재색인`);
  }
  // Each workflow is its own state machine record: registered side by side.
  const registered = await Promise.all(
    Object.entries(WORKFLOWS).map(async ([name, definition]) => {
      const { stateMachineArn } = await stepFunctions.registerStateMachine(name, definition);
      return [name, stateMachineArn] as const;
    }),
  );
  const workflowArns: Record<string, string> = Object.fromEntries(registered);
  process.env.AWS_ENDPOINT_URL_SFN = stepFunctions.endpoint;
  process.env.WORKFLOW_ARNS = JSON.stringify(workflowArns);
  const recovered = await stepFunctions.recover();
  log(
    `Step Functions 로컬 서비스: ${stepFunctions.endpoint} (워크플로 ${Object.keys(workflowArns).length}개, 재개 ${recovered.resumed}건)`,
  );

  // The outbox relay: what DynamoDB Streams and the relay function do on AWS, as a polling loop.
  // Intents younger than the grace time are left to the request that wrote them (it delivers at once).
  const { relay } = createWorkflowMaintenance({
    doc,
    tableName: options.tableName,
    workflowArns,
    log: (entry) => {
      if (entry.level === 'error' || entry.level === 'warn') log(`outbox: ${JSON.stringify(entry)}`);
    },
  });
  const relayLoop = startRelayLoop(relay, options.relayIntervalMs ?? 1_000, log);

  let seeded: LocalSystem['seeded'];
  if (options.seed ?? true) {
    // The roster before the demo cases: the demo check names its auditors from it.
    const roster = new CitizenAuditorRoster(doc, options.tableName);
    const auditorsAdded = await seedDemoCitizenAuditors(roster);
    if (auditorsAdded > 0) log(`데모 구민감사관 위촉: ${auditorsAdded}명`);
    const marker = await doc.send(new GetCommand({ TableName: options.tableName, Key: SEED_MARKER }));
    if (!marker.Item) {
      const staff = new StaffRepository(doc, options.tableName);
      const cases = caseUseCases({
        cases: new CaseRepository(doc, options.tableName),
        staff,
        citizenAuditors: roster,
        idempotency: new IdempotencyStore(doc, options.tableName),
        workflows: stepFunctionsStarter((c) => workflowArns[workflowForKind(c.kind)]),
        outbox: new OutboxStore(doc, options.tableName),
      });
      seeded = await seedDemoData(staff, cases);
      await doc.send(
        new PutCommand({
          TableName: options.tableName,
          Item: { ...SEED_MARKER, entity: 'seed', seededAt: new Date().toISOString() },
        }),
      );
      log(`데모 데이터 입력: 직원 ${seeded.staffAdded}명, 사건 ${seeded.casesAdded}건`);
    }
    // Committees are seeded apart from the marker, so a data directory from before committees gets them too.
    const [contactsAdded, committeesAdded] = await Promise.all([
      seedDepartmentContacts(new StaffRepository(doc, options.tableName)),
      seedDemoCommittees(new CommitteeRepository(doc, options.tableName)),
    ]);
    if (contactsAdded > 0) log(`데모 부서 담당자(현장민원 월별 분석 메일 수신) 등록: ${contactsAdded}명`);
    if (committeesAdded > 0) log(`데모 위원회 등록: ${committeesAdded}개`);
    if (options.scheduler) {
      // The monthly job would create the cadence meetings on the 1st; a fresh system gets them now,
      // so the calendar and the committee notices have something to show (the job is idempotent).
      const planned = await committeeMeetingsAhead({
        committees: new CommitteeRepository(doc, options.tableName),
        calendar: createCalendar(),
        log: () => {},
      }).run(new Date(), 1);
      if (planned.created.length > 0) log(`위원회 정기회의 일정 생성: ${planned.created.join(', ')}`);
    }
  }

  // Scheduled jobs: the same declarations the CDK app deploys, run in process by the local scheduler.
  const deployable = deployableJobs();
  const present = deployable.active;
  const jobNames = { active: present.map((j) => j.name), skipped: deployable.skipped.map((j) => j.name) };
  let scheduler: LocalScheduler | undefined;
  if (options.scheduler) {
    const invoke: InvokeHandler = async (_handlerPath, event, invocation) => {
      const load = jobModule(invocation.scheduleName);
      if (load === undefined) throw new Error(`No handler module for job ${invocation.scheduleName}`);
      const { handler } = (await load()) as unknown as {
        handler: (event: unknown, context: ReturnType<typeof lambdaContext>) => Promise<unknown>;
      };
      return handler(event, lambdaContext(`gamsa-${invocation.scheduleName}`, 15 * 60_000));
    };
    scheduler = createLocalScheduler({
      jobs: present,
      tableName: options.tableName,
      invoke,
      dynamodb: client,
      ...(options.scheduler.clock && { clock: options.scheduler.clock }),
      logger: {
        info: (line: string) => log(line),
        warn: (line: string) => log(line),
        error: (line: string, error?: unknown) => log(`${line}${error ? ` ${String(error)}` : ''}`),
      },
    });
    if (options.scheduler.runLoop ?? true) scheduler.start();
    log(
      `예약 작업: ${jobNames.active.join(', ') || '없음'}${jobNames.skipped.length ? ` (핸들러가 아직 없어 건너뜀: ${jobNames.skipped.join(', ')})` : ''}`,
    );
  }

  const issuer = await createLocalIssuer(options.dataDir ? join(options.dataDir, 'local-signing-key.json') : undefined);
  const api = await startLocalApi({
    port: options.apiPort,
    issuer,
    corsOrigins: [
      ...(options.console
        ? [`http://localhost:${options.console.port}`, `http://127.0.0.1:${options.console.port}`]
        : []),
      ...(options.corsOrigins ?? []),
    ],
    localRoutes: async (req, url, body) => {
      if (url.pathname === '/local/jwks.json' && req.method === 'GET') return { statusCode: 200, body: issuer.jwks };
      // The console's local sign-in page lists who can sign in; on AWS the user pool's managed login does this.
      if (url.pathname === '/local/staff' && req.method === 'GET')
        return {
          statusCode: 200,
          body: {
            items: DEMO_STAFF.filter((m) => m.active).map((m) => ({
              sub: m.sub,
              name: m.name,
              position: m.position,
              roles: m.roles,
              ...(m.team && { team: m.team }),
            })),
          },
        };
      if (url.pathname !== '/local/token') return undefined;
      if (req.method !== 'POST')
        return {
          statusCode: 405,
          body: {
            error: { code: 'METHOD_NOT_ALLOWED', message: 'POST {"role": "..."}', messageKo: 'POST로 요청하세요' },
          },
        };
      let parsedBody: unknown;
      try {
        parsedBody = JSON.parse(body || '{}');
      } catch {
        parsedBody = undefined;
      }
      const parsed = tokenRequest.safeParse(parsedBody);
      if (!parsed.success) {
        return {
          statusCode: 400,
          body: {
            error: {
              code: 'VALIDATION_FAILED',
              field: 'role',
              rule: 'invalid_value',
              message: `role must be one of ${roleSchema.options.join(', ')} (or sub: a demo staff member)`,
              messageKo: `role은 다음 중 하나여야 합니다: ${roleSchema.options.join(', ')} (또는 데모 직원의 sub)`,
            },
          },
        };
      }
      const request = parsed.data;
      const user =
        'role' in request ? DEMO_USERS[request.role] : DEMO_STAFF.find((m) => m.sub === request.sub && m.active);
      if (!user)
        return {
          statusCode: 404,
          body: {
            error: {
              code: 'NOT_FOUND',
              field: 'sub',
              rule: 'unknown_staff',
              message: 'No active demo staff member has this sub',
              messageKo: '해당 데모 직원이 없습니다',
            },
          },
        };
      const token = await issuer.mint({ sub: user.sub, email: user.email, name: user.name, roles: user.roles });
      return {
        statusCode: 200,
        body: {
          token,
          role: user.roles[0],
          roles: user.roles,
          name: user.name,
          email: user.email,
          sub: user.sub,
          expiresInSeconds: 8 * 60 * 60,
        },
      };
    },
    componentChecks: async () => ({
      dynamodbLocal: dynamo ? (dynamo.process.exitCode === null ? 'ok' : 'exited') : 'ok',
      stepFunctions: await fetch(stepFunctions.endpoint, {
        method: 'POST',
        headers: { 'x-amz-target': 'AWSStepFunctions.ListStateMachines', 'content-type': 'application/x-amz-json-1.0' },
        body: '{}',
      })
        .then((r) => (r.ok ? 'ok' : `status ${r.status}`))
        .catch(() => 'unreachable'),
      userPool: 'ok',
      ...(mailCatcher && { mailCatcher: await smtpGreets(mailCatcher.smtpPort) }),
    }),
  });

  const consoleServer = options.console
    ? await startConsoleServer({ port: options.console.port, apiUrl: api.url, filesUrl: files.endpoint })
    : undefined;
  if (consoleServer) log(`콘솔: ${consoleServer.url}`);

  return {
    apiUrl: api.url,
    dynamoEndpoint: endpoint,
    issuer,
    api,
    stepFunctions,
    relay,
    seeded,
    mailCatcher,
    files,
    lambda,
    scheduler,
    scheduledJobs: jobNames,
    console: consoleServer,
    async close() {
      await consoleServer?.close();
      await scheduler?.stop();
      await relayLoop.stop();
      await api.close();
      await lambda.close();
      await mailCatcher?.close();
      await files.close();
      await stepFunctions.close();
      client.destroy();
      await dynamo?.stop();
    },
  };
}

/** 'ok' when an SMTP server answers on the port with its 220 greeting. */
function smtpGreets(port: number): Promise<string> {
  return new Promise((resolveCheck) => {
    const socket = connect({ host: '127.0.0.1', port });
    const done = (state: string) => {
      socket.destroy();
      resolveCheck(state);
    };
    socket.setTimeout(2_000, () => done('no greeting'));
    socket.once('data', (chunk: Buffer) =>
      done(chunk.toString('utf8').startsWith('220') ? 'ok' : 'unexpected greeting'),
    );
    socket.once('error', () => done('unreachable'));
  });
}

/** Drains the outbox every `intervalMs` (one drain at a time); `stop` waits for the drain under way. */
function startRelayLoop(relay: OutboxRelay, intervalMs: number, log: (line: string) => void) {
  let stopped = intervalMs <= 0;
  let running: Promise<void> = Promise.resolve();
  let timer: NodeJS.Timeout | undefined;
  const round = async () => {
    try {
      const report = await relay.drain({ graceMs: 2_000, limit: 100 });
      if (report.tried > 0)
        log(
          `outbox: 미전달 요청 ${report.tried}건 처리 (전달 ${report.delivered}, 재시도 대기 ${report.retrying}, 전달 실패 ${report.dead})`,
        );
    } catch (error) {
      log(`outbox: 전달 중 오류 ${error instanceof Error ? error.message : String(error)}`);
    }
  };
  const schedule = () => {
    if (stopped) return;
    timer = setTimeout(() => {
      running = round().then(schedule);
    }, intervalMs);
  };
  schedule();
  return {
    async stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      await running;
    },
  };
}
