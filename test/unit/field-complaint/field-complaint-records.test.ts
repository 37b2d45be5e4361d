/**
 * 응답소 현장민원 records: the item table's due times on the clock and in working hours (weekends
 * and holidays from the calendar), reading export rows, and the monthly analysis and ranking.
 */
import { describe, expect, it } from 'vitest';
import { createCalendar } from '#shared/calendar/index.ts';
import { analyseMonth, monthOverMonth, nearestRank, rankDepartments } from '#shared/kinds/field-complaint/analysis.ts';
import {
  type FieldComplaintRecord,
  mapHeaders,
  parseKoreaDateTime,
  readRow,
  toRecord,
} from '#shared/kinds/field-complaint/complaint-record.ts';
import { dueTime, standardsLookup } from '#shared/kinds/field-complaint/standards.ts';

const calendar = createCalendar();

describe('due time from the item table', () => {
  const lookup = standardsLookup();

  it('seeds 불법 주정차 at 3 hours and 보안등 고장 at 24 hours on the clock, and the fallback for other items', () => {
    expect(lookup('교통', '불법주정차')).toEqual({ hours: 3, counting: 'clock', listed: true });
    expect(lookup('가로정비', '보안등 고장')).toEqual({ hours: 24, counting: 'clock', listed: true });
    expect(lookup('청소', '쓰레기 무단투기')).toEqual({ hours: 24, counting: 'clock', listed: false });
  });

  it('counts clock hours through the night', () => {
    expect(dueTime('2026-03-03T23:00:00+09:00', { hours: 3, counting: 'clock' }, calendar)).toBe(
      '2026-03-04T02:00:00+09:00',
    );
  });

  it('counts working hours only inside the working day, skipping lunch, weekends and holidays', () => {
    const business = (receivedAt: string, hours: number) =>
      dueTime(receivedAt, { hours, counting: 'business' }, calendar);
    // Friday 17:00: one hour that day; Saturday, Sunday and 2 March (대체공휴일) do not count.
    expect(business('2026-02-27T17:00:00+09:00', 3)).toBe('2026-03-03T11:00:00+09:00');
    // 11:30 → 12:00 is half an hour, lunch does not count, 13:00 + 2.5 hours.
    expect(business('2026-03-03T11:30:00+09:00', 3)).toBe('2026-03-03T15:30:00+09:00');
    // Received after hours: 24 working hours are three full working days.
    expect(business('2026-03-03T20:00:00+09:00', 24)).toBe('2026-03-06T18:00:00+09:00');
  });

  it('uses the item’s counting when the table says working hours', () => {
    const table = standardsLookup({
      items: [{ item: '가로등 점검', hours: 8, counting: 'business', sourceKo: '시험' }],
      fallback: { hours: 24, counting: 'clock', sourceKo: '기본값' },
      noteKo: '',
    });
    const record = toRecord(
      {
        number: 'A1',
        field: '가로정비',
        item: '가로등 점검',
        receivedAt: '2026-03-06T17:00:00+09:00',
        department: '도로과',
        completedAt: '2026-03-09T17:30:00+09:00',
      },
      table('가로정비', '가로등 점검'),
      calendar,
    );
    // Friday 17–18 then Monday 09–12, 13–17: due Monday 17:00; completed at 17:30 is late.
    expect(record).toMatchObject({ dueAt: '2026-03-09T17:00:00+09:00', delayed: true, handlingMinutes: 4350 });
  });
});

describe('reading a row of the export', () => {
  const { columns, missing } = mapHeaders([
    '응답소 번호',
    '분야',
    '항목',
    '접수일시',
    '처리부서',
    '처리완료일시',
    '비고',
  ]);

  it('maps the export’s headers, spaces ignored, and names missing required columns', () => {
    expect(missing).toEqual([]);
    expect(mapHeaders(['분야', '항목']).missing).toEqual(['number', 'receivedAt', 'department']);
  });

  it('reads text and Excel date cells as Korea time', () => {
    expect(parseKoreaDateTime('2026.3.2 9:05')).toBe('2026-03-02T09:05:00+09:00');
    expect(parseKoreaDateTime(new Date('2026-03-02T09:05:00Z'))).toBe('2026-03-02T09:05:00+09:00');
    expect(parseKoreaDateTime('2026-02-30 10:00')).toBeUndefined();
    const outcome = readRow(
      7,
      ['N1', '교통', '불법 주정차', new Date('2026-03-02T09:05:00Z'), '주차관리과', '', 'x'],
      columns,
    );
    expect(outcome).toEqual({
      ok: true,
      row: {
        number: 'N1',
        field: '교통',
        item: '불법 주정차',
        receivedAt: '2026-03-02T09:05:00+09:00',
        department: '주차관리과',
      },
    });
  });

  it('gives the row number and a Korean reason for a bad row', () => {
    expect(readRow(9, ['N2', '교통', '불법 주정차', '어제', '주차관리과'], columns)).toEqual({
      ok: false,
      error: {
        row: 9,
        number: 'N2',
        reasonKo: "접수일시 칸의 값 '어제'은(는) 날짜·시각이 아닙니다 (예: 2026-03-02 14:05)",
      },
    });
    expect(readRow(10, ['N3', '교통', '', '2026-03-02 10:00', '주차관리과'], columns)).toMatchObject({
      ok: false,
      error: { reasonKo: '항목 칸이 비어 있습니다' },
    });
  });
});

