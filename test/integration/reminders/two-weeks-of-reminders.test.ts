/**
 * Two weeks of morning runs (14–31 December 2026: weekends and Christmas, a Friday holiday) over
 * DynamoDB Local and the real mail catcher, with an injected clock. Each day's run is the job's
 * handler function given the event EventBridge Scheduler sends; what each person receives is read
 * from the caught mail, the way they would read it.
 */
import type { CaughtMessage } from '../../../infra/local/mail-catcher/mail-catcher.ts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { JobInputError, runDeadlineReminders } from '../../../functions/jobs/deadline-reminders.handler.ts';
import { DEMO_STAFF } from '../../../infra/local/demo-data.ts';
import { verifyChain, type HistoryEvent } from '#shared/domain/history.ts';
import { formatScheduledTime } from '#shared/schedules/scheduled-job.ts';
import type { ReminderRunReport } from '#shared/usecases/deadline-reminders.ts';
import {
  createReminderWorld,
  digestsByPerson,
  runAt,
  staffNamed,
  type OpenedTask,
  type ReminderWorld,
} from './reminder-fixture.ts';

const SEALED_TITLE = '공익신고 — 보조금 부정수급 (신고자 홍길동)';

let world: ReminderWorld;
let audit: OpenedTask; // 2026-감사-0001: team-lead role task, 2 business days, long overdue, completed on 21 Dec
let property: OpenedTask; // 2026-조사-0001: 박준형's 20-day task
let report: OpenedTask; // 2026-민원-0001: sealed whistleblower report, the head's approval, 5 days
let grievance: OpenedTask; // 2026-민원-0002: 신예린's 10-day task, reassigned to 이하은 on 16 Dec
let patrol: OpenedTask; // 2026-순찰-0001: 200 days, far beyond the read horizon

const mailsByDay: Record<string, Record<string, string[][]>> = {};
const reports: Record<string, ReminderRunReport> = {};
const extraMailsOnRerun: Record<string, number> = {};
const everyMessage: CaughtMessage[] = [];

function calendarDays(from: string, through: string): string[] {
  const days: string[] = [];
  for (let d = Date.parse(`${from}T00:00:00Z`); d <= Date.parse(`${through}T00:00:00Z`); d += 86_400_000)
    days.push(new Date(d).toISOString().slice(0, 10));
  return days;
}

beforeAll(async () => {
  world = await createReminderWorld();
  audit = await world.openTask({
    kind: 'daily-audit',
    title: '일상감사 — 청사 보수공사 계약',
    openedAt: '2026-12-09T10:00:00+09:00',
    taskType: 'assign',
    stage: 'assignment',
    assignTo: { role: 'team-lead', team: 'audit' },
    allowedDecisions: ['assign'],
    dueInBusinessDays: 2,
  });
  property = await world.openTask({
    kind: 'case-review',
    title: '일반 검토 — 정기 재산변동신고',
    openedAt: '2026-12-01T10:00:00+09:00',
    taskType: 'investigate',
    stage: 'investigation',
    assignTo: { sub: staffNamed('박준형').sub },
    allowedDecisions: ['submit'],
    dueInBusinessDays: 20,
  });
  report = await world.openTask({
    kind: 'whistleblower-report',
    title: SEALED_TITLE,
    openedAt: '2026-12-17T11:00:00+09:00',
    taskType: 'approve',
    stage: 'approval',
    assignTo: { role: 'head' },
    allowedDecisions: ['approve', 'return'],
    dueInBusinessDays: 5,
  });
  grievance = await world.openTask({
    kind: 'grievance',
    title: '고충민원 — 주택가 공사장 야간 소음',
    openedAt: '2026-12-07T10:00:00+09:00',
    taskType: 'investigate',
    stage: 'investigation',
    assignTo: { sub: staffNamed('신예린').sub },
    allowedDecisions: ['submit'],
    dueInBusinessDays: 10,
  });
  patrol = await world.openTask({
    kind: 'field-complaint',
    title: '현장민원 — 보도 파손',
    openedAt: '2026-12-01T10:00:00+09:00',
    taskType: 'investigate',
    stage: 'investigation',
    assignTo: { sub: staffNamed('문가영').sub },
    allowedDecisions: ['submit'],
    dueInBusinessDays: 200,
  });

  const job = world.reminderJob();
  for (const day of calendarDays('2026-12-14', '2026-12-31')) {
    await world.catcher.clear();
    world.setNow(new Date(runAt(day).getTime() + 60_000));
    reports[day] = await runDeadlineReminders(
      { job: 'deadline-reminders', scheduledTime: formatScheduledTime(runAt(day)) },
      job,
    );
    const sent = world.catcher.messages().length;
    mailsByDay[day] = digestsByPerson(world.catcher.messages());
    everyMessage.push(...world.catcher.messages());

    // The same occurrence again (a retry), and a manual run later the same morning.
    await job.run(runAt(day));
    world.setNow(runAt(day, '11:00:00'));
    await job.run(runAt(day, '11:00:00'));
    extraMailsOnRerun[day] = world.catcher.messages().length - sent;

    if (day === '2026-12-16') await world.reassignTask(grievance, staffNamed('이하은'));
    if (day === '2026-12-21')
      await world.completeTask(
        audit,
        staffNamed('강민수'),
        { decision: 'assign', assigneeSub: staffNamed('서지원').sub },
        '2026-12-21T14:00:00+09:00',
      );
  }
}, 240_000);

