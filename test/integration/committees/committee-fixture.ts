/**
 * A small office for committee tests on DynamoDB Local: the demo staff and committees, the real
 * case, task and committee use cases (the workflow is a recording signaller), an injected clock,
 * and — for the jobs — the in-process mail catcher behind the ordinary SMTP mailer.
 */
import { randomUUID } from 'node:crypto';
import { DEMO_STAFF, DEMO_USERS, seedDemoCommittees } from '../../../infra/local/demo-data.ts';
import { startMailCatcher, type MailCatcher } from '../../../infra/local/mail-catcher/mail-catcher.ts';
import { createCalendar } from '#shared/calendar/index.ts';
import type { CommitteeKind } from '#shared/domain/committee.ts';
import type { Actor } from '#shared/domain/roles.ts';
import type { StaffMember } from '#shared/domain/staff.ts';
import { createSmtpMailer, type Mailer } from '#shared/mail/mailer.ts';
import { CaseRepository } from '#shared/store/case-repository.ts';
import { CommitteeRepository } from '#shared/store/committee-repository.ts';
import { IdempotencyStore } from '#shared/store/idempotency-store.ts';
import { StaffRepository } from '#shared/store/staff-repository.ts';
import { TaskRepository } from '#shared/store/task-repository.ts';
import { caseUseCases } from '#shared/usecases/case-usecases.ts';
import { committeeUseCases } from '#shared/usecases/committee-usecases.ts';
import { taskUseCases } from '#shared/usecases/task-usecases.ts';
import { createTestTable } from '../../support/test-table.ts';

export const OFFICE_NAME = 'OO구청 감사담당관';
export const BASE_URL = 'http://localhost:4000';
export const actorOf = (member: StaffMember): Actor => ({
  sub: member.sub,
  name: member.name,
  email: member.email,
  roles: member.roles,
});

export async function createCommitteeWorld(options: { mail?: boolean; start?: string } = {}) {
  const table = await createTestTable('committees');
  const calendar = createCalendar();
  const staff = new StaffRepository(table.doc, table.tableName);
  for (const member of DEMO_STAFF) await staff.putIfAbsent(member);
  const committeeRepository = new CommitteeRepository(table.doc, table.tableName);
  await seedDemoCommittees(committeeRepository);
  const caseRepository = new CaseRepository(table.doc, table.tableName);
  const taskRepository = new TaskRepository(table.doc, table.tableName);
  const idempotency = new IdempotencyStore(table.doc, table.tableName);
  let now = new Date(options.start ?? '2026-12-01T09:00:00+09:00');
  const clock = () => new Date(now.getTime());
  const quiet = () => undefined;
  const signalled: { token: string; output: Record<string, unknown> }[] = [];
  const cases = caseUseCases({ cases: caseRepository, staff, idempotency, clock, log: quiet });
  const tasks = taskUseCases({
    cases: caseRepository,
    tasks: taskRepository,
    staff,
    idempotency,
    signaller: {
      succeed: async (token: string, output: Record<string, unknown>) => void signalled.push({ token, output }),
    } as never,
    calendar,
    clock,
    log: quiet,
  });
  const committees = committeeUseCases({
    committees: committeeRepository,
    tasks: taskRepository,
    cases: caseRepository,
    completion: tasks,
    staff,
    idempotency,
    calendar,
    clock,
  });
  const catcher: MailCatcher | undefined = options.mail ? await startMailCatcher({}) : undefined;
  const mailer: Mailer | undefined = catcher
    ? createSmtpMailer({
        host: '127.0.0.1',
        port: catcher.smtpPort,
        secure: false,
        from: { name: OFFICE_NAME, address: 'gamsa@gamsa.local' },
      })
    : undefined;

  /** A case waiting for `committee`, opened as the workflow's step would open it. */
  async function caseWaitingFor(committee: CommitteeKind, title: string, extra: { sealed?: boolean } = {}) {
    const lead = actorOf(DEMO_USERS['team-lead']);
    const { result } = await cases.createCase(lead, {
      kind: 'case-review',
      title,
      ...(extra.sealed !== undefined && { sealed: extra.sealed }),
    });
    const opened = await tasks.openHumanTask({
      caseId: result.case.caseId,
      taskType: 'approve',
      titleKo: '위원회 심사 의결',
      stage: 'review',
      assignTo: { role: 'secretary' },
      allowedDecisions: ['approve', 'return'],
      dueInBusinessDays: 20,
      committee,
      taskToken: randomUUID(),
      executionArn: `arn:aws:states:ap-northeast-2:000000000000:execution:test:${result.case.caseId}`,
      stateName: 'Committee decides',
    });
    return { caseId: result.case.caseId, caseNumber: result.case.caseNumber, taskId: opened.taskId };
  }

  return {
    table,
    calendar,
    staff,
    cases,
    tasks,
    committees,
    committeeRepository,
    caseRepository,
    taskRepository,
    catcher,
    mailer,
    signalled,
    caseWaitingFor,
    setNow: (iso: string) => {
      now = new Date(iso);
    },
    clock,
    async close() {
      mailer?.close();
      await catcher?.close();
      await table.drop();
    },
  };
}

export type CommitteeWorld = Awaited<ReturnType<typeof createCommitteeWorld>>;
