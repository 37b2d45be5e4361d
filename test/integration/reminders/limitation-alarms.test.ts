/**
 * 징계시효 알림 on DynamoDB Local with the real mail catcher and an injected clock: the investigator
 * and the investigation team lead hear about a misconduct case 90, 30 and 7 days before its
 * discipline limitation date, in their morning digest — once each, whatever is re-run — and each
 * alarm is in the case history.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { DEMO_USERS } from '../../../infra/local/demo-data.ts';
import type { CaughtMessage } from '../../../infra/local/mail-catcher/mail-catcher.ts';
import type { MisconductIntake } from '#shared/kinds/misconduct/misconduct.ts';
import { IdempotencyStore } from '#shared/store/idempotency-store.ts';
import { ReminderPreferencesStore } from '#shared/store/reminder-preferences-store.ts';
import { reminderPreferences } from '#shared/usecases/reminder-preferences.ts';
import { StaffRepository } from '#shared/store/staff-repository.ts';
import { caseUseCases } from '#shared/usecases/case-usecases.ts';
import { actorOf, BASE_URL, createReminderWorld, LEASE_MS, type ReminderWorld } from './reminder-fixture.ts';

let world: ReminderWorld;
let now = new Date('2026-01-05T09:00:00+09:00');
const clock = () => new Date(now.getTime());
const quiet = () => undefined;
const investigator = DEMO_USERS.investigator;
const lead = DEMO_USERS['team-lead'];

const intake = (conductDate: string): MisconductIntake => ({
  category: 'other',
  conductDate,
  officials: [{ name: '김철수', department: '도로관리과', grade: '지방시설주사보(7급)' }],
  referral: {
    agency: '경찰',
    noticeType: '수사·조사 개시 통보',
    noticeNumber: `서-${conductDate}`,
    noticeDate: '2026-01-02',
  },
});

function addDays(isoDate: string, days: number): string {
  return new Date(Date.parse(`${isoDate}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}

/** The last business day on or before `date` (when an alarm due that day goes out). */
function businessDayOnOrBefore(date: string): string {
  let day = date;
  while (!world.calendar.isBusinessDay(day)) day = addDays(day, -1);
  return day;
}
const nextBusinessDay = (date: string) => {
  let day = addDays(date, 1);
  while (!world.calendar.isBusinessDay(day)) day = addDays(day, 1);
  return day;
};
const previousBusinessDay = (date: string) => businessDayOnOrBefore(addDays(date, -1));

/** The morning digest's 08:30 run on a Korea date (everyone's default digest time). */
const morning = (date: string) => new Date(`${date}T08:30:00+09:00`);

/** The morning digest job, which opens each person's mail with their 징계시효 alarms. */
function job(mailer: Pick<ReminderWorld['mailer'], 'send'> = world.mailer) {
  return world.reminderJob({ mailer, clock });
}

/** Runs the job at 08:00 on `date` and returns the mails it sent, as `<name>: <alarm label> <case number>` lines. */
async function runOn(date: string): Promise<string[]> {
  const before = world.catcher.messages().length;
  now = morning(date);
  await job().run(morning(date));
  return world.catcher
    .messages()
    .slice(before)
    .flatMap((m: CaughtMessage) => {
      const who =
        m.to[0]?.address === investigator.email
          ? investigator.name
          : m.to[0]?.address === lead.email
            ? lead.name
            : (m.to[0]?.address ?? '?');
      return m.text.split('\n').flatMap((line) => {
        const item = /^- \[(.+)\] (\S+) /.exec(line);
        return item ? [`${who}: ${item[1]} ${item[2]}`] : [];
      });
    })
    .sort();
}

let caseA: { caseId: string; caseNumber: string; limitation: string };

beforeAll(async () => {
  world = await createReminderWorld();
  const cases = caseUseCases({
    cases: world.caseRepository,
    staff: new StaffRepository(world.table.doc, world.table.tableName),
    idempotency: new IdempotencyStore(world.table.doc, world.table.tableName),
    clock,
    log: quiet,
  });
  const { result } = await cases.createCase(actorOf(lead), {
    kind: 'external-referral',
    title: '도로관리과 금품수수 의혹',
    assigneeSub: investigator.sub,
    misconduct: intake('2023-06-01'),
  });
  caseA = {
    caseId: result.case.caseId,
    caseNumber: result.case.caseNumber,
    limitation: result.case.misconduct!.limitation.date,
  };
});

