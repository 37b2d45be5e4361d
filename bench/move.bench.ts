/**
 * Moving open cases to a new workflow version (BENCH_ONLY=move), as `npm run workflows -- move`
 * does: BENCH_MOVE_CASES case-review cases (default 1,000) are registered and park at their first
 * human task; a new revision of the workflow is registered; then every open case is moved
 * (`workflowOperations().moveKind`, BENCH_MOVE_CONCURRENCY cases at once, default 1): its open task
 * cancelled and the move recorded on the case, the old execution stopped, a new one started that runs
 * to the case's task again and parks. Printed: cases moved per second, beside the floor — the same
 * number of DynamoDB reads and writes per move (counted during the move) made directly at the same
 * concurrency, in the same run.
 */
import { CaseRepository } from '#shared/store/case-repository.ts';
import { IdempotencyStore } from '#shared/store/idempotency-store.ts';
import { StaffRepository } from '#shared/store/staff-repository.ts';
import { TaskRepository } from '#shared/store/task-repository.ts';
import { caseUseCases } from '#shared/usecases/case-usecases.ts';
import { workflowOperations } from '#shared/usecases/workflow-operations.ts';
import { WORKFLOWS, workflowForKind } from '../workflows/registry.ts';
import { DEMO_USERS } from '../infra/local/demo-data.ts';
import { startBenchSystem } from './bench-system.ts';
import { countDynamoDbRequests, floorOfRequests, pool, progress } from './bench-utils.ts';

const CASES = Number(process.env.BENCH_MOVE_CASES ?? 1_000);
const CONCURRENCY = Number(process.env.BENCH_MOVE_CONCURRENCY ?? 1);
const SEED_CONCURRENCY = 16;
const KIND = 'case-review';

export async function runMoveBench(): Promise<void> {
  const requests = await countDynamoDbRequests();
  const { tableName, system, doc, workflows } = await startBenchSystem('move');
  const caseRepo = new CaseRepository(doc, tableName);
  const cases = caseUseCases({
    cases: caseRepo,
    staff: new StaffRepository(doc, tableName),
    idempotency: new IdempotencyStore(doc, tableName),
    workflows,
    log: () => undefined,
  });
  const u = DEMO_USERS['team-lead'];
  const lead = { sub: u.sub, name: u.name, email: u.email, roles: u.roles };

  console.log(`\n[1/3] ${CASES.toLocaleString()}건 등록 → 첫 사람 업무에서 대기 (동시 ${SEED_CONCURRENCY})`);
  await pool(
    CASES,
    (i) => cases.createCase(lead, { kind: KIND, title: `이동 벤치 ${i}` }),
    SEED_CONCURRENCY,
    progress('registered', CASES),
  );
  await system.stepFunctions.settle();

  const machine = workflowForKind(KIND);
  const definition = WORKFLOWS[machine]!;
  await system.stepFunctions.registerStateMachine(machine, {
    ...definition,
    Comment: `${String(definition.Comment ?? machine)} (벤치 개정판 ${new Date().toISOString()})`,
  });

  console.log(`\n[2/3] 열린 사건 ${CASES.toLocaleString()}건을 새 판으로 이동 (동시 ${CONCURRENCY})`);
  const bar = progress('moved', CASES);
  const operations = workflowOperations({
    cases: caseRepo,
    tasks: new TaskRepository(doc, tableName),
    workflows,
    concurrency: CONCURRENCY,
    progress: (done) => bar(done),
  });
  requests.reset();
  const started = performance.now();
  const report = await operations.moveKind(KIND, '벤치마크: 새 판 적용', 'bench-operator');
  await system.stepFunctions.settle();
  const moveS = (performance.now() - started) / 1000;
  const reads = requests.reads / CASES;
  const writes = requests.writes / CASES;
  const allParked = system.stepFunctions.inMemoryState().drivingExecutions === 0;

  console.log(`\n[3/3] 같은 수의 DynamoDB 읽기·쓰기를 직접 (바닥값, 동시 ${CONCURRENCY})`);
  const floorS = await floorOfRequests(doc, tableName, { items: CASES, writes, reads, concurrency: CONCURRENCY });

  console.log(`
── 결과 (move bench, ${new Date().toISOString()}) ──
open cases moved to a new version per second   ${(CASES / moveS).toFixed(1)}   (${report.moved} moved, ${report.resumed} resumed, ${report.skippedClosed} closed skipped, in ${moveS.toFixed(1)} s, concurrency ${CONCURRENCY}; all parked again: ${allParked})
DynamoDB requests per move                     ${writes.toFixed(1)} writes, ${reads.toFixed(1)} reads (every client: the move, the stop, the new execution to its first task)
floor: the same requests made directly         ${(CASES / floorS).toFixed(1)} per second (${Math.round(writes)} two-item transactions + ${Math.round(reads)} reads each)
`);
  await system.close();
}
