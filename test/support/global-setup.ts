/**
 * One in-memory DynamoDB Local for the whole test run, on a free port. Test files read its endpoint
 * from AWS_ENDPOINT_URL_DYNAMODB (the SDK's own endpoint override) and create their own tables.
 */
import type { TestProject } from 'vitest/node';
import { ensureConsoleBuilt } from '../../infra/local/console-server.ts';
import { startDynamoDbLocal, type DynamoDbLocal } from '../../infra/local/dynamodb-local.ts';

let engine: DynamoDbLocal | undefined;

export async function setup(_project: TestProject): Promise<void> {
  // The crash tests start the whole local system, which builds the console first when its build is
  // missing or older than web/src: build it here, once (a no-op when it is current), instead of in two
  // test files at once, writing the same web/dist side by side. `npm test`'s browser tests need it anyway.
  ensureConsoleBuilt();
  // A busy machine (several test runs at once) can take well over 30 s to start the JVM.
  engine = await startDynamoDbLocal({ timeoutMs: 180_000 });
  process.env.AWS_ENDPOINT_URL_DYNAMODB = engine.endpoint;
  process.env.AWS_REGION = 'ap-northeast-2';
  process.env.AWS_ACCESS_KEY_ID = 'local';
  process.env.AWS_SECRET_ACCESS_KEY = 'local';
}

export async function teardown(): Promise<void> {
  await engine?.stop();
}
