/**
 * A new process is one module: a throw-away kind declared only in this test's folder
 * (test/support/kinds/stamp-check) is added to the office's list, and a case of it runs
 * intake → task → task → closed → report row → export on the real engines — DynamoDB Local and
 * the local Step Functions service running its ASL — through the same use cases the API uses.
 * Nothing in the case core knows the kind; only the registry handed to the use cases does.
 */
import { Writable } from 'node:stream';
import { SFNClient } from '@aws-sdk/client-sfn';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as z from 'zod';
import { changeStageInput } from '../../functions/steps/change-stage.handler.ts';
import { openHumanTaskInput } from '../../functions/steps/open-human-task.handler.ts';
import { DEMO_USERS } from '../../infra/local/demo-data.ts';
import { DEMO_STAFF } from '../../infra/local/demo-data.ts';
import { startLocalStepFunctions, type LocalStepFunctions } from '../../infra/local/stepfunctions/index.ts';
import { createCalendar } from '#shared/calendar/index.ts';
import type { IntakeInput } from '#shared/domain/case.ts';
import { createKindRegistry } from '#shared/domain/kind-registry.ts';
import { koreaDate } from '#shared/domain/korea-time.ts';
import type { Actor, Role } from '#shared/domain/roles.ts';
import { OFFICE_KINDS } from '#shared/kinds/registry.ts';
import { CaseRepository } from '#shared/store/case-repository.ts';
import { CaseSearch } from '#shared/store/case-search.ts';
import { ExportLog } from '#shared/store/export-log.ts';
import { IdempotencyStore } from '#shared/store/idempotency-store.ts';
import { StaffRepository } from '#shared/store/staff-repository.ts';
import { TaskRepository } from '#shared/store/task-repository.ts';
import { caseExportUseCases } from '#shared/usecases/case-export.ts';
import { caseSearchUseCases } from '#shared/usecases/case-search-usecases.ts';
import { caseUseCases } from '#shared/usecases/case-usecases.ts';
import { computeOfficeReport } from '#shared/usecases/office-report.ts';
import { taskUseCases } from '#shared/usecases/task-usecases.ts';
import { stepFunctionsSignaller, stepFunctionsStarter } from '#shared/workflow/case-workflows.ts';
import { stepHandler } from '#shared/workflow/step-handler.ts';
import { STAMP_CHECK_WORKFLOW, stampCheck, stampCheckOf } from '../support/kinds/stamp-check/index.ts';
import { stampCheckDefinition } from '../support/kinds/stamp-check/workflow.ts';
import { createTestTable } from '../support/test-table.ts';

const kinds = createKindRegistry([...OFFICE_KINDS, stampCheck]);
const actor = (role: Role): Actor => ({ sub: DEMO_USERS[role].sub, name: DEMO_USERS[role].name, roles: [role] });

let table: Awaited<ReturnType<typeof createTestTable>>;
let sfn: LocalStepFunctions;
let cases: CaseRepository;
let caseApi: ReturnType<typeof caseUseCases>;
let taskApi: ReturnType<typeof taskUseCases>;

beforeAll(async () => {
  table = await createTestTable('kind-module');
  const { doc, tableName } = table;
  const staff = new StaffRepository(doc, tableName);
  for (const member of DEMO_STAFF) await staff.putIfAbsent(member);
  cases = new CaseRepository(doc, tableName, kinds);
  const idempotency = new IdempotencyStore(doc, tableName);
  sfn = await startLocalStepFunctions({ tableName: `${tableName}-sfn`, dynamoDbClient: table.client });
  const sfnClient = new SFNClient({ endpoint: sfn.endpoint });
  taskApi = taskUseCases({
    cases,
    tasks: new TaskRepository(doc, tableName),
    staff,
    idempotency,
    signaller: stepFunctionsSignaller(() => sfnClient),
    calendar: createCalendar(),
    kinds,
    log: () => {},
  });
  // The workflow's steps, bound as the local system binds the office's: the step handlers' own input
  // schemas, with the due rules this registry knows.
  const { stateMachineArn } = await sfn.registerStateMachine(STAMP_CHECK_WORKFLOW, stampCheckDefinition, {
    OpenHumanTaskFunctionArn: stepHandler(
      'open-human-task',
      openHumanTaskInput.extend({ dueRule: z.enum(kinds.dueRules as [string, ...string[]]).optional() }),
      (input) => taskApi.openHumanTask(input),
    ),
    ChangeStageFunctionArn: stepHandler('change-stage', changeStageInput, (input) => taskApi.changeStage(input)),
  });
  caseApi = caseUseCases({
    cases,
    staff,
    idempotency,
    kinds,
    workflows: stepFunctionsStarter(
      (c) => (kinds.get(c.kind).workflow === STAMP_CHECK_WORKFLOW ? stateMachineArn : undefined),
      () => sfnClient,
    ),
    log: () => {},
  });
}, 120_000);

