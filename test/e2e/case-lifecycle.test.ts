/**
 * The first lifecycle end to end on the local system: the HTTP API, the local Step Functions
 * service running the same ASL, the step handlers, DynamoDB Local. Intake → assign → investigate →
 * return for rework → investigate again → approve → closed, checking the history at each step.
 */
import { SFNClient, SendTaskSuccessCommand } from '@aws-sdk/client-sfn';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Role } from '#shared/domain/roles.ts';
import { startTestSystem } from '../support/local-system.ts';

let t: Awaited<ReturnType<typeof startTestSystem>>;
beforeAll(async () => {
  t = await startTestSystem();
});
afterAll(async () => t.system.close());

interface Task {
  taskId: string;
  caseId: string;
  type: string;
  allowedDecisions: string[];
  status: string;
}

async function openTaskOf(role: Role, caseId: string): Promise<Task | undefined> {
  await t.system.stepFunctions.settle();
  const res = await t.call('GET', '/me/tasks', { as: role });
  expect(res.status).toBe(200);
  return (res.body.items as Task[]).find((task) => task.caseId === caseId);
}

async function complete(role: Role, task: Task, body: Record<string, unknown>) {
  return t.call('POST', `/cases/${task.caseId}/tasks/${task.taskId}/complete`, { as: role, body });
}

async function eventTypes(caseId: string): Promise<string[]> {
  await t.system.stepFunctions.settle();
  const res = await t.call('GET', `/cases/${caseId}/history`, { as: 'auditor' });
  expect(res.body.verification.ok).toBe(true);
  return (res.body.events as { type: string; stageAfter?: string }[]).map((e) =>
    e.type === 'STAGE_CHANGED' ? `STAGE→${e.stageAfter}` : e.type,
  );
}

async function intake(title: string) {
  // A kind that runs the basic review lifecycle (misconduct kinds have their own: misconduct-lifecycle.test.ts).
  const res = await t.call('POST', '/cases', {
    as: 'clerk',
    body: { kind: 'case-review', title, department: '도로관리과' },
  });
  expect(res.status).toBe(201);
  expect(res.body.workflowStarted).toBe(true);
  return res.body.case.caseId as string;
}

describe('case-review lifecycle through the HTTP API', () => {
  it('runs intake → assign → investigate → return → investigate → approve → closed, recording every step', async () => {
    const caseId = await intake('재산등록 심사 — 보완 요구 대상');

    const assign = await openTaskOf('team-lead', caseId);
    expect(assign).toMatchObject({ type: 'assign', allowedDecisions: ['assign'] });
    expect(await eventTypes(caseId)).toEqual(['CASE_CREATED', 'STAGE→assignment', 'TASK_OPENED']);
    expect(
      (await complete('team-lead', assign!, { decision: 'assign', assigneeSub: t.users.investigator.sub })).status,
    ).toBe(200);

    const investigate = await openTaskOf('investigator', caseId);
    expect(investigate).toMatchObject({ type: 'investigate', allowedDecisions: ['submit'] });
    expect(await eventTypes(caseId)).toEqual([
      'CASE_CREATED',
      'STAGE→assignment',
      'TASK_OPENED',
      'TASK_COMPLETED',
      'ASSIGNED',
      'STAGE→investigation',
      'TASK_OPENED',
    ]);
    expect(
      (
        await complete('investigator', investigate!, {
          decision: 'submit',
          findings: '금품수수 사실 확인, 징계 요구 의견',
        })
      ).status,
    ).toBe(200);

    const approve = await openTaskOf('head', caseId);
    expect(approve).toMatchObject({ type: 'approve', allowedDecisions: ['approve', 'return'] });
    const returned = await complete('head', approve!, { decision: 'return', reasons: '관련자 진술 보완 필요' });
    expect(returned.status).toBe(200);

    const rework = await openTaskOf('investigator', caseId);
    expect(rework).toMatchObject({ type: 'investigate' });
    expect(rework!.taskId).not.toBe(investigate!.taskId);
    expect((await complete('investigator', rework!, { decision: 'submit', findings: '진술 보완 완료' })).status).toBe(
      200,
    );

    const approveAgain = await openTaskOf('head', caseId);
    expect((await complete('head', approveAgain!, { decision: 'approve', comment: '원안 승인' })).status).toBe(200);

    await t.system.stepFunctions.settle();
    const closed = await t.call('GET', `/cases/${caseId}`, { as: 'auditor' });
    expect(closed.body).toMatchObject({ stage: 'closed', stageLabel: '종결' });
    expect(closed.body.closedAt).toBeDefined();
    expect(await eventTypes(caseId)).toEqual([
      'CASE_CREATED',
      'STAGE→assignment',
      'TASK_OPENED',
      'TASK_COMPLETED',
      'ASSIGNED',
      'STAGE→investigation',
      'TASK_OPENED',
      'TASK_COMPLETED',
      'STAGE→approval',
      'TASK_OPENED',
      'TASK_COMPLETED',
      'STAGE→investigation',
      'TASK_OPENED',
      'TASK_COMPLETED',
      'STAGE→approval',
      'TASK_OPENED',
      'TASK_COMPLETED',
      'STAGE→closed',
    ]);
    const history = await t.call('GET', `/cases/${caseId}/history`, { as: 'auditor' });
    const decisions = history.body.events
      .filter((e: { type: string }) => e.type === 'TASK_COMPLETED')
      .map((e: { data: { decision: string } }) => e.data.decision);
    expect(decisions).toEqual(['assign', 'submit', 'return', 'submit', 'approve']);
    const tasks = await t.call('GET', `/cases/${caseId}/tasks`, { as: 'auditor' });
    expect(tasks.body.items.every((task: Task) => task.status === 'completed')).toBe(true);
    expect(JSON.stringify(tasks.body)).not.toContain('taskToken');
  });
});