afterAll(async () => {
  await world?.close();
});

describe('two weeks of deadline reminders', () => {
  it('gives the tasks the case numbers the expectations below use', () => {
    expect([audit, property, report, grievance, patrol].map((t) => t.caseNumber)).toEqual([
      '2026-감사-0001',
      '2026-조사-0001',
      '2026-민원-0001',
      '2026-민원-0002',
      '2026-순찰-0001',
    ]);
    expect([audit, property, report, grievance].map((t) => t.dueAt)).toEqual([
      '2026-12-11T18:00:00+09:00',
      '2026-12-30T18:00:00+09:00',
      '2026-12-24T18:00:00+09:00',
      '2026-12-21T18:00:00+09:00',
    ]);
  });

  it('sends each person exactly these digests, one mail a day, nothing on weekends or Christmas', () => {
    const A = '2026-감사-0001';
    const B = '2026-조사-0001';
    const C = '2026-민원-0001';
    const D = '2026-민원-0002';
    const none = {};
    const NEW = '새로 기한 경과';
    const STILL = '계속 기한 경과';
    const HEAD = '기한 경과 3영업일 이상 보고';
    expect(mailsByDay).toEqual({
      // A was due Friday 11th: the audit team lead holds the task's role, so it is his own — daily,
      // "새로" on the first business day after the due day and "계속" after that.
      '2026-12-14': { 강민수: [[`${NEW} ${A}`]] },
      '2026-12-15': { 강민수: [[`${STILL} ${A}`]], 신예린: [[`50% 경과 ${D}`]] },
      '2026-12-16': { 강민수: [[`${STILL} ${A}`]], 박준형: [[`50% 경과 ${B}`]] },
      // Three business days (14, 15, 16) fully lost on A: the head of office is told once, as a summary.
      // D was reassigned to 이하은 yesterday: she is told where it stands (past 50%); 신예린 gets nothing more.
      '2026-12-17': { 강민수: [[`${STILL} ${A}`]], 김정민: [[`${HEAD} ${A}`]], 이하은: [[`50% 경과 ${D}`]] },
      // D at 75%: its team lead hears of it now, once.
      '2026-12-18': { 강민수: [[`${STILL} ${A}`]], 배수빈: [[`75% 경과 ${D}`]], 이하은: [[`75% 경과 ${D}`]] },
      '2026-12-19': none,
      '2026-12-20': none,
      '2026-12-21': { 강민수: [[`${STILL} ${A}`]], 이하은: [[`오늘 마감 ${D}`]] },
      // A was completed on the 21st: nothing about it from now on. D is overdue: its team lead is told once.
      '2026-12-22': { 배수빈: [[`${NEW} ${D}`]], 이하은: [[`${NEW} ${D}`]] },
      '2026-12-23': {
        김정민: [[`50% 경과 ${C}`]],
        박준형: [[`75% 경과 ${B}`]],
        이하은: [[`${STILL} ${D}`]],
        최유진: [[`75% 경과 ${B}`]],
      },
      '2026-12-24': { 김정민: [[`오늘 마감 ${C}`]], 이하은: [[`${STILL} ${D}`]] },
      '2026-12-25': none,
      '2026-12-26': none,
      '2026-12-27': none,
      // D: 22, 23, 24 lost (the holiday and weekend do not count) → the head's summary; C is the head's own, overdue. One mail, both.
      '2026-12-28': { 김정민: [[`${HEAD} ${D}`, `${NEW} ${C}`]], 이하은: [[`${STILL} ${D}`]] },
      '2026-12-29': { 김정민: [[`${STILL} ${C}`]], 이하은: [[`${STILL} ${D}`]] },
      '2026-12-30': { 김정민: [[`${STILL} ${C}`]], 박준형: [[`오늘 마감 ${B}`]], 이하은: [[`${STILL} ${D}`]] },
      '2026-12-31': {
        김정민: [[`${STILL} ${C}`]],
        박준형: [[`${NEW} ${B}`]],
        이하은: [[`${STILL} ${D}`]],
        최유진: [[`${NEW} ${B}`]],
      },
    });
  });

  it('sends nothing new when a day is run again, for the same occurrence or later that morning', () => {
    expect(Object.values(extraMailsOnRerun).every((n) => n === 0)).toBe(true);
    expect(Object.keys(extraMailsOnRerun)).toHaveLength(18);
  });

  it('skips weekends and the holiday by the legal calendar', () => {
    const skipped = Object.entries(reports)
      .filter(([, r]) => r.skipped !== undefined)
      .map(([day]) => day);
    expect(skipped).toEqual(['2026-12-19', '2026-12-20', '2026-12-25', '2026-12-26', '2026-12-27']);
  });

  it('reads only open tasks due within the horizon: the 200-day task is never read, the completed one no longer', () => {
    expect(reports['2026-12-14']?.tasksRead).toBe(4);
    expect(reports['2026-12-21']?.tasksRead).toBe(4);
    expect(reports['2026-12-22']?.tasksRead).toBe(3);
    const patrolMails = everyMessage.filter((m) => m.text.includes(patrol.caseNumber));
    expect(patrolMails).toEqual([]);
  });

  it('never puts the sealed case title in a mail, only its number and link', () => {
    const aboutReport = everyMessage.filter((m) => m.text.includes(report.caseNumber));
    expect(aboutReport.length).toBeGreaterThan(0);
    for (const message of aboutReport) {
      expect(message.text).not.toContain('홍길동');
      expect(message.html ?? '').not.toContain('홍길동');
      expect(message.subject).not.toContain('홍길동');
      expect(message.text).toContain('비공개 사건');
      expect(message.text).toContain(`http://localhost:4000/cases/${report.caseId}`);
    }
  });

  it('records each reminder in the case history — who was told and which threshold, no title or address — with the chain intact', async () => {
    const history: HistoryEvent[] = await world.caseRepository.history(grievance.caseId);
    const mailEvents = history.filter((e) => e.type === 'MAIL_SENT');
    const told = mailEvents.map((e) => {
      const data = e.data as { recipient: { name: string }; reminders: { threshold: string }[] };
      return `${data.recipient.name} ${data.reminders.map((r) => r.threshold).join(',')}`;
    });
    expect(told.slice(0, 7)).toEqual([
      '신예린 elapsed-50',
      '이하은 elapsed-50',
      expect.stringMatching(/^(이하은 elapsed-75|배수빈 escalated-75)$/),
      expect.stringMatching(/^(이하은 elapsed-75|배수빈 escalated-75)$/),
      '이하은 due-today',
      expect.stringMatching(/^(이하은 overdue:2026-12-22|배수빈 escalated-overdue)$/),
      expect.stringMatching(/^(이하은 overdue:2026-12-22|배수빈 escalated-overdue)$/),
    ]);
    expect(told.filter((t) => t.startsWith('신예린'))).toEqual(['신예린 elapsed-50']);
    expect(told.filter((t) => t.startsWith('배수빈'))).toEqual(['배수빈 escalated-75', '배수빈 escalated-overdue']);
    expect(told.filter((t) => t.startsWith('김정민'))).toEqual(['김정민 head-overdue']);
    expect(mailEvents).toHaveLength(1 + 3 + 1 + 2 + 6 + 1);
    expect(mailEvents[0]).toMatchObject({
      actor: { role: 'system' },
      data: { summary: 'reminder sent to 신예린', purpose: 'deadline-reminder' },
    });

    const sealedEvents = (await world.caseRepository.history(report.caseId)).filter((e) => e.type === 'MAIL_SENT');
    expect(sealedEvents.length).toBeGreaterThan(0);
    for (const event of [...mailEvents, ...sealedEvents]) {
      const text = JSON.stringify(event.data);
      expect(text).not.toContain('홍길동');
      for (const member of DEMO_STAFF) expect(text).not.toContain(member.email);
      expect(text).not.toContain('소음');
    }
    const reportCase = await world.caseRepository.get(report.caseId);
    expect(verifyChain(await world.caseRepository.history(report.caseId), reportCase!).ok).toBe(true);
    const grievanceCase = await world.caseRepository.get(grievance.caseId);
    expect(verifyChain(history, grievanceCase!).ok).toBe(true);
  });

  it('sends one Message-ID per digest and marks the mail as automatic', () => {
    const ids = everyMessage.map((m) => m.messageId);
    expect(new Set(ids).size).toBe(everyMessage.length);
    for (const message of everyMessage) {
      expect(message.messageId).toMatch(/^<reminder\.[0-9a-f]{32}\.1@gamsa\.local>$/);
      expect(message.headers['auto-submitted']).toBe('auto-generated');
      expect(message.from[0]).toMatchObject({ address: 'gamsa@gamsa.local' });
    }
  });

  it('refuses an event that is not what the schedule sends, naming the field', async () => {
    const job = world.reminderJob();
    await expect(runDeadlineReminders({ job: 'deadline-reminders', scheduledTime: 'tomorrow' }, job)).rejects.toThrow(
      JobInputError,
    );
    await expect(
      runDeadlineReminders({ job: 'committee-notices', scheduledTime: '2026-12-14T23:30:00Z' }, job),
    ).rejects.toThrow(/job/);
  });
});
