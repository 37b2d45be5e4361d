import { describe, expect, it } from 'vitest';
import { createCalendar } from '#shared/calendar/index.ts';
import { parseRuntimeConfig } from '#shared/config/runtime-config.ts';
import type { Meeting } from '#shared/domain/committee.ts';
import { buildMail } from '#shared/mail/mail-message.ts';
import { noticeDue } from '#shared/usecases/committee-notices.ts';

const options = { officeName: '영등포구청 감사담당관', baseUrl: 'https://gamsa.example.go.kr/app' };
const item = {
  case: {
    caseId: 'c1',
    caseNumber: '2026-조사-0001',
    title: '재산변동 심사',
    dueDate: '2026-12-30',
    sealed: false,
  },
  taskTitle: '심사 의결',
};
const input = (asOf: string, items = [item]) => ({
  template: 'committee-agenda',
  notice: 'day-before',
  asOf,
  recipient: { name: '정다인', email: 'dain@gamsa.local' },
  committeeName: '공직자윤리위원회',
  meeting: { meetingId: 'ethics-2026-12b', scheduledAt: '2026-12-28T10:00:00+09:00' },
  items,
});

describe('committee meeting reminder wording', () => {
  it('is sent on Thursday for a Monday meeting after a Friday holiday, and names the date and weekday, not "내일"', () => {
    const calendar = createCalendar();
    const meeting = { status: 'scheduled', scheduledAt: '2026-12-28T10:00:00+09:00' } as Meeting;
    expect(noticeDue(meeting, '2026-12-24', 7, (d) => calendar.isBusinessDay(d), 1)).toBe('day-before');
    const mail = buildMail(input('2026-12-24'), options);
    expect(mail.text).not.toContain('내일');
    expect(mail.subject).not.toContain('내일');
    expect(mail.text).toContain('2026년 12월 28일(월) 10:00에 공직자윤리위원회 회의가 열립니다');
    expect(mail.subject).toContain('회의 전 알림 (2026년 12월 28일(월) 10:00)');
  });

  it('says "내일" with the date when the meeting is the next day', () => {
    const mail = buildMail(input('2026-12-27'), options);
    expect(mail.text).toContain('내일 2026년 12월 28일(월) 10:00에');
    expect(mail.subject).toContain('내일 회의 알림');
  });

  it('refuses an agenda or reminder with no agenda items', () => {
    expect(() => buildMail(input('2026-12-24', []), options)).toThrow(/items: an agenda or meeting reminder/);
  });
});

describe('who the mail says it is from, and where its links go', () => {
  it('signs as this office by default, a setting', () => {
    expect(parseRuntimeConfig({ TABLE_NAME: 'gamsa' }).OFFICE_NAME).toBe('영등포구청 감사담당관');
    expect(parseRuntimeConfig({ TABLE_NAME: 'gamsa', OFFICE_NAME: '다른구청 감사담당관' }).OFFICE_NAME).toBe(
      '다른구청 감사담당관',
    );
  });

  it('links cases in the console (CONSOLE_URL), not the API', () => {
    const config = parseRuntimeConfig({
      TABLE_NAME: 'gamsa',
      APP_BASE_URL: 'https://api.gamsa.example.go.kr',
      CONSOLE_URL: 'https://gamsa.example.go.kr/console',
    });
    const mail = buildMail(input('2026-12-24'), {
      officeName: config.OFFICE_NAME,
      baseUrl: config.CONSOLE_URL ?? config.APP_BASE_URL,
    });
    expect(mail.text).toContain('https://gamsa.example.go.kr/console/cases/c1');
    expect(mail.text).not.toContain('api.gamsa');
    expect(() => parseRuntimeConfig({ TABLE_NAME: 'gamsa', CONSOLE_URL: 'ftp://x' })).toThrow(/CONSOLE_URL/);
  });
});
