/**
 * A task with a long allowed time (100 business days, about five months) gets its 50% reminder on
 * the day it earns it — months before its due date, well beyond the job's 45-day read horizon —
 * because the open-task index is sorted by the midpoint of the task's time, not its due time. And
 * the job still reads nothing of it while its midpoint is far off.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { koreaDate } from '#shared/domain/korea-time.ts';
import { BusinessDayCounter, reminderDue } from '#shared/policies/reminder-policy.ts';
import { DEFAULT_DEADLINE_REMINDER_OPTIONS } from '#shared/usecases/deadline-reminders.ts';
import {
  createReminderWorld,
  readDigest,
  runAt,
  staffNamed,
  type OpenedTask,
  type ReminderWorld,
} from './reminder-fixture.ts';

let world: ReminderWorld;
let task: OpenedTask;
const assignee = staffNamed('문가영');

const DAY_MS = 86_400_000;
const nextDay = (date: string) => new Date(Date.parse(`${date}T00:00:00Z`) + DAY_MS).toISOString().slice(0, 10);

beforeAll(async () => {
  world = await createReminderWorld();
  task = await world.openTask({
    kind: 'case-review',
    title: '일반 검토 — 장기 심사',
    openedAt: '2026-09-01T10:00:00+09:00',
    taskType: 'investigate',
    stage: 'investigation',
    assignTo: { sub: assignee.sub },
    allowedDecisions: ['submit'],
    dueInBusinessDays: 100,
  });
});

afterAll(async () => {
  await world?.close();
});

describe('a task with a long allowed time', () => {
  it('gets its 50% reminder on the day it earns it, months before it is due, and is not read long before', async () => {
    // The first business day the policy gives the task its 50% reminder.
    const days = new BusinessDayCounter(world.calendar);
    let day = '2026-09-02';
    while (
      !(
        world.calendar.isBusinessDay(day) &&
        reminderDue({ openedAt: '2026-09-01T10:00:00+09:00', dueAt: task.dueAt }, runAt(day), days)?.level ===
          'elapsed-50'
      )
    )
      day = nextDay(day);
    const daysBeforeDue = (Date.parse(task.dueAt) - runAt(day).getTime()) / DAY_MS;
    expect(daysBeforeDue).toBeGreaterThan(DEFAULT_DEADLINE_REMINDER_OPTIONS.horizonDays);

    // Early on, the index holds it beyond the horizon: nothing is read at all.
    world.setNow(runAt('2026-09-03', '08:31:00'));
    expect((await world.reminderJob().run(runAt('2026-09-03'))).tasksRead).toBe(0);

    world.setNow(new Date(runAt(day).getTime() + 60_000));
    const report = await world.reminderJob().run(runAt(day));

    expect(report).toMatchObject({ tasksDue: 1, digestsSent: 1, remindersSent: 1 });
    const mails = world.catcher.messages().map(readDigest);
    expect(mails.map((m) => [m.to, m.items])).toEqual([[assignee.name, [`50% 경과 ${task.caseNumber}`]]]);
    expect(koreaDate(runAt(day)) < task.dueAt.slice(0, 10)).toBe(true);
  });
});
