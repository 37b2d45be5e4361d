/** Small helpers for benchmark scripts: timing, percentiles, memory, a progress line, a floor of DynamoDB requests. */
import { readFileSync } from 'node:fs';
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

/** One request seen by `traceRequests`: which client, which operation, who made it, when (ms, performance.now()). */
export interface TracedRequest {
  service: 'dynamodb' | 'sfn';
  operation: string;
  detail: string;
  component: string;
  start: number;
  end: number;
}

/**
 * A timeline of every AWS SDK request made in this process while `recording` is on (DynamoDB and Step
 * Functions clients): start, end, operation, and which part of the system made it, told from the call's
 * stack (the step handlers run in process, called by the local Step Functions service). Only benches
 * use it (BENCH_TRACE=1); nothing in the system is changed by it.
 */
export async function traceRequests(): Promise<{ recording: boolean; entries: TracedRequest[] }> {
  const { DynamoDBClient } = await import('@aws-sdk/client-dynamodb');
  const { DynamoDBDocumentClient } = await import('@aws-sdk/lib-dynamodb');
  const { SFNClient } = await import('@aws-sdk/client-sfn');
  const trace = { recording: false, entries: [] as TracedRequest[] };
  const componentOf = (operation: string, fullStack: string): string => {
    // Gets sent together leave from a microtask as one BatchGetItem (shared/store/coalesced-gets.ts): who
    // asked is not on that stack.
    if (/^(Get|BatchGet)$/.test(operation) && /coalesced-gets/.test(fullStack)) return 'batched Get(s)';
    const stack = fullStack
      .split('\n')
      .filter((line) => !line.includes('coalesced-gets'))
      .join('\n');
    if (/tasksOfCase/.test(stack)) return 'bench';
    if (/functions\/steps\/|openHumanTask|lambda-bindings/.test(stack)) return 'step handler';
    if (/outbox-relay/.test(stack) && !/completeTask|createCase/.test(stack)) return 'outbox relay';
    if (/infra\/local\/stepfunctions\//.test(stack)) return 'local SFN service';
    if (/completeTask|createCase|usecases\//.test(stack)) return 'API use case';
    return 'bench';
  };
  const detailOf = (input: Record<string, unknown> | undefined): string => {
    if (!input) return '';
    const key = (input.Key ?? (input.Item as Record<string, unknown> | undefined)) as
      | Record<string, unknown>
      | undefined;
    if (key?.sk !== undefined) return String(key.sk).replace(/#.*/, '#…');
    if (Array.isArray(input.TransactItems)) {
      return `${input.TransactItems.length} items: ${(
        input.TransactItems as Record<string, { Item?: { sk?: unknown }; Key?: { sk?: unknown } }>[]
      )
        .map((t) => {
          const [kind, body] = Object.entries(t)[0]!;
          return `${kind}:${String(body.Item?.sk ?? body.Key?.sk ?? '?').replace(/#.*/, '')}`;
        })
        .join(',')}`;
    }
    if (input.IndexName) return `index ${String(input.IndexName)}`;
    if (input.KeyConditionExpression) return 'query';
    return '';
  };
  const patch = (type: { prototype: unknown }, service: TracedRequest['service']) => {
    const proto = type.prototype as { send: (command: object, ...rest: unknown[]) => Promise<unknown> };
    const inherited = proto.send;
    proto.send = function (this: unknown, command: object, ...rest: unknown[]) {
      if (!trace.recording) return inherited.call(this, command, ...rest);
      const limit = Error.stackTraceLimit;
      Error.stackTraceLimit = 60;
      const stack = new Error().stack ?? '';
      Error.stackTraceLimit = limit;
      const operation = command.constructor.name.replace(/Command$/, '');
      const entry: TracedRequest = {
        service,
        operation,
        detail: detailOf((command as { input?: Record<string, unknown> }).input),
        component: componentOf(operation, stack),
        start: performance.now(),
        end: Number.NaN,
      };
      trace.entries.push(entry);
      const sent = inherited.call(this, command, ...rest);
      void sent.then(
        () => (entry.end = performance.now()),
        () => (entry.end = performance.now()),
      );
      return sent;
    };
  };
  patch(DynamoDBClient, 'dynamodb');
  patch(DynamoDBDocumentClient, 'dynamodb');
  patch(SFNClient, 'sfn');
  return trace;
}

/**
 * The timeline of one traced interval, as lines: each request with its start and end relative to `t0`,
 * and every stretch in which no DynamoDB request was in flight (the process's own work — the SDK, the
 * service, the handlers — or a wait on a timer; `elu` tells which: the event loop's busy share then).
 */
export function timelineLines(entries: TracedRequest[], t0: number, t1: number): string[] {
  const lines: string[] = [];
  const sorted = [...entries].sort((a, b) => a.start - b.start);
  let busyUntil = t0;
  let gaps = 0;
  const ms = (t: number) => (t - t0).toFixed(1).padStart(6);
  for (const e of sorted) {
    if (e.service === 'dynamodb' && e.start > busyUntil + 0.05) {
      lines.push(
        `  ${ms(busyUntil)} → ${ms(e.start)}           no DynamoDB request in flight: ${(e.start - busyUntil).toFixed(1)} ms`,
      );
      gaps += e.start - busyUntil;
    }
    lines.push(
      `  ${ms(e.start)} → ${ms(e.end)}  ${(e.end - e.start).toFixed(1).padStart(5)} ms  ${e.component.padEnd(18)} ${e.service === 'sfn' ? 'Step Functions ' : ''}${e.operation} ${e.detail}`,
    );
    if (e.service === 'dynamodb') busyUntil = Math.max(busyUntil, e.end);
  }
  if (t1 > busyUntil + 0.05) {
    lines.push(
      `  ${ms(busyUntil)} → ${ms(t1)}           no DynamoDB request in flight: ${(t1 - busyUntil).toFixed(1)} ms`,
    );
    gaps += t1 - busyUntil;
  }
  lines.push(`  total ${(t1 - t0).toFixed(1)} ms; no DynamoDB request in flight for ${gaps.toFixed(1)} ms of it`);
  return lines;
}

/**
 * CPU time used so far (ms) by this process (the system: API use cases, local Step Functions service,
 * step handlers, bench) and by the DynamoDB Local process the bench started (BENCH_DYNAMODB_PID, read
 * from /proc; NaN where that cannot be read). The difference of two readings is what a phase cost.
 */
export function cpuTimes(): { node: number; dynamodb: number } {
  const own = process.cpuUsage();
  let dynamodb = Number.NaN;
  try {
    const stat = readFileSync(`/proc/${process.env.BENCH_DYNAMODB_PID}/stat`, 'utf8');
    // Fields after the command's closing parenthesis: utime and stime are the 12th and 13th, in clock ticks (100/s).
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    dynamodb = ((Number(fields[11]) + Number(fields[12])) * 1000) / 100;
  } catch {
    // Not Linux, or no such process: the figure is left out.
  }
  return { node: (own.user + own.system) / 1000, dynamodb };
}

/** CPU ms per unit of work between two `cpuTimes()` readings, as a printable phrase. */
export function cpuPer(before: { node: number; dynamodb: number }, units: number, unit: string): string {
  const now = cpuTimes();
  const node = (now.node - before.node) / units;
  const dynamodb = (now.dynamodb - before.dynamodb) / units;
  return `CPU per ${unit}: this process ${node.toFixed(1)} ms, DynamoDB Local ${Number.isNaN(dynamodb) ? '?' : dynamodb.toFixed(1)} ms`;
}
