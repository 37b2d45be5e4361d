/**
 * When a committee notice is due (pure rule, on the legal calendar) and what the agenda mail may
 * say: case numbers and links, never a sealed case's title.
 */
import { describe, expect, it } from 'vitest';
import { createCalendar } from '#shared/calendar/index.ts';
import type { Meeting } from '#shared/domain/committee.ts';
import { buildMail } from '#shared/mail/mail-message.ts';
import { noticeDue } from '#shared/usecases/committee-notices.ts';

const calendar = createCalendar();
const isBusinessDay = (d: string) => calendar.isBusinessDay(d);
const meeting = (scheduledAt: string, status: Meeting['status'] = 'scheduled'): Meeting => ({
  meetingId: 'ethics-2026-10',
  committee: 'ethics',
  scheduledAt,
  status,
  source: 'cadence',
  recusals: [],
  version: 1,
  createdAt: '2026-09-01T06:00:00+09:00',
  createdBy: 'system',
});

describe('noticeDue', () => {
  it('sends the agenda from 7 days before and the reminder on the last business day before — across 추석 2026', () => {
    // A meeting on Mon 2026-09-28: 9/24–9/26 are 추석, 9/27 Sunday, so Wed 9/23 is the last business day before it.
    const m = meeting('2026-09-28T14:00:00+09:00');
    expect(noticeDue(m, '2026-09-18', 7, isBusinessDay, 0)).toBeUndefined();
    expect(noticeDue(m, '2026-09-21', 7, isBusinessDay, 0)).toBe('agenda');
    expect(noticeDue(m, '2026-09-22', 7, isBusinessDay, 0)).toBe('agenda');
    expect(noticeDue(m, '2026-09-23', 7, isBusinessDay, 0)).toBe('day-before');
    expect(noticeDue(m, '2026-09-28', 7, isBusinessDay, 0)).toBeUndefined();
  });

  it('reminds the secretary after a held meeting while items are undecided, and stops when all are decided or it is closed', () => {
    const held = meeting('2026-10-15T14:00:00+09:00', 'held');
    expect(noticeDue(held, '2026-10-16', 7, isBusinessDay, 2)).toBe('decisions-pending');
    expect(noticeDue(held, '2026-10-16', 7, isBusinessDay, 0)).toBeUndefined();
    expect(noticeDue({ ...held, status: 'closed' }, '2026-10-16', 7, isBusinessDay, 2)).toBeUndefined();
  });
});

describe('the committee agenda mail', () => {
  const input = {
    template: 'committee-agenda',
    notice: 'agenda',
    asOf: '2026-12-08',
    recipient: { name: '권태식', email: 'et-chair@committee.gamsa.local' },
    committeeName: '공직자윤리위원회',
    meeting: { meetingId: 'ethics-2026-12', scheduledAt: '2026-12-15T15:00:00+09:00', place: '소회의실' },
    items: [
      {
        case: {
          caseId: 'case-1',
          caseNumber: '2026-조사-0007',
          title: '고지거부 심사 — 홍길동 부친',
          dueDate: '2026-12-31',
          sealed: true,
        },
        taskTitle: '고지거부 허가 여부 의결',
      },
      {
        case: {
          caseId: 'case-2',
          caseNumber: '2026-조사-0008',
          title: '정기 재산변동 심사',
          dueDate: '2026-12-31',
          sealed: false,
        },
        taskTitle: '심사 결과 의결',
      },
    ],
  } as const;
  const options = { officeName: 'OO구청 감사담당관', baseUrl: 'http://localhost:4000' };

  it('names each case by number and link, in Korean HTML and text, and leaves a sealed case’s title out', () => {
    const mail = buildMail(input, options);
    expect(mail.subject).toBe(
      '[OO구청 감사담당관] 공직자윤리위원회 회의 개최 및 안건 안내 (2026년 12월 15일(화) 15:00)',
    );
    for (const body of [mail.text, mail.html]) {
      expect(body).toContain('2026-조사-0007');
      expect(body).toContain('http://localhost:4000/cases/case-1');
      expect(body).not.toContain('홍길동');
      expect(body).toContain('정기 재산변동 심사');
      expect(body).toContain('http://localhost:4000/meetings/ethics-2026-12');
    }
    expect(mail.caseIds).toEqual(['case-1', 'case-2']);
  });

  it('refuses anything but a case reference in an item (no names smuggled in)', () => {
    expect(() => buildMail({ ...input, items: [{ ...input.items[0], complainant: '홍길동' }] }, options)).toThrow(
      /complainant|Unrecognized/,
    );
  });

  it('refuses an agenda with nothing on it (no "0건" mail)', () => {
    expect(() => buildMail({ ...input, items: [] }, options)).toThrow(/no agenda items/);
  });
});
