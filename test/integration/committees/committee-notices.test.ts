/**
 * Committee notices on DynamoDB Local with the in-process mail catcher and an injected clock: the
 * ethics committee's December 2026 meeting (created ahead from its cadence) — the agenda mail to
 * every member and the secretary 7 days before, the reminder on the last business day before, and
 * after the meeting the secretary's daily reminder until every item has a decision; each exactly
 * once, whatever is re-run; nothing on a public holiday; never a sealed case's title.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_USERS } from '../../../infra/local/demo-data.ts';
import type { CaughtMessage } from '../../../infra/local/mail-catcher/mail-catcher.ts';
import { ReportMailLedger } from '../../../shared/store/report-mail-ledger.ts';
import { committeeMeetingsAhead } from '../../../shared/usecases/committee-meetings-ahead.ts';
import { committeeNotices } from '../../../shared/usecases/committee-notices.ts';
import { runCommitteeNotices } from '../../../functions/jobs/committee-notices.handler.ts';
import { actorOf, BASE_URL, createCommitteeWorld, OFFICE_NAME, type CommitteeWorld } from './committee-fixture.ts';

let w: CommitteeWorld;
let sealedCase: { caseId: string; caseNumber: string; taskId: string };
let openCase: { caseId: string; caseNumber: string; taskId: string };
const secretary = DEMO_USERS.secretary;

function job(mailer: Pick<NonNullable<CommitteeWorld['mailer']>, 'send'> = w.mailer!) {
  return committeeNotices({
    committees: w.committeeRepository,
    tasks: w.taskRepository,
    staff: w.staff,
    ledger: new ReportMailLedger(w.table.doc, w.table.tableName),
    mailer,
    mail: { officeName: OFFICE_NAME, baseUrl: BASE_URL },
    messageIdDomain: 'gamsa.local',
    calendar: w.calendar,
    agendaDaysBefore: 7,
    leaseMs: 60_000,
    clock: w.clock,
    log: () => undefined,
  });
}

/** The 09:00 run on a Korea date; the mails it sent as `<to>: <notice subject part>` lines. */
async function runOn(date: string): Promise<string[]> {
  const before = w.catcher!.messages().length;
  w.setNow(`${date}T09:00:05+09:00`);
  await job().run(new Date(`${date}T09:00:00+09:00`));
  return w
    .catcher!.messages()
    .slice(before)
    .filter((m: CaughtMessage) => m.subject.includes('공직자윤리위원회'))
    .map(
      (m: CaughtMessage) =>
        `${m.to[0]?.address}: ${/(회의 개최 및 안건 안내|내일 회의 알림|의결 결과 미기록 안건)/.exec(m.subject)?.[1]}`,
    )
    .sort();
}

const lastEthicsMail = () =>
  w
    .catcher!.messages()
    .filter((m) => m.subject.includes('공직자윤리위원회'))
    .at(-1)!;

const ethicsRecipients = (notice: string) =>
  [
    ...['et-chair', 'et-accountant', 'et-professor', 'et-tax', 'et-civic'].map(
      (id) => `${id}@committee.gamsa.local: ${notice}`,
    ),
    ...['et-admin', 'et-audit'].map((id) => `${id}@gamsa.local: ${notice}`),
    `${secretary.email}: ${notice}`,
  ].sort();

beforeAll(async () => {
  w = await createCommitteeWorld({ mail: true, start: '2026-11-20T09:00:00+09:00' });
  await committeeMeetingsAhead({ committees: w.committeeRepository, calendar: w.calendar, log: () => undefined }).run(
    new Date('2026-12-01T06:00:00+09:00'),
    1,
  );
  sealedCase = await w.caseWaitingFor('ethics', '재산등록 고지거부 심사 — 홍길동 부친', { sealed: true });
  openCase = await w.caseWaitingFor('ethics', '정기 재산변동 심사 보완명령 결과');
});
afterAll(async () => w?.close());