afterAll(async () => {
  await sfn?.close();
  await table?.drop();
});

async function openTaskOf(role: Role, caseId: string) {
  await sfn.settle();
  return (await taskApi.listMyTasks(actor(role), 100)).find((t) => t.caseId === caseId && t.status === 'open');
}

describe('a kind declared in one module, outside the case core', () => {
  it('is refused by the office registry and accepted by a registry that lists it', () => {
    expect(kinds.get('stamp-check').labelKo).toBe('직인 관리 점검 (시험용)');
    expect(() => createKindRegistry(OFFICE_KINDS).get('stamp-check')).toThrow(/Unknown case kind "stamp-check"/);
    expect(
      kinds.decisionFormSchema.safeParse({ decision: 'record-inspection', inspectedOn: '2026-12-01' }).success,
    ).toBe(false);
  });

  it('runs intake → inspection → approval → closed, then shows in the office report and the export', async () => {
    const intake = {
      kind: 'stamp-check',
      title: '민원여권과 직인 관리 점검',
      department: '민원여권과',
      stampCheck: { office: '민원여권과' },
    } as Omit<IntakeInput, 'receivedAt'>;
    const created = await caseApi.createCase(actor('clerk'), intake);
    const caseId = created.result.case.caseId;
    expect(created.result.case).toMatchObject({ kind: 'stamp-check', team: 'investigation', stage: 'intake' });
    expect(stampCheckOf(created.result.case)).toEqual({ office: '민원여권과' });

    // Another kind's intake refuses this kind's details, as it refuses misconduct or petition details.
    await expect(
      caseApi.createCase(actor('clerk'), { kind: 'daily-audit', title: 'x', stampCheck: { office: 'y' } } as Omit<
        IntakeInput,
        'receivedAt'
      >),
    ).rejects.toMatchObject({ field: 'stampCheck', rule: 'not_for_kind' });

    const inspect = await openTaskOf('team-lead', caseId);
    expect(inspect).toMatchObject({
      type: 'inspect-stamps',
      allowedDecisions: ['record-inspection'],
      assignee: { role: 'team-lead', team: 'investigation' },
      dueBasis: { labelKo: '점검 기한 3근무일 (시험용 규칙)', source: 'default' },
    });
    const form = kinds.decisionFormSchema.parse({
      decision: 'record-inspection',
      finding: '직인 관리대장 날인 누락 1건',
      inspectedOn: '2026-12-01',
    }) as { decision: string };
    const inspected = await taskApi.completeTask(actor('team-lead'), caseId, inspect!.taskId, form);
    expect(inspected.workflowNotified).toBe(true);
    expect(stampCheckOf(inspected.result.case)).toEqual({
      office: '민원여권과',
      finding: '직인 관리대장 날인 누락 1건',
      inspectedOn: '2026-12-01',
    });

    const approve = await openTaskOf('head', caseId);
    expect(approve).toMatchObject({ type: 'approve', allowedDecisions: ['approve'] });
    await taskApi.completeTask(actor('head'), caseId, approve!.taskId, { decision: 'approve' });
    await sfn.settle();

    const closed = (await cases.get(caseId))!;
    expect(closed.stage).toBe('closed');
    expect(closed.closedAt).toBeDefined();
    const history = await cases.history(caseId);
    const completed = history.filter((e) => e.type === 'TASK_COMPLETED').map((e) => e.data.decisionLabel);
    expect(completed).toEqual(['점검 결과 기록', '승인']);
    expect(history.map((e) => e.type)).toContain('STAGE_CHANGED');

    const today = koreaDate(new Date());
    const report = await computeOfficeReport({ cases, kinds }, { from: today, to: today });
    const processing = report.tables.find((t) => t.id === 'processing')!;
    const row = processing.rows.find((r) => r.key === 'stamp-check');
    expect(row).toMatchObject({ labelKo: '직인 관리 점검 (시험용)', cells: { received: 1, closed: 1 } });
    expect(processing.rows.map((r) => r.key)).toEqual([...kinds.kinds]);

    const chunks: Buffer[] = [];
    const out = new Writable({ write: (chunk: Buffer, _e, done) => (chunks.push(Buffer.from(chunk)), done()) });
    const exports = caseExportUseCases({
      cases,
      search: caseSearchUseCases({ search: new CaseSearch(table.doc, table.tableName), kinds }),
      exportLog: new ExportLog(table.doc, table.tableName),
    });
    const outcome = await exports.exportSearch(
      actor('auditor'),
      { kind: 'stamp-check' },
      { format: 'csv', out, via: 'cli' },
    );
    expect(outcome.rowCount).toBe(1);
    const rows = parse(
      Buffer.concat(chunks)
        .toString('utf8')
        .replace(/^\uFEFF/, ''),
      { columns: true },
    ) as Record<string, string>[];
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      사건번호: closed.caseNumber,
      '사건 종류': '직인 관리 점검 (시험용)',
      단계: '종결',
    });
  });
});
