/** Small helpers for benchmark scripts: timing, percentiles, memory, a progress line, a floor of DynamoDB requests. */
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';

export async function timed(work: () => Promise<unknown>): Promise<number> {
  const t0 = performance.now();
  await work();
  return performance.now() - t0;
}

export function percentile(values: number[], p: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

/** Runs `worker(0..items-1)`, at most `concurrency` at a time; `onDone` gets the count finished so far. */
export async function pool<T>(
  items: number,
  worker: (i: number) => Promise<T>,
  concurrency: number,
  onDone?: (n: number) => void,
): Promise<T[]> {
  const results: T[] = new Array(items);
  let next = 0;
  let done = 0;
  await Promise.all(
    Array.from({ length: Math.min(concurrency, items) }, async () => {
      while (next < items) {
        const i = next++;
        results[i] = await worker(i);
        onDone?.(++done);
      }
    }),
  );
  return results;
}

export const rssMiB = () => process.memoryUsage().rss / (1024 * 1024);

/** A progress line on stderr, redrawn in place on a terminal and every 10% otherwise. */
export function progress(label: string, total: number): (done: number) => void {
  let lastShown = -1;
  const started = performance.now();
  return (done) => {
    const pct = Math.floor((done / total) * 100);
    if (!process.stderr.isTTY && pct < lastShown + 10 && done !== total) return;
    if (pct === lastShown && done !== total) return;
    lastShown = pct;
    const rate = done / ((performance.now() - started) / 1000);
    const line = `  ${label} ${done.toLocaleString()}/${total.toLocaleString()} (${pct}%, ${rate.toFixed(0)}/s)`;
    process.stderr.write(process.stderr.isTTY ? `\r${line}${done === total ? '\n' : ''}` : `${line}\n`);
  };
}

/**
 * Counts DynamoDB requests made by every client in this process (the service's, the handlers', the
 * bench's own), reads and writes apart, so a figure can be set beside the same requests made directly.
 */
export async function countDynamoDbRequests(): Promise<{ reads: number; writes: number; reset(): void }> {
  const { DynamoDBClient } = await import('@aws-sdk/client-dynamodb');
  const { DynamoDBDocumentClient } = await import('@aws-sdk/lib-dynamodb');
  const tally = {
    reads: 0,
    writes: 0,
    reset() {
      tally.reads = 0;
      tally.writes = 0;
    },
  };
  for (const type of [DynamoDBClient, DynamoDBDocumentClient]) {
    const proto = type.prototype as { send: (command: object, ...rest: unknown[]) => Promise<unknown> };
    const inherited = proto.send;
    proto.send = function (this: unknown, command: object, ...rest: unknown[]) {
      const name = command.constructor.name;
      if (/^(Get|BatchGet|Query|Scan|TransactGet)/.test(name)) tally.reads += 1;
      else if (/^(Put|Update|Delete|BatchWrite|TransactWrite)/.test(name)) tally.writes += 1;
      return inherited.call(this, command, ...rest);
    };
  }
  return tally;
}

/**
 * The floor of a figure: `items` units of work, each making `writes` two-item transactions and `reads`
 * consistent GetItems directly on the table (`concurrency` at once), so the system's own figure can be set
 * beside the same requests without the system. Seconds for all of them.
 */
export async function floorOfRequests(
  doc: DynamoDBDocumentClient,
  tableName: string,
  options: { items: number; writes: number; reads: number; concurrency: number },
): Promise<number> {
  const { GetCommand, TransactWriteCommand } = await import('@aws-sdk/lib-dynamodb');
  const { randomUUID } = await import('node:crypto');
  const started = performance.now();
  await pool(
    options.items,
    async (i) => {
      const pk = `FLOOR#${i}#${randomUUID()}`;
      for (let w = 0; w < Math.round(options.writes); w++) {
        await doc.send(
          new TransactWriteCommand({
            TransactItems: [
              { Put: { TableName: tableName, Item: { pk, sk: `ITEM#${w}`, data: 'x'.repeat(600) } } },
              { Put: { TableName: tableName, Item: { pk, sk: `EVENT#${w}`, data: 'x'.repeat(400) } } },
            ],
          }),
        );
      }
      for (let r = 0; r < Math.round(options.reads); r++) {
        await doc.send(new GetCommand({ TableName: tableName, Key: { pk, sk: 'ITEM#0' }, ConsistentRead: true }));
      }
    },
    options.concurrency,
  );
  return (performance.now() - started) / 1000;
}