afterAll(async () => {
  await world?.close();
});

describe('discipline limitation alarms', () => {
  it('tells the investigator and the team lead at 90, 30 and 7 days before, once each, and nothing in between — on the last business day before when the day is not one', async () => {
    const L = caseA.limitation;
    const n = caseA.caseNumber;
    const sendDay = (daysBefore: number) => businessDayOnOrBefore(addDays(L, -daysBefore));
    const alarms = (daysBefore: number) => [
      `박준형: 징계시효 ${daysBefore}일 전 ${n}`,
      `최유진: 징계시효 ${daysBefore}일 전 ${n}`,
    ];
    expect(await runOn(previousBusinessDay(sendDay(90)))).toEqual([]);
    expect(await runOn(sendDay(90))).toEqual(alarms(90));
    expect(await runOn(sendDay(90))).toEqual([]);
    expect(await runOn(nextBusinessDay(sendDay(90)))).toEqual([]);
    expect(await runOn(previousBusinessDay(sendDay(30)))).toEqual([]);
    expect(await runOn(sendDay(30))).toEqual(alarms(30));
    expect(await runOn(previousBusinessDay(sendDay(7)))).toEqual([]);
    expect(await runOn(sendDay(7))).toEqual(alarms(7));
    expect(await runOn(sendDay(7))).toEqual([]);
    expect(await runOn(businessDayOnOrBefore(addDays(L, -1)))).toEqual([]);
    // This limitation (2026-06-01) meets a Saturday at D-30 and the substitute holiday of 부처님오신날 at D-7.
    expect(sendDay(30)).not.toBe(addDays(L, -30));
    expect(sendDay(7)).not.toBe(addDays(L, -7));
  });

  it('sends nothing on a weekend or public holiday', async () => {
    const report = await job().run(morning(addDays(caseA.limitation, -30)));
    expect(report.skipped).toBe('not a business day');
  });

  it('records every alarm in the case history as MAIL_SENT, one per person and threshold', async () => {
    const sent = (await world.caseRepository.history(caseA.caseId)).filter((e) => e.type === 'MAIL_SENT');
    expect(sent).toHaveLength(6);
    expect(sent.map((e) => (e.data as { purpose: string }).purpose)).toEqual(Array(6).fill('limitation-alarm'));
    expect(sent.map((e) => (e.data as { recipient: { name: string } }).recipient.name).sort()).toEqual([
      '박준형',
      '박준형',
      '박준형',
      '최유진',
      '최유진',
      '최유진',
    ]);
  });

  it('keeps a sealed case’s title out of the mail and links to the case instead', async () => {
    const mail = world.catcher
      .messages()
      .find((m) => m.text.includes('[징계시효 알림]') && m.to[0]?.address === investigator.email)!;
    expect(mail.text).not.toContain('금품수수');
    expect(mail.html).not.toContain('금품수수');
    expect(mail.text).toContain(`${BASE_URL}/cases/${caseA.caseId}`);
    expect(mail.subject).toMatch(/징계시효 1건/);
    // One morning mail: the alarm is the digest's first section, not a mail of its own.
    expect(mail.headers['x-gamsa-template']).toBe('deadline-digest');
  });

  it('sends only the nearest alarm when the earlier ones were missed, and none for a case far from its limitation', async () => {
    const cases = caseUseCases({
      cases: world.caseRepository,
      staff: new StaffRepository(world.table.doc, world.table.tableName),
      idempotency: new IdempotencyStore(world.table.doc, world.table.tableName),
      clock,
      log: quiet,
    });
    now = new Date('2026-01-05T09:00:00+09:00');
    const late = (
      await cases.createCase(actorOf(lead), {
        kind: 'external-referral',
        title: '늦게 접수된 통보',
        assigneeSub: investigator.sub,
        misconduct: intake('2023-09-01'),
      })
    ).result.case;
    await cases.createCase(actorOf(lead), {
      kind: 'external-referral',
      title: '최근 비위',
      assigneeSub: investigator.sub,
      misconduct: intake('2025-12-01'),
    });
    const L = late.misconduct!.limitation.date;
    const missedUntil = nextBusinessDay(addDays(L, -26));
    expect(await runOn(missedUntil)).toEqual([
      `박준형: 징계시효 30일 전 ${late.caseNumber}`,
      `최유진: 징계시효 30일 전 ${late.caseNumber}`,
    ]);
    expect(await runOn(nextBusinessDay(missedUntil))).toEqual([]);
  });

  it('finishes the alarms of a run that died while sending: each person gets the mail once, recorded once', async () => {
    const cases = caseUseCases({
      cases: world.caseRepository,
      staff: new StaffRepository(world.table.doc, world.table.tableName),
      idempotency: new IdempotencyStore(world.table.doc, world.table.tableName),
      clock,
      log: quiet,
    });
    now = new Date('2026-01-05T09:00:00+09:00');
    const crashed = (
      await cases.createCase(actorOf(lead), {
        kind: 'internal-investigation',
        title: '내부조사 사건',
        assigneeSub: investigator.sub,
        misconduct: { ...intake('2023-11-01'), referral: undefined, origin: 'internal-finding' },
      })
    ).result.case;
    const day = businessDayOnOrBefore(addDays(crashed.misconduct!.limitation.date, -90));
    const before = world.catcher.messages().length;
    now = morning(day);
    let sendCalls = 0;
    const dying = {
      send: async () => {
        sendCalls += 1;
        throw new Error('the process died while talking to the mail server');
      },
    };
    await expect(job(dying).run(morning(day))).rejects.toThrow(/process died/);
    // The run fails at the first send; the other person's digest reaches its send moments later.
    await vi.waitFor(() => expect(sendCalls).toBe(2));
    expect(world.catcher.messages().length).toBe(before);

    now = new Date(morning(day).getTime() + LEASE_MS + 60_000);
    const report = await job().run(morning(day));
    expect(report.recovered).toBe(2);
    expect(await runOn(day)).toEqual([]);
    const delivered = world.catcher.messages().slice(before);
    expect(delivered.map((m) => m.to[0]?.address).sort()).toEqual([investigator.email, lead.email].sort());
    const sent = (await world.caseRepository.history(crashed.caseId)).filter((e) => e.type === 'MAIL_SENT');
    expect(sent.map((e) => (e.data as { purpose: string }).purpose)).toEqual(['limitation-alarm', 'limitation-alarm']);
  });

  it('tells an investigator who paused their reminders (leave) all the same: 징계시효 alarms cannot be held back', async () => {
    const cases = caseUseCases({
      cases: world.caseRepository,
      staff: new StaffRepository(world.table.doc, world.table.tableName),
      idempotency: new IdempotencyStore(world.table.doc, world.table.tableName),
      clock,
      log: quiet,
    });
    now = new Date('2026-01-05T09:00:00+09:00');
    const onLeave = (
      await cases.createCase(actorOf(lead), {
        kind: 'external-referral',
        title: '휴가 중 시효 도래',
        assigneeSub: investigator.sub,
        misconduct: intake('2024-02-01'),
      })
    ).result.case;
    const day = businessDayOnOrBefore(addDays(onLeave.misconduct!.limitation.date, -90));
    const store = new ReminderPreferencesStore(world.table.doc, world.table.tableName);
    await reminderPreferences({ store, clock: () => new Date(`${addDays(day, -1)}T12:00:00+09:00`) }).change(
      actorOf(investigator),
      { pausedUntil: addDays(day, 7), nonUrgent: 'off' },
    );
    const before = world.catcher.messages().length;
    now = morning(day);
    await world.reminderJob({ clock, preferences: true }).run(morning(day));
    const mails = world.catcher.messages().slice(before);
    const toInvestigator = mails.filter((m) => m.to[0]?.address === investigator.email);
    expect(toInvestigator).toHaveLength(1);
    expect(toInvestigator[0]!.text).toContain(`[징계시효 90일 전] ${onLeave.caseNumber}`);
    expect(mails.filter((m) => m.to[0]?.address === lead.email)).toHaveLength(1);
  });
});
