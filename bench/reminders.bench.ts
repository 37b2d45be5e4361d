/**
 * Deadline-reminder benchmark (issue 6): the morning job's time with N open tasks of which 1,000 are
 * due, for N = 100,000 and 200,000 (BENCH_REMINDER_SIZES, comma-separated; BENCH_REMINDER_DUE for
 * the due count). The job reads the open-task index only up to its horizon, so the time should
 * follow the due tasks and barely change with N. Tasks are seeded straight into the table in
 * batches with the task repository's own item layout; the tasks that are not due are put beyond the
 * job's horizon (as the index would hold tasks due months from now), the due ones on 50 cases
 * created through the real use case. Mail goes over SMTP to the local catcher, as with `npm start`.
 * Besides the wall time it prints each step of the run (recover, read the index, evaluate, send the
 * digests, record the histories) and the calls made, by DynamoDB command, with their summed time.
 * The machine's load average is printed too: on a shared machine the figures are noisy.
 */
import { randomUUID } from 'node:crypto';
import { loadavg } from 'node:os';
import { DeleteTableCommand, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { BatchWriteCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { DEMO_STAFF, DEMO_USERS } from '../infra/local/demo-data.ts';
import { ensureTable } from '../infra/local/bootstrap-table.ts';
import { startMailCatcher } from '../infra/local/mail-catcher/mail-catcher.ts';
import { createCalendar } from '#shared/calendar/index.ts';
import type { TaskRecord } from '#shared/domain/task.ts';
import { createSmtpMailer, type Mailer } from '#shared/mail/mailer.ts';
import { CaseRepository } from '#shared/store/case-repository.ts';
import { createDocumentClient } from '#shared/store/dynamo-client.ts';
import { IdempotencyStore } from '#shared/store/idempotency-store.ts';
import { cachedStaffDirectory, ReminderStore } from '#shared/store/reminder-store.ts';
import { StaffRepository } from '#shared/store/staff-repository.ts';
import { TaskRepository } from '#shared/store/task-repository.ts';
import { caseUseCases } from '#shared/usecases/case-usecases.ts';
import { DEFAULT_DEADLINE_REMINDER_OPTIONS, deadlineReminders } from '#shared/usecases/deadline-reminders.ts';
import { opened } from '#shared/store/atomic-write.ts';
import { progress, timed } from './bench-utils.ts';

const SIZES = (process.env.BENCH_REMINDER_SIZES ?? '100000,200000').split(',').map(Number);
const DUE = Number(process.env.BENCH_REMINDER_DUE ?? 1_000);
const DUE_CASES = 50;
const BATCH = 25;
const WRITERS = 12;
/** A business-day morning: 08:30 KST on Tuesday 1 December 2026. */
const RUN_AT = new Date('2026-12-01T08:30:00+09:00');
const quiet = () => undefined;

/** Counts the calls the job makes, by DynamoDB command (and mail sends), with their summed wall time. */
function countingCalls<D extends DynamoDBDocumentClient, M extends Mailer>(doc: D, mailer: M) {
  const calls = new Map<string, { count: number; ms: number }>();
  const record = async <T>(kind: string, call: () => Promise<T>): Promise<T> => {
    const t0 = performance.now();
    try {
      return await call();
    } finally {
      const entry = calls.get(kind) ?? { count: 0, ms: 0 };
      entry.count += 1;
      entry.ms += performance.now() - t0;
      calls.set(kind, entry);
    }
  };
  const countedDoc = new Proxy(doc, {
    get(target, property, receiver) {
      if (property === 'send')
        return (command: Parameters<DynamoDBDocumentClient['send']>[0]) =>
          record(command.constructor.name.replace(/Command$/, ''), () => target.send(command as never));
      return Reflect.get(target, property, receiver);
    },
  });
  const countedMailer: Pick<Mailer, 'send'> = { send: (mail) => record('mail', () => mailer.send(mail)) };
  return {
    doc: countedDoc,
    mailer: countedMailer,
    /** e.g. `Query 8 (0.1 s), BatchGet 12 (0.3 s), …`, then resets. */
    take(): string {
      const text = [...calls]
        .map(([kind, { count, ms }]) => `${kind} ${count} (${(ms / 1000).toFixed(2)} s)`)
        .join(', ');
      calls.clear();
      return text;
    },
  };
}

const assignees = DEMO_STAFF.filter((m) => m.roles.includes('investigator'));

function task(i: number, caseRef: { caseId: string; caseNumber: string }, openedAt: string, dueAt: string): TaskRecord {
  const assignee = assignees[i % assignees.length]!;
  return {
    taskId: `bench-${i}-${randomUUID().slice(0, 8)}`,
    caseId: caseRef.caseId,
    caseNumber: caseRef.caseNumber,
    caseTitle: `벤치마크 사건 ${caseRef.caseNumber}`,
    sealed: false,
    type: 'investigate',
    titleKo: '조사 업무',
    stage: 'investigation',
    assignee: { sub: assignee.sub },
    allowedDecisions: ['submit'],
    openedAt,
    dueAt,
    status: 'open',
    executionArn: `arn:aws:states:ap-northeast-2:000000000000:execution:bench:${caseRef.caseId}`,
    stateName: 'Investigate the case',
    taskToken: randomUUID(),
  };
}

/** Writes items in BatchWriteItem batches of 25, a few batches at a time, retrying unprocessed items. */
async function seed(
  doc: DynamoDBDocumentClient,
  tableName: string,
  count: number,
  itemOf: (i: number) => Record<string, unknown>,
  label: string,
): Promise<void> {
  const report = progress(label, count);
  let next = 0;
  let done = 0;
  await Promise.all(
    Array.from({ length: WRITERS }, async () => {
      while (next < count) {
        const start = next;
        const end = Math.min(count, start + BATCH);
        next = end;
        let requests = Array.from({ length: end - start }, (_, k) => ({ PutRequest: { Item: itemOf(start + k) } }));
        while (requests.length > 0) {
          const out = await doc.send(new BatchWriteCommand({ RequestItems: { [tableName]: requests } }));
          requests = (out.UnprocessedItems?.[tableName] ?? []) as typeof requests;
        }
        done += end - start;
        report(done);
      }
    }),
  );
}

async function benchOne(openTasks: number): Promise<void> {
  const tableName = `bench-reminders-${randomUUID()}`;
  const client = new DynamoDBClient({});
  await ensureTable(client, tableName);
  const doc = createDocumentClient(client);
  const staff = new StaffRepository(doc, tableName);
  for (const member of DEMO_STAFF) await staff.putIfAbsent(member);
  const caseRepository = new CaseRepository(doc, tableName);
  const tasks = new TaskRepository(doc, tableName);
  const lead = DEMO_USERS['team-lead'];
  const cases = caseUseCases({
    cases: caseRepository,
    staff,
    idempotency: new IdempotencyStore(doc, tableName),
    clock: () => new Date('2026-11-02T09:00:00+09:00'),
    log: quiet,
  });
  const dueCases: { caseId: string; caseNumber: string }[] = [];
  for (let i = 0; i < DUE_CASES; i++) {
    const { result } = await cases.createCase(
      { sub: lead.sub, name: lead.name, email: lead.email, roles: lead.roles },
      { kind: 'case-review', title: `벤치마크 사건 ${i}` },
    );
    dueCases.push(result.case);
  }

  const horizonDays = DEFAULT_DEADLINE_REMINDER_OPTIONS.horizonDays;
  const farDue = new Date(RUN_AT.getTime() + (horizonDays + 60) * 86_400_000);
  const notDueCase = { caseId: `bench-far-${randomUUID()}`, caseNumber: '2027-조사-9999' };
  const itemOf = (t: TaskRecord) => (opened([tasks.putOpen(t)])[0]!.Put as { Item: Record<string, unknown> }).Item;
  // Due tasks: opened 10 days ago with due dates from a week ago to tomorrow (overdue, due today, past 50/75%).
  await seed(
    doc,
    tableName,
    DUE,
    (i) => {
      const dueAt = new Date(RUN_AT.getTime() + ((i % 9) - 7) * 86_400_000).toISOString();
      return itemOf(task(i, dueCases[i % DUE_CASES]!, '2026-11-20T09:00:00+09:00', dueAt));
    },
    `due tasks (${DUE.toLocaleString()})`,
  );
  await seed(
    doc,
    tableName,
    openTasks - DUE,
    (i) =>
      itemOf(
        task(
          DUE + i,
          notDueCase,
          '2026-11-30T09:00:00+09:00',
          new Date(farDue.getTime() + (i % 90) * 86_400_000).toISOString(),
        ),
      ),
    `open tasks beyond the horizon`,
  );

  const catcher = await startMailCatcher();
  const mailer = createSmtpMailer({
    host: '127.0.0.1',
    port: catcher.smtpPort,
    secure: false,
    from: { name: '감사담당관', address: 'gamsa@gamsa.local' },
  });
  const counted = countingCalls(doc, mailer);
  const countedStaff = new StaffRepository(counted.doc, tableName);
  const job = deadlineReminders({
    store: new ReminderStore(counted.doc, tableName),
    cases: new CaseRepository(counted.doc, tableName),
    staffDirectory: () => cachedStaffDirectory(countedStaff, [DEMO_USERS.head.sub]),
    mailer: counted.mailer,
    calendar: createCalendar(),
    mail: { officeName: '감사담당관', baseUrl: 'http://localhost:4000' },
    messageIdDomain: 'gamsa.local',
    log: quiet,
  });
  let report: Awaited<ReturnType<typeof job.run>> | undefined;
  const ms = await timed(async () => {
    report = await job.run(RUN_AT);
  });
  const firstCalls = counted.take();
  let rerun: Awaited<ReturnType<typeof job.run>> | undefined;
  const rerunMs = await timed(async () => {
    rerun = await job.run(RUN_AT);
  });
  console.log(
    `  ${openTasks.toLocaleString()} open / ${DUE.toLocaleString()} due: job ${(ms / 1000).toFixed(2)} s ` +
      `(read ${report!.tasksRead.toLocaleString()} tasks, ${report!.tasksDue} due, ${report!.digestsSent} digests, ${report!.remindersSent} reminders, ${catcher.messages().length} mails); ` +
      `re-run of the same morning ${(rerunMs / 1000).toFixed(2)} s (${rerun!.digestsSent} more digests; a digest carries up to ${DEFAULT_DEADLINE_REMINDER_OPTIONS.maxItemsPerDigest} items and lists ${DEFAULT_DEADLINE_REMINDER_OPTIONS.listInFull} in full)`,
  );
  const steps = (r: typeof report) =>
    Object.entries(r!.timings)
      .map(([step, ms]) => `${step.replace(/Ms$/, '')} ${(ms / 1000).toFixed(2)} s`)
      .join(', ');
  console.log(`    steps of the run: ${steps(report)}; of the re-run: ${steps(rerun)}`);
  console.log(
    `    load average at the end: ${loadavg()
      .map((l) => l.toFixed(2))
      .join(' ')} (the machine is shared: figures are noisy)`,
  );
  console.log(`    calls of the run (count, summed time of overlapping calls): ${firstCalls}`);
  console.log(`    calls of the re-run: ${counted.take()}`);
  mailer.close();
  await catcher.close();
  // DynamoDB Local keeps tables in memory here: free this one before seeding the next size.
  await client.send(new DeleteTableCommand({ TableName: tableName }));
  client.destroy();
}

export async function runRemindersBench(): Promise<void> {
  for (const size of SIZES) await benchOne(size);
}