describe('completing tasks: refusals change nothing', () => {
  it("refuses a second completion, someone else's task, an unknown task, a decision the task does not allow and a return without reasons", async () => {
    const caseId = await intake('거부 시나리오');
    const assign = (await openTaskOf('team-lead', caseId))!;
    const before = await t.call('GET', `/cases/${caseId}/history`, { as: 'auditor' });

    const wrongPerson = await complete('investigator', assign, {
      decision: 'assign',
      assigneeSub: t.users.investigator.sub,
    });
    expect(wrongPerson.status).toBe(403);
    expect(wrongPerson.body.error.rule).toBe('not_your_task');

    const notAllowed = await complete('team-lead', assign, { decision: 'approve' });
    expect(notAllowed.status).toBe(400);
    expect(notAllowed.body.error).toMatchObject({ field: 'decision', rule: 'decision_not_allowed' });

    const noReasons = await complete('team-lead', assign, { decision: 'return' });
    expect(noReasons.status).toBe(400);
    expect(noReasons.body.error.field).toBe('reasons');

    const unknown = await t.call('POST', `/cases/${caseId}/tasks/01JZZZZZZZZZZZZZZZZZZZZZZZ/complete`, {
      as: 'team-lead',
      body: { decision: 'approve' },
    });
    expect(unknown.status).toBe(404);

    const after = await t.call('GET', `/cases/${caseId}/history`, { as: 'auditor' });
    expect(after.body.events).toHaveLength(before.body.events.length);

    const key = { 'idempotency-key': `assign-${assign.taskId}` };
    const first = await t.call('POST', `/cases/${caseId}/tasks/${assign.taskId}/complete`, {
      as: 'team-lead',
      body: { decision: 'assign', assigneeSub: t.users.investigator.sub },
      headers: key,
    });
    expect(first.status).toBe(200);
    const retried = await t.call('POST', `/cases/${caseId}/tasks/${assign.taskId}/complete`, {
      as: 'team-lead',
      body: { decision: 'assign', assigneeSub: t.users.investigator.sub },
      headers: key,
    });
    expect(retried.status).toBe(200);
    expect(retried.headers.get('idempotent-replayed')).toBe('true');
    expect(retried.body.task).toMatchObject({ taskId: assign.taskId, status: 'completed' });
    const twice = await complete('team-lead', assign, { decision: 'assign', assigneeSub: t.users.investigator.sub });
    expect(twice.status).toBe(409);
    expect(twice.body.error.rule).toBe('task_not_open');
  });

  it("starts a case assigned at intake with the investigation, and refuses self-approval of one's own findings", async () => {
    const created = await t.call('POST', '/cases', {
      as: 'head',
      body: {
        kind: 'case-review',
        title: '결재자 본인 배정 사건',
        assigneeSub: t.users.head.sub,
        // The head is no investigator of the team: only an explicit, recorded exception puts them on it.
        overrideAssignmentRule: true,
        overrideReason: '감사담당관 직접 조사',
      },
    });
    const caseId = created.body.case.caseId as string;
    const work = (await openTaskOf('head', caseId))!;
    expect(work.type).toBe('investigate');
    await complete('head', work, { decision: 'submit', findings: '본인 조사' });
    await t.system.stepFunctions.settle();
    const approvals = await t.call('GET', `/cases/${caseId}/tasks`, { as: 'head' });
    const approve = approvals.body.items.find((task: Task) => task.type === 'approve' && task.status === 'open');
    const self = await complete('head', approve, { decision: 'approve' });
    expect(self.status).toBe(403);
    expect(self.body.error.rule).toBe('self_approval');
  });

  it("gives AWS's errors for a forged token and for a token already used", async () => {
    const sfn = new SFNClient({ endpoint: t.system.stepFunctions.endpoint });
    await expect(
      sfn.send(new SendTaskSuccessCommand({ taskToken: 'forged-token-that-was-never-issued', output: '{}' })),
    ).rejects.toMatchObject({ name: 'InvalidToken' });

    const caseId = await intake('토큰 재사용');
    const assign = (await openTaskOf('team-lead', caseId))!;
    const { TaskRepository } = await import('#shared/store/task-repository.ts');
    const { createDocumentClient } = await import('#shared/store/dynamo-client.ts');
    const tasks = new TaskRepository(createDocumentClient(), process.env.TABLE_NAME!);
    const stored = await tasks.get(caseId, assign.taskId);
    await complete('team-lead', assign, { decision: 'assign', assigneeSub: t.users.investigator.sub });
    await t.system.stepFunctions.settle();
    const reuse = sfn.send(
      new SendTaskSuccessCommand({ taskToken: stored!.taskToken, output: JSON.stringify({ decision: 'assign' }) }),
    );
    await expect(reuse).rejects.toMatchObject({ name: expect.stringMatching(/^(TaskTimedOut|InvalidToken)$/) });
    sfn.destroy();
  });
});
