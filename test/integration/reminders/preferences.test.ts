/**
 * Reminder preferences over DynamoDB Local and the real mail catcher: progress reminders weekly or
 * off, a pause whose urgent items go to the team lead meanwhile, the refusal to turn legal deadlines
 * or 징계시효 alarms off, and the one-click unsubscribe a mail carries.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NotFoundError, ValidationError } from '#shared/domain/errors.ts';
import { reminderPreferencesChangeSchema } from '#shared/domain/reminder-preferences.ts';
import { NoHeadOfOfficeError } from '#shared/usecases/head-of-office.ts';
import { ReminderPreferencesStore } from '#shared/store/reminder-preferences-store.ts';
import { reminderPreferences } from '#shared/usecases/reminder-preferences.ts';
import {
  actorOf,
  API_URL,
  createReminderWorld,
  digestsByPerson,
  runAt,
  staffNamed,
  type OpenedTask,
  type ReminderWorld,
} from './reminder-fixture.ts';
import type { CaughtMessage } from '../../../infra/local/mail-catcher/mail-catcher.ts';

let world: ReminderWorld;
let store: ReminderPreferencesStore;
let weekly: OpenedTask; // 박준형: progress reminders weekly; 20 business days from 1 Dec, 50% on Tue 15 Dec
let off: OpenedTask; // 조현우: progress reminders off; the same timing
let paused: OpenedTask; // 서지원: away through Mon 21 Dec; due Thu 17 Dec
const DAYS = ['2026-12-15', '2026-12-16', '2026-12-17', '2026-12-18', '2026-12-21', '2026-12-22'];
const mailsByDay: Record<string, Record<string, string[][]>> = {};
const messagesByDay: Record<string, readonly CaughtMessage[]> = {};

beforeAll(async () => {
  world = await createReminderWorld();
  store = new ReminderPreferencesStore(world.table.doc, world.table.tableName);
  const preferences = reminderPreferences({ store, clock: () => new Date('2026-12-14T12:00:00+09:00') });
  const twentyDays = { kind: 'case-review', taskType: 'investigate', stage: 'investigation' } as const;
  weekly = await world.openTask({
    ...twentyDays,
    title: '일반 검토 — 매주 받기',
    openedAt: '2026-12-01T10:00:00+09:00',
    assignTo: { sub: staffNamed('박준형').sub },
    allowedDecisions: ['submit'],
    dueInBusinessDays: 20,
  });
  off = await world.openTask({
    ...twentyDays,
    title: '일반 검토 — 진행 알림 끄기',
    openedAt: '2026-12-01T10:00:00+09:00',
    assignTo: { sub: staffNamed('조현우').sub },
    allowedDecisions: ['submit'],
    dueInBusinessDays: 20,
  });
  paused = await world.openTask({
    kind: 'daily-audit',
    title: '일상감사 — 휴가 중 기한',
    openedAt: '2026-12-11T10:00:00+09:00',
    taskType: 'investigate',
    stage: 'investigation',
    assignTo: { sub: staffNamed('서지원').sub },
    allowedDecisions: ['submit'],
    dueInBusinessDays: 4,
  });
  await preferences.change(actorOf(staffNamed('박준형')), { nonUrgent: 'weekly' });
  await preferences.change(actorOf(staffNamed('조현우')), { nonUrgent: 'off' });
  await preferences.change(actorOf(staffNamed('서지원')), { pausedUntil: '2026-12-21' });

  const job = world.reminderJob({ preferences: true });
  for (const day of DAYS) {
    await world.catcher.clear();
    world.setNow(new Date(runAt(day).getTime() + 60_000));
    await job.run(runAt(day));
    messagesByDay[day] = world.catcher.messages();
    mailsByDay[day] = digestsByPerson(world.catcher.messages());
  }
}, 180_000);

afterAll(async () => {
  await world?.close();
});

describe('reminder preferences', () => {
  it('sends progress reminders weekly or not at all as chosen, hands an away person’s urgent items to the team lead, and resumes after the pause', () => {
    const [W, P] = [weekly.caseNumber, paused.caseNumber];
    expect(mailsByDay).toEqual({
      // 박준형's task passed 50% on Tuesday: weekly, he hears of it on Monday's digest. 조현우 never does.
      // 서지원's task passed 50% on Wednesday while she is away: a progress reminder waits for nobody.
      '2026-12-15': {},
      '2026-12-16': {},
      // Due today and overdue are legal deadlines: while she is away, her team lead stands in, daily.
      '2026-12-17': { 강민수: [[`오늘 마감 ${P}`]] },
      '2026-12-18': { 강민수: [[`새로 기한 경과 ${P}`]] },
      '2026-12-21': { 강민수: [[`계속 기한 경과 ${P}`]], 박준형: [[`50% 경과 ${W}`]] },
      // Back: she has it herself again, and her team lead is told of the overdue task once, as usual.
      '2026-12-22': { 강민수: [[`계속 기한 경과 ${P}`]], 서지원: [[`계속 기한 경과 ${P}`]] },
    });
    const deputyMail = messagesByDay['2026-12-17']![0]!;
    expect(deputyMail.text).toContain('부재 중 대리');
  });

  it('still sends legal deadlines to someone who turned progress reminders off, without an unsubscribe link', async () => {
    const job = world.reminderJob({ preferences: true });
    await world.catcher.clear();
    world.setNow(runAt('2026-12-30', '08:31:00'));
    await job.run(runAt('2026-12-30'));
    const toOff = world.catcher.messages().filter((m) => m.to[0]?.address === staffNamed('조현우').email);
    expect(digestsByPerson(toOff)).toEqual({ 조현우: [[`오늘 마감 ${off.caseNumber}`]] });
    expect(toOff[0]!.headers['list-unsubscribe']).toBeUndefined();
  });

  it('puts a one-click unsubscribe link on the digest that turns progress reminders off, and only with the right token', async () => {
    const mail = messagesByDay['2026-12-21']!.find((m) => m.to[0]?.address === staffNamed('박준형').email)!;
    expect(mail.headers['list-unsubscribe-post']).toBe('List-Unsubscribe=One-Click');
    const link = /^<(.+)>$/.exec(String(mail.headers['list-unsubscribe']))?.[1];
    const url = new URL(link!);
    expect(`${url.origin}${url.pathname}`).toBe(`${API_URL}/mail/unsubscribe`);
    expect(url.searchParams.get('sub')).toBe(staffNamed('박준형').sub);

    const preferences = reminderPreferences({ store });
    await expect(preferences.unsubscribe(staffNamed('박준형').sub, 'x'.repeat(32))).rejects.toThrow(NotFoundError);
    await expect(preferences.unsubscribe(staffNamed('조현우').sub, url.searchParams.get('token')!)).rejects.toThrow(
      NotFoundError,
    );
    expect((await store.get(staffNamed('박준형').sub)).nonUrgent).toBe('weekly');

    const after = await preferences.unsubscribe(staffNamed('박준형').sub, url.searchParams.get('token')!);
    expect(after.nonUrgent).toBe('off');
    expect((await store.get(staffNamed('박준형').sub)).nonUrgent).toBe('off');
  });

  it('refuses to turn off legal deadlines or 징계시효 alarms, naming the field and the rule, and changes nothing', async () => {
    const member = staffNamed('문가영');
    const preferences = reminderPreferences({ store, clock: () => new Date('2026-12-14T12:00:00+09:00') });
    for (const field of ['legalDeadlines', 'limitationAlarms'] as const) {
      const refused = await preferences.change(actorOf(member), { nonUrgent: 'off', [field]: false }).then(
        () => undefined,
        (error: unknown) => error,
      );
      expect(refused).toBeInstanceOf(ValidationError);
      expect(refused).toMatchObject({ statusCode: 400, field, rule: 'always-on' });
      expect((refused as ValidationError).messageKo).toContain('끌 수 없습니다');
    }
    expect(await store.get(member.sub)).toEqual({ sub: member.sub, nonUrgent: 'daily', version: 0 });
    // Asking for them to stay on is no change at all.
    const kept = await preferences.change(actorOf(member), { legalDeadlines: true, limitationAlarms: true });
    expect(kept).toMatchObject({ nonUrgent: 'daily', version: 1 });
  });

  it('refuses a pause that ended in the past, and a change made against a stale version', async () => {
    const member = staffNamed('신예린');
    const preferences = reminderPreferences({ store, clock: () => new Date('2026-12-14T12:00:00+09:00') });
    await expect(preferences.change(actorOf(member), { pausedUntil: '2026-12-13' })).rejects.toMatchObject({
      field: 'pausedUntil',
      rule: 'not-in-past',
    });
    const first = await preferences.change(actorOf(member), { pausedUntil: '2026-12-31', expectedVersion: 0 });
    expect(first).toMatchObject({ pausedUntil: '2026-12-31', version: 1 });
    await expect(preferences.change(actorOf(member), { nonUrgent: 'off', expectedVersion: 0 })).rejects.toMatchObject({
      statusCode: 409,
    });
    const ended = await preferences.change(actorOf(member), { pausedUntil: null, expectedVersion: 1 });
    expect(ended.pausedUntil).toBeUndefined();
    expect(await store.get(member.sub)).toMatchObject({ nonUrgent: 'daily', version: 2 });
  });

  it('mails each person at the digest time they chose, and once a day even when they move it after their mail came', async () => {
    const member = staffNamed('홍성민');
    const task = await world.openTask({
      kind: 'daily-audit',
      title: '일상감사 — 09:30에 받기',
      openedAt: '2026-12-01T10:00:00+09:00',
      taskType: 'investigate',
      stage: 'investigation',
      assignTo: { sub: member.sub },
      allowedDecisions: ['submit'],
      dueInBusinessDays: 4,
    });
    const preferences = reminderPreferences({ store, clock: () => new Date('2026-12-30T18:00:00+09:00') });
    expect(await preferences.change(actorOf(member), { digestTime: '09:30' })).toMatchObject({ digestTime: '09:30' });
    const job = world.reminderJob({ preferences: true });
    const runOn = async (day: string, time: string) => {
      await world.catcher.clear();
      world.setNow(new Date(runAt(day, `${time}:00`).getTime() + 60_000));
      const report = await job.run(runAt(day, `${time}:00`));
      return {
        report,
        theirs: digestsByPerson(world.catcher.messages().filter((m) => m.to[0]?.address === member.email)),
      };
    };
    const overdue = { 홍성민: [[`계속 기한 경과 ${task.caseNumber}`]] };

    // 31 December: nothing for them at 08:30, their digest at 09:30.
    const early = await runOn('2026-12-31', '08:30');
    expect(early.theirs).toEqual({});
    expect(early.report.otherTimes).toBeGreaterThanOrEqual(1);
    const chosen = await runOn('2026-12-31', '09:30');
    expect(chosen.report.digestTime).toBe('09:30');
    expect(chosen.theirs).toEqual(overdue);
    // Having had it, they move to 10:00 the same morning: no second mail that day.
    await preferences.change(actorOf(member), { digestTime: '10:00' });
    const moved = await runOn('2026-12-31', '10:00');
    expect(moved.theirs).toEqual({});
    expect(moved.report.alreadyMailedToday).toBeGreaterThanOrEqual(1);
    // The next business day (1 January is a holiday) it comes at 10:00, not before.
    expect((await runOn('2027-01-04', '09:30')).theirs).toEqual({});
    expect((await runOn('2027-01-04', '10:00')).theirs).toEqual(overdue);
    // After the 07:30 run they move to 07:30: the day is not skipped, the 08:00 run sends it, once.
    expect((await runOn('2027-01-06', '07:30')).theirs).toEqual({});
    await preferences.change(actorOf(member), { digestTime: '07:30' });
    expect((await runOn('2027-01-06', '08:00')).theirs).toEqual(overdue);
    expect((await runOn('2027-01-06', '08:30')).theirs).toEqual({});
    // A late retry of the 07:30 run, after the 08:00 run mailed them, sends nothing either.
    expect((await runOn('2027-01-06', '07:30')).theirs).toEqual({});

    // Only the six times are offered; another is refused naming the field.
    const refused = reminderPreferencesChangeSchema.safeParse({ digestTime: '08:15' });
    expect(refused.success).toBe(false);
    expect(refused.error?.issues[0]?.path).toEqual(['digestTime']);
  });

  it('sends everyone else their digest when nobody holds the head-of-office role, then fails the run loudly', async () => {
    await world.catcher.clear();
    world.setNow(runAt('2027-01-05', '08:31:00'));
    const failed = await world
      .reminderJob({ preferences: true, officeLevel: [] })
      .run(runAt('2027-01-05'))
      .then(
        () => undefined,
        (error: unknown) => error,
      );
    expect(failed).toBeInstanceOf(NoHeadOfOfficeError);
    expect((failed as NoHeadOfOfficeError).messageKo).toContain('head 그룹');
    const sent = world.catcher.messages().length;
    expect(sent).toBeGreaterThan(0);
    // With the head back, the scheduler's retry sends nothing twice.
    await expect(world.reminderJob({ preferences: true }).run(runAt('2027-01-05'))).resolves.toMatchObject({
      digestsSent: 0,
    });
    expect(world.catcher.messages()).toHaveLength(sent);
  });
});
