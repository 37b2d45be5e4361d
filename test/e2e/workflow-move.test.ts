/**
 * Moving in-flight cases to a new execution (new workflow version, or past Standard's one-year
 * limit): every open case of a kind restarts at its stage, the old execution stops, open tasks are
 * re-opened by the new one, and each case's history records the move.
 */
import { DescribeExecutionCommand, SFNClient } from '@aws-sdk/client-sfn';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Role } from '#shared/domain/roles.ts';
import { CaseRepository } from '#shared/store/case-repository.ts';
import { createDocumentClient } from '#shared/store/dynamo-client.ts';
import { TaskRepository } from '#shared/store/task-repository.ts';
import { workflowOperations } from '#shared/usecases/workflow-operations.ts';
import { stepFunctionsStarter } from '#shared/workflow/case-workflows.ts';
import { workflowForKind } from '../../workflows/registry.ts';
import { startTestSystem } from '../support/local-system.ts';

let t: Awaited<ReturnType<typeof startTestSystem>>;
beforeAll(async () => {
  t = await startTestSystem();
});
afterAll(async () => t.system.close());

async function openTask(role: Role, caseId: string) {
  await t.system.stepFunctions.settle();
  const res = await t.call('GET', '/me/tasks', { as: role });
  return res.body.items.find((x: { caseId: string }) => x.caseId === caseId) as
    | { taskId: string; type: string; caseId: string }
    | undefined;
}

describe('moving the open cases of a kind to a new execution', () => {
  it('restarts each open case at its stage, records the move, and the moved case still finishes', async () => {
    const kind = 'case-review';
    const mk = async (title: string) =>
      (await t.call('POST', '/cases', { as: 'team-lead', body: { kind, title } })).body.case.caseId as string;
    const atAssignment = await mk('일반 검토 A');
    const atInvestigation = await mk('일반 검토 B');
    const assign = (await openTask('team-lead', atInvestigation))!;
    await t.call('POST', `/cases/${atInvestigation}/tasks/${assign.taskId}/complete`, {
      as: 'team-lead',
      body: { decision: 'assign', assigneeSub: t.users.investigator.sub },
    });
    const oldWork = (await openTask('investigator', atInvestigation))!;
    await t.system.stepFunctions.settle();

    const tableName = process.env.TABLE_NAME!;
    const doc = createDocumentClient();
    const cases = new CaseRepository(doc, tableName);
    const oldExecution = (await cases.get(atInvestigation))!.executionArn!;
    const arns = JSON.parse(process.env.WORKFLOW_ARNS!) as Record<string, string>;
    const ops = workflowOperations({
      cases,
      tasks: new TaskRepository(doc, tableName),
      workflows: stepFunctionsStarter((c) => arns[workflowForKind(c.kind)]),
    });

    const report = await ops.moveKind(kind, '절차 개정 v2 적용', 'admin-1');
    expect(report).toEqual({ kind, moved: 2, resumed: 0, skippedClosed: 0 });
    await t.system.stepFunctions.settle();

    const sfn = new SFNClient({});
    expect((await sfn.send(new DescribeExecutionCommand({ executionArn: oldExecution }))).status).toBe('ABORTED');
    const moved = (await cases.get(atInvestigation))!;
    expect(moved.executionArn).not.toBe(oldExecution);
    expect(moved.stage).toBe('investigation');

    const history = await t.call('GET', `/cases/${atInvestigation}/history`, { as: 'auditor' });
    expect(history.body.verification.ok).toBe(true);
    const move = history.body.events.find((e: { type: string }) => e.type === 'WORKFLOW_MOVED');
    expect(move.data).toMatchObject({
      reason: '절차 개정 v2 적용',
      restartAt: 'investigation',
      cancelledTasks: [oldWork.taskId],
    });

    const newWork = (await openTask('investigator', atInvestigation))!;
    expect(newWork.type).toBe('investigate');
    expect(newWork.taskId).not.toBe(oldWork.taskId);
    const stale = await t.call('POST', `/cases/${atInvestigation}/tasks/${oldWork.taskId}/complete`, {
      as: 'investigator',
      body: { decision: 'submit', findings: 'x' },
    });
    expect(stale.status).toBe(409);

    await t.call('POST', `/cases/${atInvestigation}/tasks/${newWork.taskId}/complete`, {
      as: 'investigator',
      body: { decision: 'submit', findings: '심사 결과' },
    });
    const approve = (await openTask('head', atInvestigation))!;
    await t.call('POST', `/cases/${atInvestigation}/tasks/${approve.taskId}/complete`, {
      as: 'head',
      body: { decision: 'approve' },
    });
    await t.system.stepFunctions.settle();
    expect((await cases.get(atInvestigation))!.stage).toBe('closed');
    expect((await openTask('team-lead', atAssignment))?.type).toBe('assign');

    const again = await ops.moveKind(kind, '재실행', 'admin-1');
    expect(again).toMatchObject({ moved: 1, skippedClosed: 1 });
    sfn.destroy();
  });
});
