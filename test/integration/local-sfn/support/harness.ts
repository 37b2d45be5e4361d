/**
 * Starts the local Step Functions service on a fresh table in the test's DynamoDB Local, with a
 * manual clock, and an SDK client pointed at it — the same client application code uses.
 */
import { randomUUID } from 'node:crypto';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import {
  DescribeExecutionCommand,
  GetExecutionHistoryCommand,
  SFNClient,
  type HistoryEvent,
} from '@aws-sdk/client-sfn';
import {
  ManualClock,
  startLocalStepFunctions,
  type LocalStepFunctions,
  type LocalStepFunctionsOptions,
} from '../../../../infra/local/stepfunctions/index.ts';

export const START_TIME = '2026-03-02T00:00:00.000Z';

export function uniqueTableName(prefix = 'local-sfn'): string {
  return `${prefix}-${randomUUID()}`;
}

export interface Harness {
  sfn: LocalStepFunctions;
  client: SFNClient;
  clock: ManualClock;
  tableName: string;
  stop(): Promise<void>;
}

export async function startHarness(options: Partial<LocalStepFunctionsOptions> = {}): Promise<Harness> {
  const clock = options.clock instanceof ManualClock ? options.clock : new ManualClock(START_TIME);
  const tableName = options.tableName ?? uniqueTableName();
  const sfn = await startLocalStepFunctions({ inlineDelayThresholdMs: 0, ...options, tableName, clock });
  const client = sfnClient(sfn.endpoint);
  return {
    sfn,
    client,
    clock,
    tableName,
    stop: async () => {
      client.destroy();
      await sfn.close();
    },
  };
}

export function sfnClient(endpoint: string): SFNClient {
  return new SFNClient({
    endpoint,
    region: 'ap-northeast-2',
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
    maxAttempts: 1,
  });
}

export function dynamoDbClient(): DynamoDBClient {
  return new DynamoDBClient({});
}

export async function describeExecution(client: SFNClient, executionArn: string) {
  return client.send(new DescribeExecutionCommand({ executionArn }));
}

export async function history(client: SFNClient, executionArn: string): Promise<HistoryEvent[]> {
  const events: HistoryEvent[] = [];
  let nextToken: string | undefined;
  do {
    const page = await client.send(new GetExecutionHistoryCommand({ executionArn, nextToken, maxResults: 1000 }));
    events.push(...(page.events ?? []));
    nextToken = page.nextToken;
  } while (nextToken);
  return events;
}

/** Names of the states entered, in order, from the execution history. */
export function statesEntered(events: HistoryEvent[]): string[] {
  return events.flatMap((event) => (event.stateEnteredEventDetails?.name ? [event.stateEnteredEventDetails.name] : []));
}

/** Records what each bound handler was called with; a stand-in for the real step handlers. */
export class Calls<T = unknown> {
  readonly events: T[] = [];
  record(event: T): void {
    this.events.push(event);
  }
  get count(): number {
    return this.events.length;
  }
  last(): T {
    const event = this.events.at(-1);
    if (event === undefined) throw new Error('no call recorded');
    return event;
  }
}