describe('committee notices around the ethics committee meeting of 2026-12-15 (Tue)', () => {
  it('sends no agenda and no meeting reminder for a meeting with nothing on its agenda (the mediation committee, 12-10)', async () => {
    w.setNow('2026-12-03T09:00:05+09:00');
    const before = w.catcher!.messages().length;
    const report = await job().run(new Date('2026-12-03T09:00:00+09:00'));
    expect(report.nothingToSay).toBeGreaterThan(0);
    expect(
      w
        .catcher!.messages()
        .slice(before)
        .filter((m) => m.subject.includes('민원조정위원회')),
    ).toEqual([]);
  });

  it('sends a notice whose first attempt failed on the next run, and only then (the mediation committee, 12-10)', async () => {
    w.setNow('2026-12-01T09:00:00+09:00');
    await w.caseWaitingFor('mediation', '민원조정 — 도로 점용 허가 이견');
    const mediation = (await w.committeeRepository.getMeeting('mediation-2026-12'))!;
    expect(mediation.scheduledAt).toBe('2026-12-10T14:00:00+09:00');
    let failures = 0;
    const flaky = {
      send: async () => {
        failures += 1;
        throw new Error('mail server down');
      },
    };
    await expect(job(flaky).run(new Date('2026-12-03T09:00:00+09:00'))).rejects.toThrow(/committee notices failed/);
    expect(failures).toBeGreaterThan(0);
    const before = w.catcher!.messages().length;
    await job().run(new Date('2026-12-03T09:00:00+09:00'));
    const sent = w
      .catcher!.messages()
      .slice(before)
      .filter((m) => m.subject.includes('민원조정위원회'));
    expect(sent.length).toBe(6);
    expect(new Set(sent.map((m) => m.to[0]?.address)).size).toBe(6);
    await job().run(new Date('2026-12-03T09:00:00+09:00'));
    expect(w.catcher!.messages().length).toBe(before + sent.length);
  });

  it('sends nothing more than 7 days before the meeting', async () => {
    expect(await runOn('2026-12-07')).toEqual([]);
  });

  it('sends the agenda to the 7 members and the secretary 7 days before, once', async () => {
    expect(await runOn('2026-12-08')).toEqual(ethicsRecipients('회의 개최 및 안건 안내'));
    expect(await runOn('2026-12-08')).toEqual([]);
    expect(await runOn('2026-12-09')).toEqual([]);
    expect(await runOn('2026-12-11')).toEqual([]);
  });

  it('lists the waiting cases by number and link, and never a sealed case’s title', async () => {
    const mail = w.catcher!.messages().find((m) => m.to[0]?.address === 'et-chair@committee.gamsa.local')!;
    expect(mail.text).toContain(sealedCase.caseNumber);
    expect(mail.text).toContain(`${BASE_URL}/cases/${sealedCase.caseId}`);
    expect(mail.text).not.toContain('홍길동');
    expect(mail.html).not.toContain('홍길동');
    expect(mail.text).toContain('정기 재산변동 심사 보완명령 결과');
    expect(mail.text).toContain(`${BASE_URL}/meetings/ethics-2026-12`);
    expect(mail.headers['x-gamsa-template']).toBe('committee-agenda');
  });

  it('reminds everyone on the last business day before (Monday 12-14), once', async () => {
    expect(await runOn('2026-12-14')).toEqual(ethicsRecipients('내일 회의 알림'));
    const reminder = lastEthicsMail();
    expect(reminder.text).toContain('내일 2026년 12월 15일(화)');
    expect(await runOn('2026-12-14')).toEqual([]);
    expect(await runOn('2026-12-15')).toEqual([]);
  });

  it('after the meeting, reminds the secretary each business day until every item has a decision', async () => {
    w.setNow('2026-12-15T15:00:00+09:00');
    const secretaryActor = actorOf(secretary);
    await w.committees.recordAttendance(secretaryActor, 'ethics-2026-12', {
      presentMemberIds: ['et-chair', 'et-accountant', 'et-professor', 'et-tax', 'et-admin'],
    });
    const votes = {
      for: ['et-chair', 'et-accountant', 'et-professor', 'et-tax', 'et-admin'],
      against: [],
      abstain: [],
    };
    await w.committees.recordDecision(secretaryActor, 'ethics-2026-12', openCase.taskId, {
      votes,
      form: { decision: 'approve', comment: '보완 결과 적정' },
    });

    expect(await runOn('2026-12-16')).toEqual([`${secretary.email}: 의결 결과 미기록 안건`]);
    expect(await runOn('2026-12-16')).toEqual([]);
    const pending = lastEthicsMail();
    expect(pending.text).toContain(sealedCase.caseNumber);
    expect(pending.text).not.toContain(openCase.caseNumber);
    expect(await runOn('2026-12-17')).toEqual([`${secretary.email}: 의결 결과 미기록 안건`]);

    w.setNow('2026-12-17T16:00:00+09:00');
    await w.committees.recordDecision(secretaryActor, 'ethics-2026-12', sealedCase.taskId, {
      votes,
      form: { decision: 'approve' },
    });
    expect((await w.committeeRepository.getMeeting('ethics-2026-12'))!.status).toBe('closed');
    expect(await runOn('2026-12-18')).toEqual([]);
  });

  it('does nothing on a public holiday (기독탄신일 2026-12-25)', async () => {
    const report = await job().run(new Date('2026-12-25T09:00:00+09:00'));
    expect(report.skipped).toBe('not a business day');
  });

  it('refuses an event that is not the committee-notices schedule’s', async () => {
    await expect(
      runCommitteeNotices({ job: 'deadline-reminders', scheduledTime: '2026-12-14T00:00:00Z' }, job()),
    ).rejects.toThrow(/committee-notices/);
  });
});
