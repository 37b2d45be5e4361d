/**
 * Committee notices on DynamoDB Local with the in-process mail catcher and an injected clock: the
 * ethics committee's December 2026 meeting (created ahead from its cadence) — the agenda to every
 * member and the secretary 7 days before, the reminder on the last business day before, and after
 * the meeting the secretary's daily reminder until every item has a decision; each exactly once,
 * whatever is re-run; nothing on a public holiday; never a sealed case's title. Staff (the
 * secretary, a staff member sitting on a committee) read theirs in their one morning digest (the
 * 08:30 deadline-reminder run); outside members get the 09:00 notice mail.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { DEMO_USERS } from '../../../infra/local/demo-data.ts';
import type { CaughtMessage } from '../../../infra/local/mail-catcher/mail-catcher.ts';
import { catcherDeliveryLookup } from '#shared/mail/delivery-lookup.ts';
import { ReportMailLedger } from '#shared/store/report-mail-ledger.ts';
import { cachedStaffDirectory, ReminderStore } from '#shared/store/reminder-store.ts';
import { deadlineReminders } from '#shared/usecases/deadline-reminders.ts';
import { committeeMeetingsAhead } from '#shared/usecases/committee-meetings-ahead.ts';
import { committeeNotices } from '#shared/usecases/committee-notices.ts';
import { runCommitteeNotices } from '../../../functions/jobs/committee-notices.handler.ts';
import { actorOf, BASE_URL, createCommitteeWorld, OFFICE_NAME, type CommitteeWorld } from './committee-fixture.ts';

let w: CommitteeWorld;
let sealedCase: { caseId: string; caseNumber: string; taskId: string };
let openCase: { caseId: string; caseNumber: string; taskId: string };
let mediationCase: { caseId: string; caseNumber: string; taskId: string };
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

/** The morning digest run (staff; everyone's default digest time, 08:30) with the committee source. */
function digestJob(mailer: Pick<NonNullable<CommitteeWorld['mailer']>, 'send'> = w.mailer!) {
  return deadlineReminders({
    deliveries: catcherDeliveryLookup(w.catcher!.httpUrl),
    store: new ReminderStore(w.table.doc, w.table.tableName),
    cases: w.caseRepository,
    committees: { committees: w.committeeRepository, tasks: w.taskRepository, agendaDaysBefore: 7 },
    staffDirectory: () => cachedStaffDirectory(w.staff, [DEMO_USERS.head.sub]),
    mailer,
    calendar: w.calendar,
    mail: { officeName: OFFICE_NAME, baseUrl: BASE_URL },
    messageIdDomain: 'gamsa.local',
    clock: w.clock,
    log: () => undefined,
  });
}

const NOTICE_LABEL = /(회의 개최 및 안건 안내|내일 회의 알림|회의 전 알림|의결 결과 미기록 안건)/;
const isDigest = (m: CaughtMessage) => m.headers['x-gamsa-template'] === 'deadline-digest';

/** The committee section of a digest (from its heading to the meeting link). */
function sectionOf(m: CaughtMessage, committeeName: string): string | undefined {
  const start = m.text.search(new RegExp(`\\[위원회 안내: [^\\]\\n]*${committeeName} `));
  if (start < 0) return undefined;
  return m.text.slice(start, m.text.indexOf('회의: http', start));
}

/**
 * The mails about `committeeName` among `messages`: `<to>: <notice>` for a notice mail,
 * `<to>: <notice> (아침 알림)` for a morning digest carrying the notice.
 */
function noticeLines(messages: readonly CaughtMessage[], committeeName: string): string[] {
  return messages
    .flatMap((m) => {
      if (isDigest(m)) {
        const section = sectionOf(m, committeeName);
        return section ? [`${m.to[0]?.address}: ${NOTICE_LABEL.exec(section)?.[1]} (아침 알림)`] : [];
      }
      return m.subject.includes(committeeName) ? [`${m.to[0]?.address}: ${NOTICE_LABEL.exec(m.subject)?.[1]}`] : [];
    })
    .sort();
}

