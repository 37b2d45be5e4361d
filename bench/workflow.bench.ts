/**
 * Workflow benchmark on the local system (issue: the workflow spine). Prints:
 *  - workflow state transitions per second while many cases run their lifecycle,
 *  - p50/p99 latency of "complete task → next task open", beside the floor: the same DynamoDB
 *    transactions written directly (no workflow engine), measured in the same run,
 *  - resident memory of the process with N parked executions (N = BENCH_PARKED, default 10,000).
 */
import { randomUUID } from 'node:crypto';
import { TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { GetExecutionHistoryCommand, SFNClient } from '@aws-sdk/client-sfn';
import { createCalendar } from '#shared/calendar/index.ts';
import { CaseRepository, RelatedItemConflictError } from '#shared/store/case-repository.ts';
import { IdempotencyStore } from '#shared/store/idempotency-store.ts';
import { StaffRepository } from '#shared/store/staff-repository.ts';
import { TaskRepository } from '#shared/store/task-repository.ts';
import { OutboxStore } from '#shared/store/outbox-store.ts';
import { caseUseCases } from '#shared/usecases/case-usecases.ts';
import { taskUseCases } from '#shared/usecases/task-usecases.ts';
import { stepFunctionsSignaller } from '#shared/workflow/case-workflows.ts';
import { DEMO_USERS } from '../infra/local/demo-data.ts';
import type { Actor, Role } from '#shared/domain/roles.ts';
import { startBenchSystem } from './bench-system.ts';
import {
  countDynamoDbRequests,
  cpuPer,
  cpuTimes,
  percentile,
  pool,
  progress,
  rssMiB,
  timed,
  timelineLines,
  traceRequests,
} from './bench-utils.ts';

const LIFECYCLE_CASES = Number(process.env.BENCH_CASES ?? 200);
const PARKED = Number(process.env.BENCH_PARKED ?? 10_000);
const CONCURRENCY = 16;
const SEQUENTIAL_CASES = Number(process.env.BENCH_SEQUENTIAL_CASES ?? 20);
/** BENCH_TRACE=n: after the one-at-a-time lifecycles, n more with every request's timeline printed. */
const TRACED = Number(process.env.BENCH_TRACE ?? 0);

const actor = (role: Role): Actor => {
  const u = DEMO_USERS[role];
  return { sub: u.sub, name: u.name, email: u.email, roles: u.roles };
};

export async function runWorkflowBench(): Promise<void> {
  const requests = await countDynamoDbRequests();
  const trace = TRACED > 0 ? await traceRequests() : undefined;
  const { tableName, system, doc, workflows } = await startBenchSystem('workflow');
  const caseRepo = new CaseRepository(doc, tableName);
  const staff = new StaffRepository(doc, tableName);
  const idempotency = new IdempotencyStore(doc, tableName);
  // Composed as the API composes them (functions/wiring): with the outbox, so a decision's delivery is
  // recorded with it and marked delivered after, as in production.
  const outbox = new OutboxStore(doc, tableName);
  const cases = caseUseCases({
    cases: caseRepo,
    staff,
    idempotency,
    workflows,
    outbox,
    log: () => undefined,
  });
  const tasks = taskUseCases({
    cases: caseRepo,
    tasks: new TaskRepository(doc, tableName),
    staff,
    idempotency,
    signaller: stepFunctionsSignaller(),
    outbox,
    calendar: createCalendar(),
    log: () => undefined,
  });
  const sfn = new SFNClient({});

  const lead = actor('team-lead');
  const investigator = actor('investigator');
  const head = actor('head');

  // A task opens in the same transaction as its case write (openHumanTask), and the step handlers run
  // in this process: a waiter wakes when its case is written and then reads once. Polling every few
  // milliseconds instead kept one query per waiting case in flight against the DynamoDB Local the
  // workflow itself was measured on (16 at once: 16 queries competing with the writes timed).
  // The moment the write that opened a task landed is remembered (by case and task type): "complete →
  // next task open" ends there, as the floor's last write does; the read that finds the task follows.
  const caseWritten = new Map<string, Set<() => void>>();
  const taskOpenedAt = new Map<string, number>();
  const commit = CaseRepository.prototype.commit;
  CaseRepository.prototype.commit = async function (this: CaseRepository, ...args: Parameters<typeof commit>) {
    const written = await commit.apply(this, args);
    const landed = performance.now();
    for (const write of (args[3] ?? []) as { Put?: { Item?: Record<string, unknown> } }[]) {
      const item = write.Put?.Item;
      if (item?.entity === 'task' && item.status === 'open') taskOpenedAt.set(`${args[0].caseId} ${item.type}`, landed);
    }
    for (const wake of caseWritten.get(args[0].caseId) ?? []) wake();
    return written;
  };
  function nextCaseWrite(caseId: string, timeoutMs: number): { landed: Promise<void>; cancel(): void } {
    const waiters = caseWritten.get(caseId) ?? new Set<() => void>();
    caseWritten.set(caseId, waiters);
    let wake!: () => void;
    const landed = new Promise<void>((resolve) => {
      wake = resolve;
    });
    const timer = setTimeout(wake, timeoutMs);
    const cancel = () => {
      clearTimeout(timer);
      waiters.delete(wake);
      if (waiters.size === 0) caseWritten.delete(caseId);
    };
    waiters.add(wake);
    return { landed: landed.then(cancel), cancel };
  }

  /** The open task of that type, when its write landed, and when this read saw it. */
  async function openTask(caseId: string, type: string) {
    for (;;) {
      // Listen before reading, so a write landing during the read still wakes this waiter.
      const write = nextCaseWrite(caseId, 100);
      const open = (await tasks.tasksOfCase(caseId)).find((t) => t.status === 'open' && t.type === type);
      if (open) {
        const seenAt = performance.now();
        write.cancel();
        const key = `${caseId} ${type}`;
        const landedAt = taskOpenedAt.get(key) ?? seenAt;
        taskOpenedAt.delete(key);
        return { ...open, landedAt, seenAt };
      }
      await write.landed;
    }
  }

  /**
   * Registers a case as a client does: an intake refused by the case-number counter (409; intakes of
   * one process take turns since issue 19, so this should print 0) is sent again, and counted.
   */
  let counterRaces = 0;
  async function register(title: string) {
    for (;;) {
      try {
        return await cases.createCase(lead, { kind: 'case-review', title });
      } catch (error) {
        if (!(error instanceof RelatedItemConflictError)) throw error;
        counterRaces += 1;
      }
    }
  }

  /** "Complete → next task open": until the write that opened the next task landed, and until a read saw it. */
  interface Latencies {
    landed: number[];
    seen: number[];
  }
  const latencySet = (): Latencies => ({ landed: [], seen: [] });

  async function lifecycle(
    i: number,
    latencies: Latencies,
    traced?: (step: string, t0: number, landedAt: number, seenAt: number, eventLoopBusy: number) => void,
  ): Promise<string> {
    const { result } = await register(`벤치마크 사건 ${i}`);
    const caseId = result.case.caseId;
    const steps: [Actor, string, Parameters<typeof tasks.completeTask>[3]][] = [
      [lead, 'assign', { decision: 'assign', assigneeSub: investigator.sub }],
      [investigator, 'investigate', { decision: 'submit', findings: '조사 결과' }],
      [head, 'approve', { decision: 'approve' }],
    ];
    for (const [who, type, form] of steps) {
      const task = await openTask(caseId, type);
      if (traced) await system.stepFunctions.settle();
      const elu0 = performance.eventLoopUtilization();
      const t0 = performance.now();
      await tasks.completeTask(who, caseId, task.taskId, form);
      if (type !== 'approve') {
        const next = await openTask(caseId, type === 'assign' ? 'investigate' : 'approve');
        latencies.landed.push(next.landedAt - t0);
        latencies.seen.push(next.seenAt - t0);
        traced?.(type, t0, next.landedAt, next.seenAt, performance.eventLoopUtilization(elu0).utilization);
      }
    }
    return caseId;
  }

  /**
   * Every transaction on the critical path of a "complete → next task", written directly one after the
   * other with the same item counts: the decision (case, event, task, outbox intent), the workflow's
   * answer with the next task's token (execution record, 7 history events, 2 token rows), the step's
   * task opening (case, 2 events, task).
   */
  const criticalPathWrites = (i: number) =>
    timed(async () => {
      const pk = `FLOOR3#${i}#${randomUUID()}`;
      for (const [prefix, items] of [
        ['A', 4],
        ['B', 10],
        ['C', 4],
      ] as const) {
        await doc.send(
          new TransactWriteCommand({
            TransactItems: Array.from({ length: items }, (_, k) => ({
              Put: { TableName: tableName, Item: { pk, sk: `${prefix}#${k}`, data: 'x'.repeat(k === 0 ? 600 : 400) } },
            })),
          }),
        );
      }
    });

  /** The same two transactions a "complete → next task" makes in our table (complete; open next), written directly. */
  const floorWrites = (i: number) =>
    timed(async () => {
      const pk = `FLOOR#${i}#${randomUUID()}`;
      await doc.send(
        new TransactWriteCommand({
          TransactItems: [
            { Put: { TableName: tableName, Item: { pk, sk: 'CASE', version: 2, data: 'x'.repeat(600) } } },
            { Put: { TableName: tableName, Item: { pk, sk: 'EVENT#00000002', data: 'x'.repeat(400) } } },
            { Put: { TableName: tableName, Item: { pk, sk: 'TASK#1', status: 'completed' } } },
          ],
        }),
      );
      await doc.send(
        new TransactWriteCommand({
          TransactItems: [
            { Put: { TableName: tableName, Item: { pk, sk: 'CASE', version: 3, data: 'x'.repeat(600) } } },
            { Put: { TableName: tableName, Item: { pk, sk: 'EVENT#00000003', data: 'x'.repeat(400) } } },
            { Put: { TableName: tableName, Item: { pk, sk: 'EVENT#00000004', data: 'x'.repeat(400) } } },
            { Put: { TableName: tableName, Item: { pk, sk: 'TASK#2', status: 'open' } } },
          ],
        }),
      );
    });

  // 1. Lifecycles: intake → assign → investigate → approve → closed, many cases at once, then one at a time.
  console.log(
    `\n[1/3] ${LIFECYCLE_CASES}건의 사건을 끝까지 처리 (동시 ${CONCURRENCY}), 이어서 ${SEQUENTIAL_CASES}건을 하나씩`,
  );
  const latencies = latencySet();
  const bar = progress('lifecycles', LIFECYCLE_CASES);
  const started = performance.now();
  const cpuAtStart = cpuTimes();
  const caseIds = await pool(LIFECYCLE_CASES, (i) => lifecycle(i, latencies), CONCURRENCY, bar);
  await system.stepFunctions.settle();
  const elapsedS = (performance.now() - started) / 1000;
  const concurrentCpu = cpuPer(cpuAtStart, LIFECYCLE_CASES, 'lifecycle');
  const sequentialLatencies = latencySet();
  requests.reset();
  const cpuAtSequential = cpuTimes();
  await pool(SEQUENTIAL_CASES, (i) => lifecycle(LIFECYCLE_CASES + i, sequentialLatencies), 1);
  await system.stepFunctions.settle();
  const sequentialCpu = cpuPer(cpuAtSequential, SEQUENTIAL_CASES, 'lifecycle');
  const perLifecycle = { reads: requests.reads / SEQUENTIAL_CASES, writes: requests.writes / SEQUENTIAL_CASES };
  if (trace) {
    // One at a time, each step traced from "complete" until the next task is seen open; the park write and
    // other work still running then are waited for before the next step (settle), so steps do not overlap.
    for (let n = 0; n < TRACED; n++) {
      const timelines: string[] = [];
      trace.entries.length = 0;
      trace.recording = true;
      await lifecycle(LIFECYCLE_CASES + SEQUENTIAL_CASES + n, latencySet(), (step, t0, landedAt, seenAt, busy) => {
        const inStep = trace.entries.filter((e) => e.start >= t0 && e.start <= seenAt);
        timelines.push(
          `complete '${step}' → next task's write landed at ${(landedAt - t0).toFixed(1)} ms, seen by the bench's read at ${(seenAt - t0).toFixed(1)} ms (this process's event loop busy ${(busy * 100).toFixed(0)}% of it):`,
          ...timelineLines(inStep, t0, seenAt),
        );
      });
      trace.recording = false;
      await system.stepFunctions.settle();
      console.log(`\n── trace ${n + 1}/${TRACED} ──\n${timelines.join('\n')}`);
    }
  }
  let transitions = 0;
  for (const caseId of caseIds.slice(0, 20)) {
    const c = await caseRepo.get(caseId);
    const history = await sfn.send(
      new GetExecutionHistoryCommand({ executionArn: c!.executionArn!, maxResults: 1000 }),
    );
    transitions += (history.events ?? []).filter((e) => e.type?.endsWith('StateEntered')).length;
  }
  const transitionsPerCase = transitions / Math.min(20, caseIds.length);

  // 2. The floor: the same DynamoDB writes done directly, at the same concurrencies.
  console.log(`\n[2/3] 같은 DynamoDB 쓰기를 직접 (바닥값)`);
  const cpuAtFloor = cpuTimes();
  const floor = await pool(LIFECYCLE_CASES * 2, floorWrites, CONCURRENCY);
  const floorCpu = cpuPer(cpuAtFloor, LIFECYCLE_CASES * 2, 'floor unit (2 transactions)');
  const sequentialFloor = await pool(SEQUENTIAL_CASES * 2, floorWrites, 1);
  const criticalFloor = await pool(LIFECYCLE_CASES * 2, criticalPathWrites, CONCURRENCY);
  const sequentialCriticalFloor = await pool(SEQUENTIAL_CASES * 2, criticalPathWrites, 1);

  // 3. Memory with many parked executions (each waits at its first human task).
  console.log(`\n[3/3] ${PARKED.toLocaleString()}건의 실행을 사람 업무에서 대기시킨 상태의 메모리`);
  global.gc?.();
  const rssBefore = rssMiB();
  const parkBar = progress('parked', PARKED);
  const samples: [number, number][] = [];
  const parkStarted = performance.now();
  const cpuAtPark = cpuTimes();
  await pool(
    PARKED,
    async (i) => {
      await register(`대기 사건 ${i}`);
    },
    CONCURRENCY,
    (n) => {
      parkBar(n);
      if (n % Math.max(1, Math.floor(PARKED / 4)) === 0) samples.push([n, rssMiB()]);
    },
  );
  await system.stepFunctions.settle();
  const parkS = (performance.now() - parkStarted) / 1000;
  const parkCpu = cpuPer(cpuAtPark, Math.max(1, PARKED), 'start');
  global.gc?.();
  const state = system.stepFunctions.inMemoryState();

  const p = (values: number[], at: number) => percentile(values, at).toFixed(1);
  console.log(`
── 결과 (workflow bench, ${new Date().toISOString()}) ──
lifecycle cases                         ${LIFECYCLE_CASES} (concurrency ${CONCURRENCY}) in ${elapsedS.toFixed(1)} s
state transitions per case              ${transitionsPerCase.toFixed(1)} (from GetExecutionHistory)
workflow transitions per second         ${((transitionsPerCase * LIFECYCLE_CASES) / elapsedS).toFixed(1)}
  ${concurrentCpu} (${CONCURRENCY} at once); one at a time: ${sequentialCpu.replace(/^CPU per lifecycle: /, '')}; the floor's ${floorCpu.replace(/^CPU per /, '')}
complete task → next task open, one at a time     p50 ${p(sequentialLatencies.landed, 50)} ms   p99 ${p(sequentialLatencies.landed, 99)} ms   (n=${sequentialLatencies.landed.length}; until its write landed)
  … until the bench's read saw it                 p50 ${p(sequentialLatencies.seen, 50)} ms   p99 ${p(sequentialLatencies.seen, 99)} ms
DynamoDB requests per lifecycle, one at a time    ${perLifecycle.writes.toFixed(1)} writes, ${perLifecycle.reads.toFixed(1)} reads (every client: the bench's reads, the use cases, the steps, the workflow service)
floor: same DynamoDB writes, one at a time        p50 ${p(sequentialFloor, 50)} ms   p99 ${p(sequentialFloor, 99)} ms   (n=${sequentialFloor.length}; the case table's 2 transactions)
floor: critical path's writes, one at a time      p50 ${p(sequentialCriticalFloor, 50)} ms   p99 ${p(sequentialCriticalFloor, 99)} ms   (the 3 transactions in a row: decision, workflow answer + next token, task opening)
complete task → next task open, ${CONCURRENCY} at once       p50 ${p(latencies.landed, 50)} ms   p99 ${p(latencies.landed, 99)} ms   (n=${latencies.landed.length}; until its write landed)
  … until the bench's read saw it                 p50 ${p(latencies.seen, 50)} ms   p99 ${p(latencies.seen, 99)} ms
floor: same DynamoDB writes, ${CONCURRENCY} at once          p50 ${p(floor, 50)} ms   p99 ${p(floor, 99)} ms   (n=${floor.length})
floor: critical path's writes, ${CONCURRENCY} at once        p50 ${p(criticalFloor, 50)} ms   p99 ${p(criticalFloor, 99)} ms
executions started and parked per second  ${(PARKED / parkS).toFixed(1)} (${PARKED.toLocaleString()} cases registered, concurrency ${CONCURRENCY}; floor: BENCH_ONLY=start)
  ${parkCpu}
resident memory before parking          ${rssBefore.toFixed(0)} MiB
resident memory while parking           ${samples.map(([n, mib]) => `${n.toLocaleString()}: ${mib.toFixed(0)} MiB`).join(', ')}
resident memory, ${PARKED.toLocaleString()} parked          ${rssMiB().toFixed(0)} MiB
in-memory executions after parking      ${state.drivingExecutions} driving (parked executions hold no memory)
intakes sent again after a case-number counter race   ${counterRaces}
`);
  CaseRepository.prototype.commit = commit;
  sfn.destroy();
  await system.close();
}
