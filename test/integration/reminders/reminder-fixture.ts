/**
 * A small office for reminder tests: a fresh table in the shared DynamoDB Local with the demo staff,
 * cases and tasks made through the real use cases (an injected clock sets when each task opened),
 * the real mail catcher, and the reminder job wired to both through the ordinary SMTP mailer.
 */
import { randomUUID } from 'node:crypto';
import { QueryCommand, UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { DEMO_STAFF, DEMO_USERS } from '../../../infra/local/demo-data.ts';
import {
  startMailCatcher,
  type CaughtMessage,
  type MailCatcher,
} from '../../../infra/local/mail-catcher/mail-catcher.ts';
import { createCalendar } from '#shared/calendar/index.ts';
import type { CaseKind } from '#shared/domain/case.ts';
import type { CaseStage } from '#shared/domain/case.ts';
import type { Actor, Role, Team } from '#shared/domain/roles.ts';
import type { StaffMember } from '#shared/domain/staff.ts';
import type { TaskType } from '#shared/domain/task.ts';
import type { DecisionForm } from '#shared/kinds/registry.ts';
import { catcherDeliveryLookup, type DeliveryLookup } from '#shared/mail/delivery-lookup.ts';
import { createSmtpMailer, type Mailer } from '#shared/mail/mailer.ts';
import { CaseRepository } from '#shared/store/case-repository.ts';
import { IdempotencyStore } from '#shared/store/idempotency-store.ts';
import { keys } from '#shared/store/keys.ts';
import { ReminderPreferencesStore } from '#shared/store/reminder-preferences-store.ts';
import { cachedStaffDirectory, ReminderStore } from '#shared/store/reminder-store.ts';
import { StaffRepository } from '#shared/store/staff-repository.ts';
import { TaskRepository } from '#shared/store/task-repository.ts';
import { caseUseCases } from '#shared/usecases/case-usecases.ts';
import {
  deadlineReminders,
  type DeadlineReminderDeps,
  type DeadlineReminderOptions,
} from '#shared/usecases/deadline-reminders.ts';
import { taskUseCases } from '#shared/usecases/task-usecases.ts';
import { createTestTable } from '../../support/test-table.ts';

export const OFFICE_NAME = 'OO구청 감사담당관';
export const BASE_URL = 'http://localhost:4000';
/** Where the one-click unsubscribe route would answer. */
export const API_URL = 'http://localhost:3000';
export const FROM = { name: OFFICE_NAME, address: 'gamsa@gamsa.local' };
export const LEASE_MS = 5 * 60_000;

/** The job's run on a Korea date: 08:30 KST. */
export const runAt = (date: string, time = '08:30:00') => new Date(`${date}T${time}+09:00`);

export const staffNamed = (name: string): StaffMember => {
  const member = DEMO_STAFF.find((m) => m.name === name);
  if (!member) throw new Error(`no demo staff member named ${name}`);
  return member;
};
const nameByEmail = new Map(DEMO_STAFF.map((m) => [m.email, m.name]));

export const actorOf = (member: StaffMember): Actor => ({
  sub: member.sub,
  name: member.name,
  email: member.email,
  roles: member.roles,
});

export interface OpenTaskRequest {
  kind: CaseKind;
  title: string;
  /** When the task opens (ISO with +09:00). */
  openedAt: string;
  taskType: TaskType;
  stage: CaseStage;
  assignTo: { sub: string } | { role: Role; team?: Team };
  allowedDecisions: DecisionForm['decision'][];
  dueInBusinessDays: number;
  /** Seal a case whose kind is not sealed by default. */
  sealed?: boolean;
}

export interface OpenedTask {
  caseId: string;
  caseNumber: string;
  taskId: string;
  dueAt: string;
}

/** One digest as a person reads it: who it was for and `<group label> <case number>` per listed case. */
export interface ReadDigest {
  to: string;
  items: string[];
  message: CaughtMessage;
}

/** Reads a caught digest's plain text the way a person does: group headings, then `- <case number> <title>` lines (`  · ` in the head's summary). */
export function readDigest(message: CaughtMessage): ReadDigest {
  const address = message.to[0]?.address ?? '';
  const items: string[] = [];
  let group = '';
  for (const line of message.text.split('\n')) {
    const heading = /^\[(.+)\] \d+건$/.exec(line);
    if (heading) group = heading[1]!;
    const item = /^- (\S+) /.exec(line);
    if (item) items.push(`${group} ${item[1]}`);
    // The head's summary names its oldest tasks as `  · <case number> …` under its own heading.
    const reported = /^ {2}· (\S+) /.exec(line);
    if (reported) items.push(`${group} ${reported[1]}`);
  }
  return { to: nameByEmail.get(address) ?? address, items: items.sort(), message };
}

/** Digests of these messages by recipient name, e.g. `{ 강민수: ['기한 경과 2026-감사-0001'] }` (one entry per mail). */
export function digestsByPerson(messages: readonly CaughtMessage[]): Record<string, string[][]> {
  const byPerson: Record<string, string[][]> = {};
  for (const digest of messages.map(readDigest)) (byPerson[digest.to] ??= []).push(digest.items);
  return Object.fromEntries(Object.entries(byPerson).sort(([a], [b]) => a.localeCompare(b, 'ko')));
}

/** Options of the world: `rejectRecipient` makes the mail catcher refuse recipients (see mail-catcher.ts). */
export async function createReminderWorld(
  options: { rejectRecipient?: (address: string) => { code: number; message: string } | undefined } = {},
) {
  const table = await createTestTable('reminders');
  const calendar = createCalendar();
  const staff = new StaffRepository(table.doc, table.tableName);
  for (const member of DEMO_STAFF) await staff.putIfAbsent(member);
  const caseRepository = new CaseRepository(table.doc, table.tableName);
  const taskRepository = new TaskRepository(table.doc, table.tableName);
  const idempotency = new IdempotencyStore(table.doc, table.tableName);
  const catcher: MailCatcher = await startMailCatcher(
    options.rejectRecipient ? { rejectRecipient: options.rejectRecipient } : {},
  );
  const mailer: Mailer = createSmtpMailer({ host: '127.0.0.1', port: catcher.smtpPort, secure: false, from: FROM });
  const catcherLookup = catcherDeliveryLookup(catcher.httpUrl);

  let now = new Date('2026-12-01T09:00:00+09:00');
  const clock = () => now;
  const quiet = () => undefined;
  const cases = caseUseCases({ cases: caseRepository, staff, idempotency, clock, log: quiet });
  const tasks = taskUseCases({
    cases: caseRepository,
    tasks: taskRepository,
    staff,
    idempotency,
    signaller: { succeed: async () => undefined },
    calendar,
    clock,
    log: quiet,
  });
  const lead = actorOf(DEMO_USERS['team-lead']);
  const head = actorOf(DEMO_USERS.head);

  /** Registers a case and opens one human task on it at `openedAt`, as the workflow's step would. */
  async function openTask(request: OpenTaskRequest): Promise<OpenedTask> {
    now = new Date(request.openedAt);
    // The fixture puts tasks on whoever a test names, across teams: the head registers those with the
    // recorded override of the assignment rule (the rule itself is tested with the use cases).
    const assignee =
      'sub' in request.assignTo
        ? {
            assigneeSub: request.assignTo.sub,
            overrideAssignmentRule: true,
            overrideReason: '알림 시험: 지정한 직원에게 업무를 둡니다',
          }
        : {};
    const { result } = await cases.createCase('sub' in request.assignTo ? head : lead, {
      kind: request.kind,
      title: request.title,
      summary: `${request.title} — 요약`,
      ...assignee,
      ...(request.sealed && { sealed: true }),
    });
    const assignTo = 'sub' in request.assignTo ? 'case-assignee' : request.assignTo;
    const opened = await tasks.openHumanTask({
      caseId: result.case.caseId,
      taskType: request.taskType,
      titleKo: `${request.taskType} 업무`,
      stage: request.stage,
      assignTo,
      allowedDecisions: request.allowedDecisions,
      dueInBusinessDays: request.dueInBusinessDays,
      taskToken: randomUUID(),
      executionArn: `arn:aws:states:ap-northeast-2:000000000000:execution:test:${result.case.caseId}`,
      stateName: 'Human step',
    });
    return {
      caseId: result.case.caseId,
      caseNumber: result.case.caseNumber,
      taskId: opened.taskId,
      dueAt: opened.dueAt,
    };
  }

  /** A person completes the task (the workflow is told through a stub; here only the task matters). */
  async function completeTask(task: OpenedTask, by: StaffMember, form: DecisionForm, at: string): Promise<void> {
    now = new Date(at);
    await tasks.completeTask(actorOf(by), task.caseId, task.taskId, form);
  }

  /** Gives an open task to another person, as a reassignment feature would (the reminders read the task as it is now). */
  async function reassignTask(task: OpenedTask, to: StaffMember): Promise<void> {
    await table.doc.send(
      new UpdateCommand({
        TableName: table.tableName,
        Key: keys.task(task.caseId, task.taskId),
        UpdateExpression: 'SET assignee = :assignee, gsi1pk = :queue',
        ConditionExpression: '#status = :open',
        ExpressionAttributeNames: { '#status': 'status' },
        ExpressionAttributeValues: {
          ':assignee': { sub: to.sub },
          ':queue': keys.tasksOfPerson(to.sub),
          ':open': 'open',
        },
      }),
    );
  }

  /** The reminder job over this world; `doc` and `mailer` can be swapped for crashing ones. */
  function reminderJob(
    overrides: {
      doc?: DynamoDBDocumentClient;
      mailer?: Pick<Mailer, 'send'>;
      clock?: () => Date;
      options?: Partial<DeadlineReminderOptions>;
      failures?: DeadlineReminderDeps['failures'];
      /** How a recovery asks whether a mail got through: the catcher, as the local system is wired; null for none (as on SES). */
      deliveries?: DeliveryLookup | null;
      log?: (entry: Record<string, unknown>) => void;
      /** Honour each person's stored preferences and put a one-click unsubscribe link on the mail. */
      preferences?: boolean;
      /** Who holds office-wide roles with no team (the head of office by default). */
      officeLevel?: readonly string[];
    } = {},
  ) {
    const doc = overrides.doc ?? table.doc;
    const staffRepository = new StaffRepository(doc, table.tableName);
    return deadlineReminders({
      store: new ReminderStore(doc, table.tableName),
      cases: new CaseRepository(doc, table.tableName),
      misconductCases: new CaseRepository(doc, table.tableName),
      staffDirectory: () => cachedStaffDirectory(staffRepository, overrides.officeLevel ?? [DEMO_USERS.head.sub]),
      mailer: overrides.mailer ?? mailer,
      calendar,
      mail: { officeName: OFFICE_NAME, baseUrl: BASE_URL },
      messageIdDomain: 'gamsa.local',
      clock: overrides.clock ?? (() => new Date(now.getTime())),
      options: { leaseMs: LEASE_MS, ...overrides.options },
      log: overrides.log ?? quiet,
      ...(overrides.failures && { failures: overrides.failures }),
      ...(overrides.preferences && {
        preferences: new ReminderPreferencesStore(doc, table.tableName),
        unsubscribeBaseUrl: API_URL,
      }),
      ...(overrides.deliveries !== null && { deliveries: overrides.deliveries ?? catcherLookup }),
    });
  }

  /** Reminder markers of a case, as stored. */
  async function markersOf(caseId: string): Promise<Record<string, unknown>[]> {
    const out = await table.doc.send(
      new QueryCommand({
        TableName: table.tableName,
        KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
        ExpressionAttributeValues: { ':pk': keys.case(caseId).pk, ':prefix': 'REMINDER#' },
        ConsistentRead: true,
      }),
    );
    return out.Items ?? [];
  }

  return {
    table,
    calendar,
    catcher,
    mailer,
    catcherLookup,
    caseRepository,
    openTask,
    completeTask,
    reassignTask,
    reminderJob,
    markersOf,
    setNow(at: Date) {
      now = at;
    },
    async close() {
      mailer.close();
      await catcher.close();
      await table.drop();
    },
  };
}

export type ReminderWorld = Awaited<ReturnType<typeof createReminderWorld>>;
