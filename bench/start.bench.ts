/**
 * Executions started and parked per second (BENCH_ONLY=start): N cases are registered at once
 * (concurrency BENCH_CONCURRENCY, default 16); each starts its lifecycle, which runs to its first
 * human task and parks. The floor beside it: the same number of DynamoDB reads and writes per
 * start (counted while the starts ran), made directly at the same concurrency in the same run.
 */
import { CaseRepository, RelatedItemConflictError } from '#shared/store/case-repository.ts';
import { IdempotencyStore } from '#shared/store/idempotency-store.ts';
import { StaffRepository } from '#shared/store/staff-repository.ts';
import { caseUseCases } from '#shared/usecases/case-usecases.ts';
import { DEMO_USERS } from '../infra/local/demo-data.ts';
import { startBenchSystem } from './bench-system.ts';
import { countDynamoDbRequests, floorOfRequests, pool, progress } from './bench-utils.ts';

const STARTS = Number(process.env.BENCH_STARTS ?? 500);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 16);

export async function runStartBench(): Promise<void> {
  const requests = await countDynamoDbRequests();
  const { tableName, system, doc, workflows } = await startBenchSystem('start');
  const cases = caseUseCases({
    cases: new CaseRepository(doc, tableName),
    staff: new StaffRepository(doc, tableName),
    idempotency: new IdempotencyStore(doc, tableName),
    workflows,
    log: () => undefined,
  });
  const u = DEMO_USERS['team-lead'];
  const lead = { sub: u.sub, name: u.name, email: u.email, roles: u.roles };

  console.log(`\n[1/2] ${STARTS.toLocaleString()}건 등록 → 첫 사람 업무에서 대기 (동시 ${CONCURRENCY})`);
  await system.stepFunctions.settle();
  requests.reset();
  const bar = progress('started', STARTS);
  // An intake refused by the case-number counter (409) is sent again and counted (expected: 0).
  let counterRaces = 0;
  const started = performance.now();
  await pool(
    STARTS,
    async (i) => {
      for (;;) {
        try {
          await cases.createCase(lead, { kind: 'case-review', title: `시작 벤치 ${i}` });
          return;
        } catch (error) {
          if (!(error instanceof RelatedItemConflictError)) throw error;
          counterRaces += 1;
        }
      }
    },
    CONCURRENCY,
    bar,
  );
  await system.stepFunctions.settle();
  const startS = (performance.now() - started) / 1000;
  const reads = requests.reads / STARTS;
  const writes = requests.writes / STARTS;
  const parked = system.stepFunctions.inMemoryState().drivingExecutions === 0;

  console.log(`\n[2/2] 같은 수의 DynamoDB 읽기·쓰기를 직접 (바닥값)`);
  const floorS = await floorOfRequests(doc, tableName, { items: STARTS, writes, reads, concurrency: CONCURRENCY });

  console.log(`
── 결과 (start bench, ${new Date().toISOString()}) ──
executions started and parked per second   ${(STARTS / startS).toFixed(1)}   (${STARTS} in ${startS.toFixed(1)} s, concurrency ${CONCURRENCY}, all parked: ${parked})
DynamoDB requests per start                ${writes.toFixed(1)} writes, ${reads.toFixed(1)} reads (every client in the process, the case registration included)
floor: the same requests made directly      ${(STARTS / floorS).toFixed(1)} per second (${Math.round(writes)} two-item transactions + ${Math.round(reads)} reads each)
intakes sent again after a counter race     ${counterRaces}
`);
  await system.close();
}
