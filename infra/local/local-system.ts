/**
 * The whole system on one machine: DynamoDB Local, the table, the local user pool and the HTTP API
 * running the Lambda handlers in process. `npm start` and the end-to-end tests both use this.
 */
import { join } from 'node:path';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { z } from 'zod';
import { roleSchema } from '../../shared/domain/roles.ts';
import { CaseRepository } from '../../shared/store/case-repository.ts';
import { createDocumentClient } from '../../shared/store/dynamo-client.ts';
import { IdempotencyStore } from '../../shared/store/idempotency-store.ts';
import { StaffRepository } from '../../shared/store/staff-repository.ts';
import { caseUseCases } from '../../shared/usecases/case-usecases.ts';
import { startLocalApi, type LocalApi } from './api-server.ts';
import { createLocalIssuer, type LocalIssuer } from './auth/local-issuer.ts';
import { ensureTable } from './bootstrap-table.ts';
import { DEMO_USERS, seedDemoData } from './demo-data.ts';
import { startDynamoDbLocal, type DynamoDbLocal } from './dynamodb-local.ts';
import { LOCAL_USER_POOL, localIssuer } from './local-settings.ts';

export interface LocalSystemOptions {
  tableName: string;
  apiPort: number;
  /** Keep data here (DynamoDB files, signing key); in memory when absent. */
  dataDir?: string;
  /** Use an already running DynamoDB Local (tests share one); otherwise start one. */
  dynamoEndpoint?: string;
  dynamoPort?: number;
  seed?: boolean;
  log?: (line: string) => void;
}

export interface LocalSystem {
  apiUrl: string;
  dynamoEndpoint: string;
  issuer: LocalIssuer;
  api: LocalApi;
  seeded: { staffAdded: number; casesAdded: number } | undefined;
  close(): Promise<void>;
}

const SEED_MARKER = { pk: 'SEED#demo', sk: 'SEED' };
const tokenRequest = z.object({ role: roleSchema });

export async function startLocalSystem(options: LocalSystemOptions): Promise<LocalSystem> {
  const log = options.log ?? (() => undefined);
  let dynamo: DynamoDbLocal | undefined;
  let endpoint = options.dynamoEndpoint;
  if (!endpoint) {
    log('DynamoDB Local 시작 중 (Java)…');
    dynamo = await startDynamoDbLocal({ ...(options.dataDir && { dataDir: join(options.dataDir, 'dynamodb') }), ...(options.dynamoPort && { port: options.dynamoPort }) });
    endpoint = dynamo.endpoint;
  }

  // Application code finds its services the way it does on AWS: through the SDK's settings.
  Object.assign(process.env, {
    AWS_ENDPOINT_URL_DYNAMODB: endpoint,
    AWS_REGION: process.env.AWS_REGION ?? LOCAL_USER_POOL.region,
    AWS_ACCESS_KEY_ID: process.env.AWS_ACCESS_KEY_ID ?? 'local',
    AWS_SECRET_ACCESS_KEY: process.env.AWS_SECRET_ACCESS_KEY ?? 'local',
    TABLE_NAME: options.tableName,
    APP_BASE_URL: `http://localhost:${options.apiPort}`,
    JWT_ISSUER: localIssuer(),
    JWT_AUDIENCE: LOCAL_USER_POOL.clientId,
  });

  const client = new DynamoDBClient({ endpoint });
  const doc = createDocumentClient(client);
  const created = await ensureTable(client, options.tableName);
  log(created === 'created' ? `테이블 생성: ${options.tableName}` : `기존 테이블 사용: ${options.tableName}`);

  let seeded: LocalSystem['seeded'];
  if (options.seed ?? true) {
    const marker = await doc.send(new GetCommand({ TableName: options.tableName, Key: SEED_MARKER }));
    if (!marker.Item) {
      const staff = new StaffRepository(doc, options.tableName);
      const cases = caseUseCases({ cases: new CaseRepository(doc, options.tableName), staff, idempotency: new IdempotencyStore(doc, options.tableName) });
      seeded = await seedDemoData(staff, cases);
      await doc.send(new PutCommand({ TableName: options.tableName, Item: { ...SEED_MARKER, entity: 'seed', seededAt: new Date().toISOString() } }));
      log(`데모 데이터 입력: 직원 ${seeded.staffAdded}명, 사건 ${seeded.casesAdded}건`);
    }
  }

  const issuer = await createLocalIssuer(options.dataDir ? join(options.dataDir, 'local-signing-key.json') : undefined);
  const api = await startLocalApi({
    port: options.apiPort,
    issuer,
    localRoutes: async (req, url, body) => {
      if (url.pathname === '/local/jwks.json' && req.method === 'GET') return { statusCode: 200, body: issuer.jwks };
      if (url.pathname !== '/local/token') return undefined;
      if (req.method !== 'POST') return { statusCode: 405, body: { error: { code: 'METHOD_NOT_ALLOWED', message: 'POST {"role": "..."}', messageKo: 'POST로 요청하세요' } } };
      let parsedBody: unknown;
      try {
        parsedBody = JSON.parse(body || '{}');
      } catch {
        parsedBody = undefined;
      }
      const parsed = tokenRequest.safeParse(parsedBody);
      if (!parsed.success) {
        return { statusCode: 400, body: { error: { code: 'VALIDATION_FAILED', field: 'role', rule: 'invalid_value', message: `role must be one of ${roleSchema.options.join(', ')}`, messageKo: `role은 다음 중 하나여야 합니다: ${roleSchema.options.join(', ')}` } } };
      }
      const user = DEMO_USERS[parsed.data.role];
      const token = await issuer.mint({ sub: user.sub, email: user.email, name: user.name, roles: user.roles });
      return { statusCode: 200, body: { token, role: parsed.data.role, name: user.name, email: user.email, sub: user.sub, expiresInSeconds: 8 * 60 * 60 } };
    },
    componentChecks: async () => ({ dynamodbLocal: dynamo ? (dynamo.process.exitCode === null ? 'ok' : 'exited') : 'ok', userPool: 'ok' }),
  });

  return {
    apiUrl: api.url,
    dynamoEndpoint: endpoint,
    issuer,
    api,
    seeded,
    async close() {
      await api.close();
      client.destroy();
      await dynamo?.stop();
    },
  };
}