/** The 08:30 digest run and the 09:00 notice run on a Korea date; what they said of the ethics committee. */
async function runOn(date: string): Promise<string[]> {
  const before = w.catcher!.messages().length;
  w.setNow(`${date}T08:30:05+09:00`);
  await digestJob().run(new Date(`${date}T08:30:00+09:00`));
  w.setNow(`${date}T09:00:05+09:00`);
  await job().run(new Date(`${date}T09:00:00+09:00`));
  return noticeLines(w.catcher!.messages().slice(before), '공직자윤리위원회');
}

const lastEthicsMail = () =>
  w
    .catcher!.messages()
    .filter((m) => m.subject.includes('공직자윤리위원회'))
    .at(-1)!;

/** The latest digest to `email` carrying a notice of `committeeName`. */
const lastDigestTo = (email: string, committeeName: string) =>
  w
    .catcher!.messages()
    .filter((m) => isDigest(m) && m.to[0]?.address === email && sectionOf(m, committeeName) !== undefined)
    .at(-1)!;

/** The ethics committee has no staff member but its secretary: the members are mailed, the secretary reads the digest. */
const ethicsRecipients = (notice: string) =>
  [
    ...['et-chair', 'et-accountant', 'et-professor', 'et-tax', 'et-civic'].map(
      (id) => `${id}@committee.gamsa.local: ${notice}`,
    ),
    ...['et-admin', 'et-audit'].map((id) => `${id}@gamsa.local: ${notice}`),
    `${secretary.email}: ${notice} (아침 알림)`,
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

  it('sends a notice whose first attempt failed on the next run, and only then, to the outside members (the mediation committee, 12-10)', async () => {
    w.setNow('2026-12-01T09:00:00+09:00');
    mediationCase = await w.caseWaitingFor('mediation', '민원조정 — 도로 점용 허가 이견');
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
    const report = await job().run(new Date('2026-12-03T09:00:00+09:00'));
    // The head (md-head), the staff lawyer (md-lawyer) and the secretary read it in their digest.
    expect(report.inDigest).toBe(3);
    expect(noticeLines(w.catcher!.messages().slice(before), '민원조정위원회')).toEqual(
      ['md-chair@gamsa.local', 'md-building@gamsa.local', 'md-expert@committee.gamsa.local']
        .map((to) => `${to}: 회의 개최 및 안건 안내`)
        .sort(),
    );
    await job().run(new Date('2026-12-03T09:00:00+09:00'));
    expect(w.catcher!.messages().length).toBe(before + 3);
  });

  it('gives a staff member one morning mail with both their deadline and the committee notice, once even when the run dies after sending (12-03)', async () => {
    // A task of the secretary's due today, beside the mediation meeting's agenda.
    w.setNow('2026-12-02T10:00:00+09:00');
    const { result } = await w.cases.createCase(actorOf(DEMO_USERS['team-lead']), {
      kind: 'case-review',
      title: '재산등록 보완 자료 접수 확인',
    });
    await w.tasks.openHumanTask({
      caseId: result.case.caseId,
      taskType: 'approve',
      titleKo: '보완 자료 확인',
      stage: 'review',
      assignTo: { role: 'secretary' },
      allowedDecisions: ['approve', 'return'],
      dueInBusinessDays: 1,
      taskToken: randomUUID(),
      executionArn: `arn:aws:states:ap-northeast-2:000000000000:execution:test:${result.case.caseId}`,
      stateName: 'Check',
    });

    const before = w.catcher!.messages().length;
    // The process dies right after the mail server took each digest, before it was recorded as sent.
    let handedOver = 0;
    const dying = {
      send: async (mail: Parameters<NonNullable<CommitteeWorld['mailer']>['send']>[0]) => {
        await w.mailer!.send(mail);
        handedOver += 1;
        throw new Error('process killed');
      },
    };
    w.setNow('2026-12-03T08:30:05+09:00');
    await expect(digestJob(dying).run(new Date('2026-12-03T08:30:00+09:00'))).rejects.toThrow(/process killed/);
    await vi.waitFor(() => expect(handedOver).toBe(3));
    // The scheduler's retry, once the dead run's lease has ended, finds each mail delivered and sends none again.
    w.setNow('2026-12-03T08:35:05+09:00');
    const retry = await digestJob().run(new Date('2026-12-03T08:30:00+09:00'));
    expect(retry.recovered).toBe(3);
    const sent = w.catcher!.messages().slice(before);
    expect(sent.every(isDigest)).toBe(true);
    expect(sent.filter((m) => m.to[0]?.address === secretary.email)).toHaveLength(1);
    const mail = lastDigestTo(secretary.email, '민원조정위원회');
    expect(mail.text).toContain('[오늘 마감] 1건');
    expect(mail.text).toContain(`${BASE_URL}/cases/${result.case.caseId}`);
    const section = sectionOf(mail, '민원조정위원회')!;
    expect(section).toContain('[위원회 안내: 민원조정위원회 회의 개최 및 안건 안내]');
    expect(section).toContain('2026년 12월 10일(목) 14:00');
    expect(section).toContain(mediationCase.caseNumber);
    expect(section).toContain(`${BASE_URL}/cases/${mediationCase.caseId}`);
    expect(mail.subject).toContain('위원회 안내 1건');
    expect(noticeLines(sent, '민원조정위원회')).toEqual(
      [DEMO_USERS.head.email, DEMO_USERS.member.email, secretary.email]
        .map((to) => `${to}: 회의 개최 및 안건 안내 (아침 알림)`)
        .sort(),
    );
    // The case's history says who was told.
    const history = await w.caseRepository.history(mediationCase.caseId);
    expect(
      history
        .filter((e) => e.type === 'MAIL_SENT' && e.data.purpose === 'committee-notice')
        .map((e) => e.data.summaryKo),
    ).toHaveLength(3);

    // Re-running either job sends nothing more.
    const after = w.catcher!.messages().length;
    await digestJob().run(new Date('2026-12-03T08:30:00+09:00'));
    await job().run(new Date('2026-12-03T09:00:00+09:00'));
    expect(w.catcher!.messages().length).toBe(after);
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
    const digest = lastDigestTo(secretary.email, '공직자윤리위원회');
    expect(sectionOf(digest, '공직자윤리위원회')).toContain(sealedCase.caseNumber);
    expect(digest.text).not.toContain('홍길동');
    expect(digest.html).not.toContain('홍길동');
  });

  it('reminds everyone on the last business day before (Monday 12-14), once', async () => {
    expect(await runOn('2026-12-14')).toEqual(ethicsRecipients('내일 회의 알림'));
    const reminder = lastEthicsMail();
    expect(reminder.text).toContain('내일 2026년 12월 15일(화)');
    expect(sectionOf(lastDigestTo(secretary.email, '공직자윤리위원회'), '공직자윤리위원회')).toContain(
      '[위원회 안내: 영등포구 공직자윤리위원회 내일 회의 알림]\n내일 2026년 12월 15일(화) 15:00에',
    );
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

    expect(await runOn('2026-12-16')).toEqual([`${secretary.email}: 의결 결과 미기록 안건 (아침 알림)`]);
    expect(await runOn('2026-12-16')).toEqual([]);
    const pending = sectionOf(lastDigestTo(secretary.email, '공직자윤리위원회'), '공직자윤리위원회')!;
    expect(pending).toContain(sealedCase.caseNumber);
    expect(pending).not.toContain(openCase.caseNumber);
    expect(await runOn('2026-12-17')).toEqual([`${secretary.email}: 의결 결과 미기록 안건 (아침 알림)`]);

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
