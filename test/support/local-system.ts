/**
 * Starts the real local system (the same one `npm start` runs) against the test run's DynamoDB Local,
 * on a free port with its own table, and gives tests a small HTTP client with demo users' tokens.
 */
import { randomUUID } from 'node:crypto';
import { DEMO_USERS } from '../../infra/local/demo-data.ts';
import { freePort } from '../../infra/local/dynamodb-local.ts';
import { startLocalSystem, type LocalSystem } from '../../infra/local/local-system.ts';
import type { Clock } from '../../infra/local/stepfunctions/index.ts';
import type { Role } from '#shared/domain/roles.ts';

export interface HttpResult<T = any> {
  status: number;
  headers: Headers;
  body: T;
}

/**
 * `clock`: the Step Functions service's clock, for tests that pass Wait states (e.g. a 30-day comment period) by moving it.
 * `jobs`: also start the mail catcher and the local scheduler without its timer, for tests that `tick` a job and read its mail.
 */
export async function startTestSystem(options: { clock?: Clock; jobs?: boolean } = {}) {
  const endpoint = process.env.AWS_ENDPOINT_URL_DYNAMODB;
  if (!endpoint) throw new Error('the global test setup did not start DynamoDB Local');
  const tableName = `e2e-${randomUUID()}`;
  const system: LocalSystem = await startLocalSystem({
    tableName,
    apiPort: await freePort(),
    dynamoEndpoint: endpoint,
    ...(options.clock && { clock: options.clock }),
    ...(options.jobs && { mailCatcher: {}, scheduler: { runLoop: false } }),
  });
  const tokens = new Map<Role, string>();
  const tokenFor = async (role: Role) => {
    let token = tokens.get(role);
    if (!token) {
      const user = DEMO_USERS[role];
      token = await system.issuer.mint({ sub: user.sub, email: user.email, name: user.name, roles: user.roles });
      tokens.set(role, token);
    }
    return token;
  };

  async function call<T = any>(
    method: string,
    path: string,
    options: { as?: Role; token?: string; body?: unknown; rawBody?: string; headers?: Record<string, string> } = {},
  ): Promise<HttpResult<T>> {
    const headers: Record<string, string> = { ...(options.headers ?? {}) };
    const token = options.token ?? (options.as ? await tokenFor(options.as) : undefined);
    if (token) headers.authorization = `Bearer ${token}`;
    let body: string | undefined = options.rawBody;
    if (options.body !== undefined) {
      headers['content-type'] = 'application/json';
      body = JSON.stringify(options.body);
    }
    const res = await fetch(`${system.apiUrl}${path}`, { method, headers, ...(body !== undefined && { body }) });
    const text = await res.text();
    return { status: res.status, headers: res.headers, body: text ? JSON.parse(text) : undefined };
  }

  return { system, call, tokenFor, users: DEMO_USERS, tableName };
}
