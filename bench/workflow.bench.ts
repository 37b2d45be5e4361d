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
import { caseUseCases } from '#shared/usecases/case-usecases.ts';
import { taskUseCases } from '#shared/usecases/task-usecases.ts';
import { stepFunctionsSignaller } from '#shared/workflow/case-workflows.ts';
import { DEMO_USERS } from '../infra/local/demo-data.ts';
import type { Actor, Role } from '#shared/domain/roles.ts';
import { startBenchSystem } from './bench-system.ts';
import { countDynamoDbRequests, percentile, pool, progress, rssMiB, timed } from './bench-utils.ts';

const LIFECYCLE_CASES = Number(process.env.BENCH_CASES ?? 200);
const PARKED = Number(process.env.BENCH_PARKED ?? 10_000);
const CONCURRENCY = 16;
const SEQUENTIAL_CASES = Number(process.env.BENCH_SEQUENTIAL_CASES ?? 20);

const actor = (role: Role): Actor => {
  const u = DEMO_USERS[role];
  return { sub: u.sub, name: u.name, email: u.email, roles: u.roles };
};

export async function runWorkflowBench(): Promise<void> {
  const requests = await countDynamoDbRequests();
  const { tableName, system, doc, workflows } = await startBenchSystem('workflow');
  const caseRepo = new CaseRepository(doc, tableName);
  const staff = new StaffRepository(doc, tableName);
  const idempotency = new IdempotencyStore(doc, tableName);
  const cases = caseUseCases({
    cases: caseRepo,
    staff,
    idempotency,
    workflows,
    log: () => undefined,
  });
  const tasks = taskUseCases({
    cases: caseRepo,
    tasks: new TaskRepository(doc, tableName),
    staff,
    idempotency,
    signaller: stepFunctionsSignaller(),
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
  const caseWritten = new Map<string, Set<() => void>>();
  const commit = CaseRepository.prototype.commit;
  CaseRepository.prototype.commit = async function (this: CaseRepository, ...args: Parameters<typeof commit>) {
    const written = await commit.apply(this, args);
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

  async function openTask(caseId: string, type: string) {
    for (;;) {
      // Listen before reading, so a write landing during the read still wakes this waiter.
      const write = nextCaseWrite(caseId, 100);
      const open = (await tasks.tasksOfCase(caseId)).find((t) => t.status === 'open' && t.type === type);
      if (open) {
        write.cancel();
        return open;
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

  async function lifecycle(i: number, latencies: number[]): Promise<string> {
    const { result } = await register(`벤치마크 사건 ${i}`);
    const caseId = result.case.caseId;
    const steps: [Actor, string, Parameters<typeof tasks.completeTask>[3]][] = [
      [lead, 'assign', { decision: 'assign', assigneeSub: investigator.sub }],
      [investigator, 'investigate', { decision: 'submit', findings: '조사 결과' }],
      [head, 'approve', { decision: 'approve' }],
    ];
    for (const [who, type, form] of steps) {
      const task = await openTask(caseId, type);
      const t0 = performance.now();
      await tasks.completeTask(who, caseId, task.taskId, form);
      if (type !== 'approve') {
        await openTask(caseId, type === 'assign' ? 'investigate' : 'approve');
        latencies.push(performance.now() - t0);
      }
    }
    return caseId;
  }

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
  const latencies: number[] = [];
  const bar = progress('lifecycles', LIFECYCLE_CASES);
  const started = performance.now();
  const caseIds = await pool(LIFECYCLE_CASES, (i) => lifecycle(i, latencies), CONCURRENCY, bar);
  await system.stepFunctions.settle();
  const elapsedS = (performance.now() - started) / 1000;
  const sequentialLatencies: number[] = [];
  requests.reset();
  await pool(SEQUENTIAL_CASES, (i) => lifecycle(LIFECYCLE_CASES + i, sequentialLatencies), 1);
  await system.stepFunctions.settle();
  const perLifecycle = { reads: requests.reads / SEQUENTIAL_CASES, writes: requests.writes / SEQUENTIAL_CASES };
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
  const floor = await pool(LIFECYCLE_CASES * 2, floorWrites, CONCURRENCY);
  const sequentialFloor = await pool(SEQUENTIAL_CASES * 2, floorWrites, 1);

  // 3. Memory with many parked executions (each waits at its first human task).
  console.log(`\n[3/3] ${PARKED.toLocaleString()}건의 실행을 사람 업무에서 대기시킨 상태의 메모리`);
  global.gc?.();
  const rssBefore = rssMiB();
  const parkBar = progress('parked', PARKED);
  const samples: [number, number][] = [];
  const parkStarted = performance.now();
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
  global.gc?.();
  const state = system.stepFunctions.inMemoryState();

  console.log(`
── 결과 (workflow bench, ${new Date().toISOString()}) ──
lifecycle cases                         ${LIFECYCLE_CASES} (concurrency ${CONCURRENCY}) in ${elapsedS.toFixed(1)} s
state transitions per case              ${transitionsPerCase.toFixed(1)} (from GetExecutionHistory)
workflow transitions per second         ${((transitionsPerCase * LIFECYCLE_CASES) / elapsedS).toFixed(1)}
complete task → next task open, one at a time     p50 ${percentile(sequentialLatencies, 50).toFixed(1)} ms   p99 ${percentile(sequentialLatencies, 99).toFixed(1)} ms   (n=${sequentialLatencies.length})
DynamoDB requests per lifecycle, one at a time    ${perLifecycle.writes.toFixed(1)} writes, ${perLifecycle.reads.toFixed(1)} reads (every client: the bench's reads, the use cases, the steps, the workflow service)
floor: same DynamoDB writes, one at a time        p50 ${percentile(sequentialFloor, 50).toFixed(1)} ms   p99 ${percentile(sequentialFloor, 99).toFixed(1)} ms   (n=${sequentialFloor.length})
complete task → next task open, ${CONCURRENCY} at once       p50 ${percentile(latencies, 50).toFixed(1)} ms   p99 ${percentile(latencies, 99).toFixed(1)} ms   (n=${latencies.length})
floor: same DynamoDB writes, ${CONCURRENCY} at once          p50 ${percentile(floor, 50).toFixed(1)} ms   p99 ${percentile(floor, 99).toFixed(1)} ms   (n=${floor.length})
executions started and parked per second  ${(PARKED / parkS).toFixed(1)} (${PARKED.toLocaleString()} cases registered, concurrency ${CONCURRENCY}; floor: BENCH_ONLY=start)
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
