/**
 * 민원처리법 제19조 counting, worked by hand on the real 2026–2027 calendar:
 * ① 5일 이하 → 접수시각부터 시간 단위, 1일 = 8근무시간; ② 6일 이상 → 일 단위, 첫날 산입;
 * both leave out 토요일 and 공휴일. 시행령 제19조: 즉시 = 3근무시간.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { computeDeadline, createCalendar, type DeadlineRequest, type DueRule } from '#shared/calendar/index.ts';

const calendar = createCalendar();

const grievance: DueRule = {
  id: 'grievance.answer',
  label: '고충민원 처리기간',
  article: '민원처리법 시행령 제17조①',
  confidence: 'C',
};
const threeDayMinwon: DueRule = {
  id: 'test.three-day',
  label: '3일 처리 민원(예시)',
  article: '민원처리법 제19조①',
  confidence: 'C',
};
const immediate: DueRule = { id: 'other', label: '기타민원', article: '민원처리법 시행령 제16조①', confidence: 'C' };

const minwon = (receivedAt: string, amount: number, unit: DeadlineRequest['unit'], rule: DueRule): DeadlineRequest => ({
  receivedAt,
  amount,
  unit,
  counting: 'minwon-article-19',
  rule,
});

describe('6 days or more: days counting the first day, Saturdays and 공휴일 excluded (민원처리법 제19조②)', () => {
  it('puts a 고충민원 received Tue 2026-09-22 10:30 due on Fri 2026-10-02, skipping 추석 9/24–9/26 and Sunday 9/27', () => {
    const result = computeDeadline(minwon('2026-09-22T10:30:00+09:00', 7, 'days', grievance), calendar);

    expect(result.dueDate).toBe('2026-10-02');
    expect(result.dueAt).toBe('2026-10-02T18:00:00+09:00');
    expect(result.counting).toMatchObject({ method: 'business-days', article: '민원처리법 제19조②' });
    expect(result.rule).toEqual(grievance);
    expect(result.skipped.map(({ date, reason }) => ({ date, reason }))).toEqual([
      { date: '2026-09-24', reason: '추석 전날' },
      { date: '2026-09-25', reason: '추석' },
      { date: '2026-09-26', reason: '추석 다음 날' },
      { date: '2026-09-27', reason: '일요일' },
    ]);
    expect(result.summaryEn).toBe(
      'received 2026-09-22 10:30, 7 days counting the first day, skipping 9/24–9/27 (추석 전날, 추석, 추석 다음 날, Sunday) → due 2026-10-02',
    );
    expect(result.summaryKo).toBe(
      '접수 2026-09-22 10:30, 7일(초일산입, 토요일·공휴일 불산입) — 9/24–9/27(추석 전날, 추석, 추석 다음 날, 일요일) 불산입 → 기한 2026-10-02',
    );
    expect(result.explanation).toContain('  산입일(7일): 9/22, 9/23, 9/28, 9/29, 9/30, 10/1, 10/2');
  });

  it('skips 설 2027 (2/6–2/8) and its substitute holiday 2/9: 고충민원 received Fri 2027-02-05 is due Wed 2027-02-17', () => {
    const result = computeDeadline(minwon('2027-02-05T14:00:00+09:00', 7, 'days', grievance), calendar);

    expect(result.dueDate).toBe('2027-02-17');
    expect(result.skipped.map((day) => `${day.date} ${day.reason}`)).toEqual([
      '2027-02-06 설날 전날',
      '2027-02-07 설날',
      '2027-02-08 설날 다음 날',
      '2027-02-09 대체공휴일(설날)',
      '2027-02-13 토요일',
      '2027-02-14 일요일',
    ]);
  });

  it('skips the substitute holiday for 광복절 2026 (8/17): 고충민원 received Thu 2026-08-13 is due Mon 2026-08-24', () => {
    const result = computeDeadline(minwon('2026-08-13T09:30:00+09:00', 7, 'days', grievance), calendar);

    expect(result.dueDate).toBe('2026-08-24');
    expect(result.skipped.map((day) => day.date)).toEqual([
      '2026-08-15',
      '2026-08-16',
      '2026-08-17',
      '2026-08-22',
      '2026-08-23',
    ]);
    expect(result.skipped[2]).toMatchObject({ reason: '대체공휴일(광복절)', kind: 'holiday' });
  });

  it('counts the day of receipt as day 1 even when received after working hours (첫날 산입): Tue 2026-11-10 20:00 → Wed 2026-11-18', () => {
    const result = computeDeadline(minwon('2026-11-10T20:00:00+09:00', 7, 'days', grievance), calendar);

    expect(result.dueDate).toBe('2026-11-18');
    expect(result.explanation.join('\n')).toContain('첫날을 산입');
  });

  it('does not count a Saturday of receipt (토요일 불산입): received Sat 2026-11-07 → day 1 is Mon 11/9, due Tue 2026-11-17', () => {
    const result = computeDeadline(minwon('2026-11-07T10:00:00+09:00', 7, 'days', grievance), calendar);

    expect(result.dueDate).toBe('2026-11-17');
    expect(result.skipped.slice(0, 2).map((day) => day.reason)).toEqual(['토요일', '일요일']);
  });
});

describe('5 days or fewer: working hours from the time of receipt, 1 day = 8 working hours (민원처리법 제19조①)', () => {
  it('puts a 3-day 민원 received Friday 2026-11-06 16:00 due Wednesday 2026-11-11 16:00 (2h Fri, skip the weekend, 8h Mon, 8h Tue, 6h Wed)', () => {
    const result = computeDeadline(minwon('2026-11-06T16:00:00+09:00', 3, 'days', threeDayMinwon), calendar);

    expect(result.counting.method).toBe('working-hours');
    expect(result.dueAt).toBe('2026-11-11T16:00:00+09:00');
    expect(result.dueDate).toBe('2026-11-11');
    expect(result.skipped.map((day) => day.reason)).toEqual(['토요일', '일요일']);
    expect(result.summaryEn).toBe(
      'received 2026-11-06 16:00, 24 working hours (3 days × 8 h) from the time of receipt, skipping 11/7–11/8 (Saturday, Sunday) → due 2026-11-11 16:00',
    );
  });

  it('skips 개천절 (Sat 10/3), Sunday and the substitute holiday Mon 10/5: 3-day 민원 received Fri 2026-10-02 16:00 is due Thu 2026-10-08 16:00', () => {
    const result = computeDeadline(minwon('2026-10-02T16:00:00+09:00', 3, 'days', threeDayMinwon), calendar);

    expect(result.dueAt).toBe('2026-10-08T16:00:00+09:00');
    expect(result.skipped.map((day) => day.reason)).toEqual(['개천절', '일요일', '대체공휴일(개천절)']);
  });

  it('uses hours, not days, at exactly 5 days: received Mon 2026-11-09 10:00 → 40 working hours → Mon 2026-11-16 10:00', () => {
    const result = computeDeadline(minwon('2026-11-09T10:00:00+09:00', 5, 'days', threeDayMinwon), calendar);

    expect(result.counting.method).toBe('working-hours');
    expect(result.dueAt).toBe('2026-11-16T10:00:00+09:00');
  });

  it('switches to day counting at 6 days: received Mon 2026-11-09 10:00 → 6th business day Mon 2026-11-16, due at 18:00', () => {
    const result = computeDeadline(minwon('2026-11-09T10:00:00+09:00', 6, 'days', threeDayMinwon), calendar);

    expect(result.counting.method).toBe('business-days');
    expect(result.dueAt).toBe('2026-11-16T18:00:00+09:00');
  });
});

describe('즉시 = 3 working hours (민원처리법 시행령 제19조) and receipt outside working hours', () => {
  it('starts counting at the next working moment when received after hours on the eve of 추석: Wed 2026-09-23 19:40 → Mon 2026-09-28 12:00', () => {
    const result = computeDeadline(minwon('2026-09-23T19:40:00+09:00', 1, 'immediately', immediate), calendar);

    expect(result.dueAt).toBe('2026-09-28T12:00:00+09:00');
    expect(result.skipped.map((day) => day.date)).toEqual(['2026-09-24', '2026-09-25', '2026-09-26', '2026-09-27']);
    expect(result.explanation).toContain(
      '  계산 시작: 2026-09-28(월) 09:00 (근무시간이 아닌 때는 산입하지 않고 다음 근무시간부터 계산)',
    );
  });

  it('does not count the lunch hour: 3 working hours from Tue 2026-11-10 12:20 end at 16:00', () => {
    const result = computeDeadline(minwon('2026-11-10T12:20:00+09:00', 3, 'hours', immediate), calendar);

    expect(result.dueAt).toBe('2026-11-10T16:00:00+09:00');
  });

  it('carries the rest to the next working day: 3 working hours from Tue 2026-11-10 17:30 end Wed 2026-11-11 11:30', () => {
    const result = computeDeadline(minwon('2026-11-10T17:30:00+09:00', 3, 'hours', immediate), calendar);

    expect(result.dueAt).toBe('2026-11-11T11:30:00+09:00');
  });

  it('ends at 12:00, not after lunch, when the hours run out exactly at the break: 09:00 + 3 working hours', () => {
    const result = computeDeadline(minwon('2026-11-10T09:00:00+09:00', 1, 'immediately', immediate), calendar);

    expect(result.dueAt).toBe('2026-11-10T12:00:00+09:00');
  });

  it('starts on Monday 09:00 when received on a Saturday: Sat 2026-11-07 11:00 → Mon 2026-11-09 12:00', () => {
    const result = computeDeadline(minwon('2026-11-07T11:00:00+09:00', 1, 'immediately', immediate), calendar);

    expect(result.dueAt).toBe('2026-11-09T12:00:00+09:00');
    expect(result.skipped.map((day) => day.reason)).toEqual(['토요일', '일요일']);
  });

  it('follows a configured lunch hour (지방공무원 복무규정 제2조② 단서): lunch 11:30–12:30 moves 09:00 + 3h to 13:00', () => {
    const lateLunch = calendar.withWorkingHours({
      start: '09:00',
      end: '18:00',
      breaks: [{ start: '11:30', end: '12:30' }],
    });
    const result = computeDeadline(minwon('2026-11-10T09:00:00+09:00', 1, 'immediately', immediate), lateLunch);

    expect(result.dueAt).toBe('2026-11-10T13:00:00+09:00');
  });

  it('skips the substitute holiday for 노동절 2027 (Mon 5/3): 8 working hours from Fri 2027-04-30 17:00 end Tue 2027-05-04 17:00', () => {
    const result = computeDeadline(minwon('2027-04-30T17:00:00+09:00', 8, 'hours', immediate), calendar);

    expect(result.dueAt).toBe('2027-05-04T17:00:00+09:00');
    expect(result.skipped.map((day) => day.reason)).toEqual(['노동절', '일요일', '대체공휴일(노동절)']);
  });
});

describe('Korea time, whatever the machine zone', () => {
  const originalTz = process.env.TZ;
  afterEach(() => {
    if (originalTz === undefined) delete process.env.TZ;
    else process.env.TZ = originalTz;
  });

  it('reads a UTC timestamp as Korea time: 2026-09-21T16:30Z is 2026-09-22 01:30 in Seoul, so day 1 is 9/22', () => {
    const result = computeDeadline(minwon('2026-09-21T16:30:00Z', 7, 'days', grievance), calendar);

    expect(result.receivedAt).toBe('2026-09-22T01:30:00+09:00');
    expect(result.dueDate).toBe('2026-10-02');
  });

  it('gives the same answer when the process runs in America/Los_Angeles', () => {
    process.env.TZ = 'America/Los_Angeles';
    const result = computeDeadline(minwon('2026-11-06T16:00:00+09:00', 3, 'days', threeDayMinwon), calendar);

    expect(new Date('2026-01-01T00:00:00Z').getTimezoneOffset()).toBe(480);
    expect(result.dueAt).toBe('2026-11-11T16:00:00+09:00');
  });

  it('drops fractions of a second (so a deadline can only get earlier), accepting microsecond timestamps', () => {
    const result = computeDeadline(minwon('2026-11-10T09:00:00.999999+09:00', 1, 'immediately', immediate), calendar);

    expect(result.receivedAt).toBe('2026-11-10T09:00:00+09:00');
    expect(result.dueAt).toBe('2026-11-10T12:00:00+09:00');
  });

  it('refuses a date-time without an offset, naming the field, rather than reading it in the machine zone', () => {
    expect(() => computeDeadline(minwon('2026-09-22T10:30:00', 7, 'days', grievance), calendar)).toThrow(
      expect.objectContaining({ name: 'CalendarInputError', field: 'receivedAt' }),
    );
  });
});
