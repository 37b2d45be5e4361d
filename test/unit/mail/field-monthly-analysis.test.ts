/**
 * The monthly field-complaint mail: Korean month and dates, the department's own line for its
 * contact, the departments nobody receives it for in the head's mail, figures only — no 응답소
 * number, handler or result text from the records — and each person mailed once per month.
 */
import { describe, expect, it } from 'vitest';
import { createCalendar } from '#shared/calendar/index.ts';
import type { StaffMember } from '#shared/domain/staff.ts';
import { toRecord, type FieldComplaintRecord } from '#shared/kinds/field-complaint/complaint-record.ts';
import { standardsLookup } from '#shared/kinds/field-complaint/standards.ts';
import type { BuiltMail } from '#shared/mail/mail-content.ts';
import { buildMail, MailInputError } from '#shared/mail/mail-message.ts';
import { fieldComplaintMonthlyMail, monthBounds } from '#shared/usecases/field-complaint-monthly-mail.ts';
import type { ReportMailClaim } from '#shared/usecases/ports.ts';

const calendar = createCalendar();
const lookup = standardsLookup();
const options = { officeName: '테스트구청 감사담당관', baseUrl: 'https://gamsa.example.go.kr' };

function record(n: number, receivedAt: string, department: string, completedAt?: string): FieldComplaintRecord {
  return toRecord(
    {
      number: `SL${String(n).padStart(9, '0')}`,
      field: '교통',
      item: '불법 주정차',
      receivedAt,
      department,
      handler: '민원처리홍길동',
      ...(completedAt && { completedAt, result: '010-1234-5678 민원인 김비밀 댁 앞 계도' }),
    },
    lookup('교통', '불법 주정차'),
    calendar,
  );
}

// March 2026: 주차관리과 two (one 5 hours → late against 3), 도로과 one on time; February: one on time.
const MONTHS: Record<string, FieldComplaintRecord[]> = {
  '2026-03': [
    record(1, '2026-03-02T09:00:00+09:00', '주차관리과', '2026-03-02T10:00:00+09:00'),
    record(2, '2026-03-10T09:00:00+09:00', '주차관리과', '2026-03-10T14:00:00+09:00'),
    record(3, '2026-03-31T20:00:00+09:00', '도로과', '2026-03-31T21:30:00+09:00'),
  ],
  '2026-02': [record(4, '2026-02-10T09:00:00+09:00', '주차관리과', '2026-02-10T10:00:00+09:00')],
};

const person = (sub: string, name: string, extra: Partial<StaffMember> = {}): StaffMember => ({
  sub,
  name,
  email: `${sub}@gamsa.example.go.kr`,
  roles: ['clerk'],
  active: true,
  ...extra,
});
const HEAD = person('head-1', '감사담당관', { roles: ['head'] });
const PARKING = person('dept-parking', '주차담당', { department: '주차관리과' });

function system() {
  const sent: BuiltMail[] = [];
  const ledger = new Map<string, 'held' | 'sent'>();
  const job = fieldComplaintMonthlyMail({
    records: { month: async (m) => MONTHS[m] ?? [] },
    departmentContacts: async (d) => (d === '주차관리과' ? [PARKING, person('gone', '퇴직자', { active: false })] : []),
    staffDirectory: () => ({ get: async () => undefined, withRole: async () => [HEAD] }),
    ledger: {
      async claim(reportId: string): Promise<ReportMailClaim | undefined> {
        if (ledger.has(reportId)) return undefined;
        ledger.set(reportId, 'held');
        return { reportId, holder: 'run', messageId: `<${reportId}@test>` };
      },
      async markSent(claim: ReportMailClaim) {
        ledger.set(claim.reportId, 'sent');
        return true;
      },
      async release(claim: ReportMailClaim) {
        ledger.delete(claim.reportId);
      },
    },
    mailer: {
      send: async (mail: BuiltMail) => {
        sent.push(mail);
        return { messageId: String(mail.headers['Message-ID']) };
      },
    },
    mail: options,
    messageIdDomain: 'test',
    log: () => {},
  });
  return { job, sent, ledger };
}

// 5 April 2026, 07:00 Korea time: the run for March.
const RUN = new Date('2026-04-04T22:00:00Z');

describe('the monthly field-complaint analysis mail', () => {
  it('mails March to the head and to 주차관리과’s active contact, in Korean with Korean dates', async () => {
    const { job, sent } = system();
    const report = await job.run(RUN);
    expect(report).toMatchObject({
      month: '2026-03',
      received: 3,
      departments: 2,
      departmentsWithoutContact: ['도로과'],
      sentTo: ['head-1', 'dept-parking'],
    });
    expect(sent.map((m) => m.to[0]?.address)).toEqual([HEAD.email, PARKING.email]);
    const [toHead, toParking] = sent as [BuiltMail, BuiltMail];
    expect(toHead.subject).toBe('[테스트구청 감사담당관] 2026년 3월 응답소 현장민원 운영실태 분석');
    expect(toHead.text).toContain(
      '2026년 3월(2026년 3월 1일(일) ~ 2026년 3월 31일(화)) 접수 3건 중 지연 1건, 지연율 33.3%',
    );
    expect(toHead.text).toContain('2026년 4월 5일(일) 07:00 현재');
    expect(toHead.text).toContain(
      '- 주차관리과: 접수 2 · 처리 2 · 지연 1 (지연율 50.0%, 전월 대비 +50.0%p) · 평균 3.0시간',
    );
    expect(toHead.text).toContain('[담당자 미등록 부서] 이 메일을 받지 못한 부서: 도로과');
    expect(toHead.text).not.toContain('[귀 부서]');
    expect(toParking.text).toContain('[귀 부서] 주차관리과: 접수 2');
    expect(toParking.text).not.toContain('담당자 미등록');
    expect(toParking.html).toContain('background:#fff6d6');
  });

  it('carries no 응답소 number, handler, result text or complainant from the records', async () => {
    const { job, sent } = system();
    await job.run(RUN);
    for (const mail of sent) {
      const all = `${mail.subject}\n${mail.text}\n${mail.html}`;
      for (const secret of ['SL0000000', '홍길동', '010-1234-5678', '김비밀', '계도'])
        expect(all).not.toContain(secret);
    }
  });

  it('sends nothing on a rerun of the same month, and the next month again', async () => {
    const { job, sent } = system();
    await job.run(RUN);
    const again = await job.run(new Date(RUN.getTime() + 3_600_000));
    expect(again).toMatchObject({ sentTo: [], alreadySent: ['head-1', 'dept-parking'] });
    expect(sent).toHaveLength(2);
    const may = await job.run(new Date('2026-05-04T22:00:00Z'));
    expect(may).toMatchObject({ month: '2026-04', received: 0, sentTo: ['head-1'] });
  });

  it('refuses an input that would carry a record’s fields', () => {
    const row = { key: '주차관리과', received: 1, completed: 1, delayed: 0, delayRate: 0 };
    const input = {
      template: 'field-monthly-analysis',
      recipient: { name: '감사담당관', email: 'head@gamsa.example.go.kr' },
      month: '2026-03',
      ...monthBounds('2026-03'),
      asOf: '2026-04-05T07:00:00+09:00',
      standardsNoteKo: '서울시 기준표로 보완 필요',
      overall: row,
      byDepartment: [{ ...row, handler: '홍길동' }],
      byField: [],
      byItem: [],
    };
    expect(() => buildMail(input, options)).toThrow(MailInputError);
    expect(monthBounds('2024-02')).toEqual({ from: '2024-02-01', to: '2024-02-29' });
  });
});
