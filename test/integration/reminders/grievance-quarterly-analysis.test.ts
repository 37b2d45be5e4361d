/**
 * 분기별 고충민원 처리실태 분석 on DynamoDB Local with the real mail catcher: grievances received in
 * the third quarter of 2026 (and one just outside it) are counted by channel and department, the
 * on-time rate and the overdue list come out as the office counts them, and the head of office gets
 * the report once, however often the 1 October run is repeated.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_USERS } from '../../../infra/local/demo-data.ts';
import type { CaseRecord } from '#shared/domain/case.ts';
import { moveToStage } from '#shared/domain/case.ts';
import { formatKoreanDate } from '#shared/mail/korean-date-format.ts';
import { IdempotencyStore } from '#shared/store/idempotency-store.ts';
import { cachedStaffDirectory } from '#shared/store/reminder-store.ts';
import { ReportMailLedger } from '#shared/store/report-mail-ledger.ts';
import { StaffRepository } from '#shared/store/staff-repository.ts';
import { caseUseCases } from '#shared/usecases/case-usecases.ts';
import { grievanceQuarterlyAnalysis, previousQuarter } from '#shared/usecases/grievance-quarterly-analysis.ts';
import { actorOf, BASE_URL, createReminderWorld, OFFICE_NAME, type ReminderWorld } from './reminder-fixture.ts';

let world: ReminderWorld;
let now = new Date('2026-07-01T09:00:00+09:00');
const clock = () => new Date(now.getTime());
const quiet = () => undefined;
const clerk = DEMO_USERS.clerk;
const head = DEMO_USERS.head;
const created: Record<string, CaseRecord> = {};

function job() {
  const staff = new StaffRepository(world.table.doc, world.table.tableName);
  return grievanceQuarterlyAnalysis({
    cases: world.caseRepository,
    ledger: new ReportMailLedger(world.table.doc, world.table.tableName),
    staffDirectory: () => cachedStaffDirectory(staff, [head.sub]),
    mailer: world.mailer,
    mail: { officeName: OFFICE_NAME, baseUrl: BASE_URL },
    messageIdDomain: 'gamsa.local',
    clock,
    log: quiet,
  });
}

const firstOfOctober = new Date('2026-10-01T07:00:00+09:00');

beforeAll(async () => {
  world = await createReminderWorld();
  const cases = caseUseCases({
    cases: world.caseRepository,
    staff: new StaffRepository(world.table.doc, world.table.tableName),
    idempotency: new IdempotencyStore(world.table.doc, world.table.tableName),
    clock,
    log: quiet,
  });
  const grievance = async (
    name: string,
    receivedAt: string,
    fields: { channel?: CaseRecord['channel']; department?: string; dueDate?: string; closedAt?: string },
  ) => {
    now = new Date(receivedAt);
    const { result } = await cases.createCase(actorOf(clerk), {
      kind: 'grievance',
      title: `${name} 민원`,
      ...(fields.channel && { channel: fields.channel }),
      ...(fields.department && { department: fields.department }),
      ...(fields.dueDate && { dueDate: fields.dueDate }),
    });
    let record = result.case;
    if (fields.closedAt) {
      const change = moveToStage(
        record,
        'closed',
        { sub: clerk.sub, name: clerk.name, role: 'clerk' },
        fields.closedAt,
      );
      await world.caseRepository.commit(record, change);
      record = change.next;
    }
    created[name] = record;
  };
  await grievance('제때처리', '2026-07-06T10:00:00+09:00', {
    channel: '응답소',
    department: '도로관리과',
    dueDate: '2026-07-20',
    closedAt: '2026-07-17T15:00:00+09:00',
  });
  await grievance('늦게처리', '2026-07-07T10:00:00+09:00', {
    channel: '응답소',
    department: '청소행정과',
    dueDate: '2026-07-21',
    closedAt: '2026-07-24T11:00:00+09:00',
  });
  await grievance('미처리경과', '2026-08-03T10:00:00+09:00', {
    channel: '구청장에게 바란다',
    department: '도로관리과',
    dueDate: '2026-08-14',
  });
  await grievance('진행중', '2026-09-25T10:00:00+09:00', {
    channel: '전화',
    department: '도로관리과',
    dueDate: '2026-10-08',
  });
  await grievance('경로없음', '2026-09-30T23:30:00+09:00', {});
  await grievance('다음분기', '2026-10-01T00:10:00+09:00', {
    channel: '응답소',
    department: '도로관리과',
    dueDate: '2026-10-15',
  });
  now = new Date('2026-10-01T07:00:05+09:00');
});

afterAll(async () => {
  await world?.close();
});

describe('quarterly grievance analysis', () => {
  it('reports on the calendar quarter before the run', () => {
    expect(previousQuarter('2026-10-01')).toMatchObject({
      from: '2026-07-01',
      to: '2026-09-30',
      label: '2026년 3분기',
    });
    expect(previousQuarter('2027-01-01')).toMatchObject({
      from: '2026-10-01',
      to: '2026-12-31',
      label: '2026년 4분기',
    });
    expect(previousQuarter('2026-04-01')).toMatchObject({ from: '2026-01-01', to: '2026-03-31' });
  });

  it('mails the head of office one Korean report with counts by channel and department, the on-time rate and the overdue list', async () => {
    const report = await job().run(firstOfOctober);
    expect(report).toMatchObject({ quarter: '2026년 3분기', received: 5, overdue: 2, sentTo: [head.sub] });

    const mails = world.catcher
      .messages()
      .filter((m) => m.headers['x-gamsa-template'] === 'grievance-quarterly-report');
    expect(mails).toHaveLength(1);
    const mail = mails[0]!;
    expect(mail.to[0]?.address).toBe(head.email);
    expect(mail.subject).toBe(`[${OFFICE_NAME}] 2026년 3분기 고충민원 처리실태 분석`);
    expect(mail.text).toContain('접수 5건, 기한 내 처리율 50.0% (기한 있는 종결 2건 중 1건), 기한 경과 2건.');
    const section = (heading: string) => mail.text.split(`[${heading}]`)[1]!.split('\n\n')[0]!.trim().split('\n');
    expect(section('접수 경로별')).toEqual([
      '- 응답소: 2건',
      '- 경로 미기재: 1건',
      '- 구청장에게 바란다: 1건',
      '- 전화: 1건',
    ]);
    expect(section('부서별')).toEqual(['- 도로관리과: 3건', '- 부서 미지정: 1건', '- 청소행정과: 1건']);
    expect(mail.text).toContain(
      `- ${created['늦게처리']!.caseNumber} 늦게처리 민원 (처리기한 ${formatKoreanDate('2026-07-21')}, 기한 후 처리)`,
    );
    expect(mail.text).toContain(
      `- ${created['미처리경과']!.caseNumber} 미처리경과 민원 (처리기한 ${formatKoreanDate('2026-08-14')}, 미처리)`,
    );
    expect(mail.text).not.toContain(created['제때처리']!.caseNumber);
    expect(mail.text).not.toContain(created['진행중']!.caseNumber);
    expect(mail.text).not.toContain(created['다음분기']!.caseNumber);
    expect(mail.html).toContain('고충민원 처리실태');
  });

  it('sends nothing more when the same quarter’s run is repeated', async () => {
    const before = world.catcher.messages().length;
    const report = await job().run(firstOfOctober);
    expect(report.sentTo).toEqual([]);
    expect(report.alreadySent).toEqual([head.sub]);
    expect(world.catcher.messages().length).toBe(before);
  });
});