const record = (
  department: string,
  receivedAt: string,
  handledHours: number | undefined,
  standardHours = 3,
  satisfaction?: string,
): FieldComplaintRecord => {
  const received = Date.parse(receivedAt);
  const completedAt =
    handledHours === undefined ? undefined : new Date(received + handledHours * 3_600_000).toISOString();
  return {
    ...toRecord(
      {
        number: `${department}-${receivedAt}`,
        field: '교통',
        item: '불법 주정차',
        receivedAt,
        department,
        ...(completedAt ? { completedAt } : {}),
        ...(satisfaction ? { satisfaction } : {}),
      },
      { hours: standardHours, counting: 'clock', listed: true },
      calendar,
    ),
  };
};

describe('monthly analysis', () => {
  const asOf = '2026-04-01T09:00:00+09:00';
  const march = [
    record('도로과', '2026-03-02T10:00:00+09:00', 1, 3, '만족'),
    record('도로과', '2026-03-03T10:00:00+09:00', 2, 3, '불만'),
    record('도로과', '2026-03-04T10:00:00+09:00', 4),
    record('도로과', '2026-03-05T10:00:00+09:00', 10),
    record('청소행정과', '2026-03-05T10:00:00+09:00', 1),
    // Open and past due on 1 April: late.
    record('청소행정과', '2026-03-31T10:00:00+09:00', undefined),
    // Open and not yet due: not late.
    record('청소행정과', '2026-04-01T08:00:00+09:00', undefined),
  ];

  it('counts delay rate, average and 90th-percentile handling time by department', () => {
    const a = analyseMonth('2026-03', march, asOf);
    expect(a.overall).toMatchObject({ received: 7, completed: 5, open: 2, delayed: 3, delayRate: 0.4286 });
    expect(a.overall.avgHours).toBe(3.6);
    expect(a.overall.p90Hours).toBe(10);
    expect(a.byDepartment).toEqual([
      {
        key: '도로과',
        received: 4,
        completed: 4,
        open: 0,
        delayed: 2,
        delayRate: 0.5,
        avgHours: 4.25,
        p90Hours: 10,
        satisfiedShare: 0.5,
      },
      {
        key: '청소행정과',
        received: 3,
        completed: 1,
        open: 2,
        delayed: 1,
        delayRate: 0.3333,
        avgHours: 1,
        p90Hours: 1,
      },
    ]);
    expect(a.byItem.map((g) => g.key)).toEqual(['교통 · 불법 주정차']);
    expect(nearestRank([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 90)).toBe(9);
  });

  it('gives the change against the month before', () => {
    const feb = analyseMonth('2026-02', [record('도로과', '2026-02-02T10:00:00+09:00', 1)], asOf);
    const mar = analyseMonth('2026-03', march, asOf);
    expect(monthOverMonth(mar.byDepartment, feb.byDepartment)).toMatchObject([
      { key: '도로과', delayRateChangePts: 50, avgHoursChange: 3.25 },
      { key: '청소행정과' },
    ]);
    expect(monthOverMonth(mar.byDepartment, feb.byDepartment)[1]).not.toHaveProperty('delayRateChangePts');
  });

  it('ranks departments by the office’s formula: 최우수 1, 우수 5, small departments unranked', () => {
    const groups = ['가', '나', '다', '라', '마', '바', '사', '아'].map((key, i) => ({
      key,
      received: i === 7 ? 50 : 200,
      completed: 200,
      open: 0,
      delayed: i * 4,
      delayRate: (i * 4) / 200,
      avgHours: 6 + i,
      p90Hours: 20,
    }));
    const ranked = rankDepartments(groups);
    expect(ranked.map((r) => r.key)).toEqual(['가', '나', '다', '라', '마', '바', '사']);
    expect(ranked.map((r) => r.awardKo)).toEqual(['최우수', '우수', '우수', '우수', '우수', '우수', undefined]);
    // 50 × 1 + 30 × (1 − 6/24) + 20 × 0 (nobody rated) = 72.5
    expect(ranked[0]!.score).toBe(72.5);
  });
});
