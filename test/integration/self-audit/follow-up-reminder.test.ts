/**
 * An overdue 이행 (a finding's follow-up) reaches the lead auditor through the ordinary morning
 * reminder run, over DynamoDB Local and the real mail catcher: the self-audit's follow-up task is due
 * at the earliest follow-up still owed, so the run mails it as overdue like any task; an action plan
 * (조치계획) moves the task's due date in the same write, and the next run no longer lists it.
 * The workflow's steps are played by opening each human task as the step would (the workflow itself
 * is driven end to end in test/e2e/self-audit-lifecycle.test.ts).
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CaseRecord } from '#shared/domain/case.ts';
import { CaseRepository } from '#shared/store/case-repository.ts';
import { IdempotencyStore } from '#shared/store/idempotency-store.ts';
import { StaffRepository } from '#shared/store/staff-repository.ts';
import { TaskRepository } from '#shared/store/task-repository.ts';
import { caseUseCases } from '#shared/usecases/case-usecases.ts';
import { selfAuditFindingUseCases } from '#shared/usecases/self-audit-findings.ts';
import { taskUseCases, type OpenTaskInput } from '#shared/usecases/task-usecases.ts';
import {
  actorOf,
  createReminderWorld,
  digestsByPerson,
  runAt,
  staffNamed,
  type ReminderWorld,
} from '../reminders/reminder-fixture.ts';

let world: ReminderWorld;
let audit: CaseRecord;
let findingId = '';
const head = staffNamed('김정민');
const lead = staffNamed('서지원');
const mails: Record<string, Record<string, string[][]>> = {};
let followUpDueAt = '';
let movedDueAt = '';

beforeAll(async () => {
  world = await createReminderWorld();
  const { doc, tableName } = world.table;
  let now = new Date('2026-10-20T10:00:00+09:00');
  const clock = () => now;
  const at = (iso: string) => {
    now = new Date(iso);
    world.setNow(now);
  };
  const quiet = () => undefined;
  const deps = {
    cases: new CaseRepository(doc, tableName),
    tasks: new TaskRepository(doc, tableName),
    staff: new StaffRepository(doc, tableName),
    idempotency: new IdempotencyStore(doc, tableName),
    calendar: world.calendar,
    clock,
    log: quiet,
  };
  const cases = caseUseCases(deps);
  const tasks = taskUseCases({ ...deps, signaller: { succeed: async () => undefined } });
  const findings = selfAuditFindingUseCases(deps);
  const executionArn = `arn:aws:states:ap-northeast-2:000000000000:execution:self-audit:${randomUUID()}`;

  const { result } = await cases.createCase(actorOf(head), {
    kind: 'self-audit',
    title: '복지정책과 종합감사',
    assigneeSub: lead.sub,
    selfAudit: {
      planYear: 2026,
      item: '복지정책과 종합감사',
      purpose: '보조금 집행 점검',
      auditKind: 'comprehensive',
      targetDepartments: ['복지정책과'],
      scope: '보조금',
      startOn: '2026-11-02',
      endOn: '2026-11-06',
      staffSubs: [lead.sub],
    },
  });
  const caseId = result.case.caseId;
  /** Opens the step's task as the workflow would, then the person decides it. */
  async function step(
    when: string,
    task: Omit<OpenTaskInput, 'caseId' | 'taskToken' | 'executionArn' | 'titleKo' | 'dueInBusinessDays'>,
    by: typeof head,
    form: Record<string, unknown>,
  ) {
    at(when);
    const opened = await tasks.openHumanTask({
      ...task,
      caseId,
      titleKo: task.taskType,
      dueInBusinessDays: 5,
      taskToken: randomUUID(),
      executionArn,
    });
    await tasks.completeTask(actorOf(by), caseId, opened.taskId, form as never);
    return opened;
  }
  const byLead = { assignTo: 'case-assignee' as const };
  await step(
    '2026-10-23T10:00:00+09:00',
    {
      ...byLead,
      taskType: 'self-audit-notice',
      stage: 'investigation',
      allowedDecisions: ['record-audit-notice'],
      dueRule: 'self-audit.notice',
      stateName: 'notice',
    },
    lead,
    { decision: 'record-audit-notice', notifiedOn: '2026-10-23' },
  );
  at('2026-11-04T10:00:00+09:00');
  const added = await findings.add(actorOf(lead), caseId, {
    title: '보조금 정산 부적정',
    description: '집행잔액 미반납',
    disposition: 'correction',
    department: '복지정책과',
    recoverWon: 5_000_000,
    legalBasis: '보조금법 제31조',
    followUpDays: 30,
  });
  findingId = added.result.case.selfAudit!.findings[0]!.findingId;
  await step(
    '2026-11-06T17:00:00+09:00',
    {
      ...byLead,
      taskType: 'self-audit-fieldwork',
      stage: 'investigation',
      allowedDecisions: ['record-fieldwork'],
      dueRule: 'self-audit.fieldwork',
      stateName: 'fieldwork',
    },
    lead,
    { decision: 'record-fieldwork', startedOn: '2026-11-02', endedOn: '2026-11-06', members: [lead.sub] },
  );
  await step(
    '2026-11-09T10:00:00+09:00',
    {
      ...byLead,
      taskType: 'self-audit-result',
      stage: 'review',
      allowedDecisions: ['propose-result'],
      dueRule: 'self-audit.result',
      stateName: 'result',
    },
    lead,
    { decision: 'propose-result', summary: '지적 1건' },
  );
  await step(
    '2026-11-10T10:00:00+09:00',
    {
      assignTo: { role: 'head' },
      taskType: 'approve',
      stage: 'approval',
      allowedDecisions: ['approve', 'return'],
      dueRule: 'self-audit.result',
      stateName: 'approve',
    },
    head,
    { decision: 'approve', comment: '승인' },
  );
  const followUp = {
    ...byLead,
    taskType: 'self-audit-follow-up' as const,
    stage: 'disposition' as const,
    allowedDecisions: ['record-upward-notice', 'decide-disclosure', 'close-self-audit'] as never,
    dueRule: 'self-audit.follow-up',
  };
  await step('2026-11-10T11:00:00+09:00', { ...followUp, stateName: 'follow-up' }, lead, {
    decision: 'record-upward-notice',
    seoulOn: '2026-11-10',
    moisOn: '2026-11-10',
    baiOn: '2026-11-10',
  });
  // The next round of the follow-up: what is owed now is the finding's 이행, 30 days after 11-10.
  at('2026-11-10T11:30:00+09:00');
  const open = await tasks.openHumanTask({
    ...followUp,
    stateName: 'follow-up again',
    caseId,
    titleKo: 'follow-up',
    dueInBusinessDays: 5,
    taskToken: randomUUID(),
    executionArn,
  });
  followUpDueAt = open.dueAt;

  const job = world.reminderJob();
  for (const day of ['2026-12-11', '2026-12-14']) {
    if (day === '2026-12-14') {
      at('2026-12-11T15:00:00+09:00');
      const planned = await findings.update(actorOf(lead), caseId, findingId, {
        actionPlan: { submittedOn: '2026-12-11', content: '다음 연도 예산으로 환수 소송', expectedOn: '2027-03-31' },
      });
      audit = planned.result.case;
      movedDueAt = (await deps.tasks.ofCase(caseId)).find((t) => t.status === 'open')!.dueAt;
    }
    await world.catcher.clear();
    world.setNow(new Date(runAt(day).getTime() + 60_000));
    await job.run(runAt(day));
    mails[day] = digestsByPerson(world.catcher.messages());
  }
  audit = (await deps.cases.get(caseId))!;
}, 180_000);

afterAll(async () => {
  await world?.close();
});

describe('an overdue 이행 in the morning reminder run', () => {
  it('puts the follow-up task at the finding’s due date (30 days after the notice, its own setting)', () => {
    // 2026-11-10 + 30 = Thu 2026-12-10.
    expect(followUpDueAt).toBe('2026-12-10T23:59:59+09:00');
  });

  it('mails the lead auditor the audit as newly overdue the next morning', () => {
    const items = (mails['2026-12-11']?.[lead.name] ?? []).flat();
    expect(items).toContain(`새로 기한 경과 ${audit.caseNumber}`);
  });

  it('moves the task to the action plan’s date, so the next run no longer lists it as overdue', () => {
    expect(movedDueAt).toBe('2027-03-31T23:59:59+09:00');
    const items = (mails['2026-12-14']?.[lead.name] ?? []).flat().filter((i) => i.endsWith(audit.caseNumber));
    expect(items.filter((i) => i.includes('기한 경과'))).toEqual([]);
    expect(audit.selfAudit?.findings[0]?.followUp).toMatchObject({ dueOn: '2027-03-31' });
  });
});
