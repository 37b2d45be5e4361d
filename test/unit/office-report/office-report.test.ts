/**
 * The office report's table computations on known cases (pure): the misconduct categories, channel
 * grouping, persons for ethics reviews, median / 90th percentile / on-time rate, the data hash and
 * the table-by-table comparison, and the renderers (Korean headings, units, escaping, nothing sealed).
 */
import { describe, expect, it } from 'vitest';
import type { CaseRecord } from '#shared/domain/case.ts';
import type { CaseKind } from '#shared/domain/case.ts';
import { CASE_KINDS } from '#shared/kinds/registry.ts';
import {
  buildOfficeReport,
  compareReports,
  formatCell,
  median,
  percentile,
  processingDays,
  ratePercent,
  type CasesByKind,
  type OfficeReportData,
} from '#shared/domain/office-report.ts';
import { escapeHtml, renderHtml } from '#shared/reports/report-html.ts';
import { escapeMarkdown, renderMarkdown } from '#shared/reports/report-markdown.ts';

let serial = 0;
function aCase(
  kind: CaseKind,
  over: Partial<CaseRecord> & {
    disposition?: 'discipline' | 'admonition' | 'caution' | 'closure' | 'corrective-action';
  } = {},
): CaseRecord {
  serial += 1;
  const { disposition, ...rest } = over;
  const base: CaseRecord = {
    caseId: `C${String(serial).padStart(4, '0')}`,
    caseNumber: `2026-X-${serial}`,
    kind,
    team: 'audit',
    title: `제목 ${serial}`,
    summary: '',
    stage: 'investigation',
    receivedAt: '2026-03-02T10:00:00+09:00',
    sealed: false,
    createdAt: '2026-03-02T10:00:00+09:00',
    createdBy: 'u1',
    updatedAt: '2026-03-02T10:00:00+09:00',
    version: 1,
    historySeq: 1,
    historyHead: 'h',
    ...rest,
  };
  if (kind === 'external-referral' || kind === 'internal-investigation') {
    base.sealed = true;
    base.misconduct = {
      category: 'neglect-of-duty',
      conductDate: '2026-01-01',
      officials: [
        {
          officialId: 'O1',
          name: '홍길동',
          department: '도로관리과',
          grade: '7급',
          addedAt: base.createdAt,
          addedBy: 'u1',
        },
      ],
      concernedSubs: [],
      evidence: [],
      limitation: {
        date: '2029-01-01',
        years: 3,
        tier: 'other',
        from: '2026-01-01',
        article: 'x',
        confidence: 'C',
        explanation: [],
        extensions: [],
      },
      progress: {},
      ...(disposition && {
        approved: {
          disposition:
            disposition === 'discipline'
              ? { type: 'discipline', severity: '경징계' }
              : disposition === 'closure'
                ? { type: 'closure', reasonCode: 'no-misconduct' }
                : disposition === 'corrective-action'
                  ? { type: 'corrective-action', department: 'd', order: 'o', complianceDueDate: '2026-12-01' }
                  : { type: disposition },
          proposedBy: 'a',
          approvedBy: 'b',
          approvedAt: base.createdAt,
        },
      }),
    } as CaseRecord['misconduct'];
  }
  return base;
}

const closedOn = (date: string) => ({ stage: 'closed' as const, closedAt: `${date}T15:00:00+09:00` });

function byKindOf(cases: CaseRecord[]): CasesByKind {
  return Object.fromEntries(CASE_KINDS.map((k) => [k, cases.filter((c) => c.kind === k)])) as unknown as CasesByKind;
}

const period = { from: '2026-01-01', to: '2026-12-31' };
const cellsOf = (report: OfficeReportData, id: string) =>
  Object.fromEntries(report.tables.find((t) => t.id === id)!.rows.map((r) => [r.key, r.cells]));

describe('statistics on known data', () => {
  it('median is the middle value, or the mean of the two middle values; none → null', () => {
    expect(median([5, 1, 3])).toBe(3);
    expect(median([4, 1, 3, 10])).toBe(3.5);
    expect(median([])).toBeNull();
  });

  it('90th percentile is the nearest rank ⌈0.9·n⌉', () => {
    expect(percentile([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 90)).toBe(9);
    expect(percentile([10, 1, 2, 3, 4, 5, 6, 7, 8, 9, 11], 90)).toBe(10);
    expect(percentile([7], 90)).toBe(7);
    expect(percentile([], 90)).toBeNull();
  });

  it('processing days count Korea dates: a case closed 00:30 KST the next day took one day', () => {
    expect(
      processingDays({ receivedAt: '2026-03-02T23:50:00+09:00', closedAt: '2026-03-02T15:30:00Z', stage: 'closed' }),
    ).toBe(1);
    expect(processingDays({ receivedAt: '2026-03-02T10:00:00+09:00', stage: 'investigation' })).toBeUndefined();
    expect(ratePercent(2, 3)).toBe(66.7);
    expect(ratePercent(0, 0)).toBeNull();
  });
});

describe('the tables', () => {
  const cases = [
    aCase('external-referral', { disposition: 'discipline', ...closedOn('2026-03-20') }),
    aCase('external-referral', { disposition: 'admonition' }),
    aCase('external-referral', { disposition: 'corrective-action', ...closedOn('2026-04-01') }),
    aCase('external-referral', { stage: 'suspended' }),
    aCase('internal-investigation', { disposition: 'closure', ...closedOn('2026-03-05') }),
    aCase('internal-investigation', { disposition: 'caution' }),
    aCase('grievance', { channel: '응답소', dueDate: '2026-03-10', ...closedOn('2026-03-04') }),
    aCase('grievance', { channel: '전화', dueDate: '2026-03-10', ...closedOn('2026-03-12') }),
    aCase('grievance', { channel: '방문', dueDate: '2026-03-10', ...closedOn('2026-03-10') }),
    aCase('grievance', { channel: '구청장에게 바란다' }),
    aCase('grievance', {}),
    aCase('property-review', closedOn('2026-03-12')),
    aCase('property-review'),
    aCase('disclosure-refusal', closedOn('2026-03-03')),
    aCase('daily-audit', closedOn('2026-03-03')),
    aCase('contract-review'),
    aCase('whistleblower-report', { sealed: true, title: '공익신고자 김비밀의 신고' }),
    aCase('taxpayer-consultation', closedOn('2026-03-02')),
  ];
  const report = buildOfficeReport({
    period,
    generatedAt: '2026-12-31T18:00:00+09:00',
    byKind: byKindOf(cases),
    meetings: undefined,
  });

  it('counts misconduct investigations in the office categories, suspended ones under 진행', () => {
    expect(cellsOf(report, 'misconduct')).toEqual({
      'external-referral': { total: 4, 징계·불문경고: 1, 훈계·주의: 1, 내부종결·시정조치: 1, 진행: 1, suspended: 1 },
      'internal-investigation': {
        total: 2,
        징계·불문경고: 0,
        훈계·주의: 1,
        내부종결·시정조치: 1,
        진행: 0,
        suspended: 0,
      },
    });
  });

  it('groups grievance channels as the report does (전화·방문 together) and keeps cases without a channel', () => {
    const g = cellsOf(report, 'grievances');
    expect(g.total).toEqual({ received: 5, closed: 3, open: 2 });
    expect(g['응답소']).toEqual({ received: 1, closed: 1, open: 0 });
    expect(g['전화·방문']).toEqual({ received: 2, closed: 2, open: 0 });
    expect(g['구청장에게 바란다']).toEqual({ received: 1, closed: 0, open: 1 });
    expect(g['경로 미기재']).toEqual({ received: 1, closed: 0, open: 1 });
  });

  it('counts property and disclosure-refusal reviews in persons (명), audits in 건', () => {
    const ethics = report.tables.find((t) => t.id === 'ethics')!;
    expect(ethics.columns.map((c) => c.unit)).toEqual(['명', '명', '명']);
    expect(cellsOf(report, 'ethics')).toEqual({
      'property-review': { received: 2, closed: 1, open: 1 },
      'disclosure-refusal': { received: 1, closed: 1, open: 0 },
    });
    expect(cellsOf(report, 'prevention')).toEqual({
      'daily-audit': { received: 1, closed: 1, open: 0 },
      'contract-review': { received: 1, closed: 0, open: 1 },
    });
    expect(cellsOf(report, 'whistleblower')['whistleblower-report']).toEqual({ received: 1, closed: 0, open: 1 });
  });

  it('computes median, 90th percentile and on-time rate per kind', () => {
    // grievances closed after 2, 10 and 8 days; due 03-10: on time, late, on time (the due day itself)
    expect(cellsOf(report, 'processing').grievance).toEqual({
      received: 5,
      closed: 3,
      medianDays: 8,
      p90Days: 10,
      closedWithDue: 3,
      onTime: 2,
      onTimeRate: 66.7,
    });
    expect(cellsOf(report, 'processing')['contract-review']).toMatchObject({
      closed: 0,
      medianDays: null,
      p90Days: null,
      onTimeRate: null,
    });
  });

  it('leaves the committee table out, saying so, when meetings cannot be read; counts them when they can', () => {
    expect(report.tables.some((t) => t.id === 'committees')).toBe(false);
    expect(report.omittedKo[0]).toContain('위원회 회의');
    const withMeetings = buildOfficeReport({
      period,
      generatedAt: report.generatedAt,
      byKind: byKindOf(cases),
      meetings: [
        { meetingId: 'm1', committee: 'ethics', version: 1 },
        { meetingId: 'm2', committee: 'ethics', version: 2 },
        { meetingId: 'm3', committee: 'petition-review', version: 1 },
      ],
    });
    expect(cellsOf(withMeetings, 'committees')).toMatchObject({
      total: { held: 3 },
      ethics: { held: 2 },
      'petition-review': { held: 1 },
      mediation: { held: 0 },
    });
    expect(withMeetings.tables.find((t) => t.id === 'committees')!.columns[0]!.unit).toBe('회');
  });

  it('hashes the data: same cases → same hash; a changed version or a changed figure → a different one, named per table', () => {
    const again = buildOfficeReport({
      period,
      generatedAt: '2027-01-05T09:00:00+09:00',
      byKind: byKindOf(cases),
      meetings: undefined,
    });
    expect(again.digest.dataHash).toBe(report.digest.dataHash);
    expect(compareReports(report, again).matches).toBe(true);

    const noted = cases.map((c) => (c.kind === 'whistleblower-report' ? { ...c, version: c.version + 1 } : c));
    const afterNote = compareReports(
      report,
      buildOfficeReport({ period, generatedAt: again.generatedAt, byKind: byKindOf(noted), meetings: undefined }),
    );
    expect(afterNote.matches).toBe(false);
    expect(afterNote.tables.find((t) => t.id === 'whistleblower')).toMatchObject({
      cellsMatch: true,
      basisMatch: false,
      changes: [],
    });
    expect(afterNote.tables.find((t) => t.id === 'grievances')).toMatchObject({ cellsMatch: true, basisMatch: true });

    const closed = cases.map((c) =>
      c.kind === 'contract-review' ? { ...c, ...closedOn('2026-03-09'), version: 2 } : c,
    );
    const afterClose = compareReports(
      report,
      buildOfficeReport({ period, generatedAt: again.generatedAt, byKind: byKindOf(closed), meetings: undefined }),
    );
    const prevention = afterClose.tables.find((t) => t.id === 'prevention')!;
    expect(prevention.changes).toEqual([
      {
        row: 'contract-review',
        rowLabelKo: '계약심사',
        column: 'closed',
        columnLabelKo: '처리 완료',
        frozen: 0,
        now: 1,
      },
      { row: 'contract-review', rowLabelKo: '계약심사', column: 'open', columnLabelKo: '처리 중', frozen: 1, now: 0 },
    ]);
    // no due date on it: the on-time figures stay as they were
    expect(
      afterClose.tables.find((t) => t.id === 'processing')!.changes.map((c) => [c.column, c.frozen, c.now]),
    ).toEqual([
      ['closed', 0, 1],
      ['medianDays', null, 7],
      ['p90Days', null, 7],
    ]);
  });

  it('never carries a title, a name or a sealed case number — only counts', () => {
    const text = JSON.stringify(report) + renderMarkdown(report) + renderHtml(report);
    for (const c of cases) {
      expect(text).not.toContain(c.title);
      expect(text).not.toContain(c.caseNumber);
    }
    expect(text).not.toContain('홍길동');
    expect(text).not.toContain('김비밀');
  });

  it('renders Markdown with the report headings and Korean units', () => {
    const md = renderMarkdown(report);
    expect(md).toContain('## Ⅱ. 주요업무 추진실적');
    expect(md).toContain('## ③ 공직자 비위예방 및 투명한 재산신고');
    expect(md).toContain('| 외부기관 통보사항 조사 | 4건 | 1건 | 1건 | 1건 | 1건 | 1건 |');
    expect(md).toContain('| 재산등록 심사 | 2명 | 1명 | 1명 |');
    expect(md).toContain('| 고충민원 | 5건 | 3건 | 8일 | 10일 | 3건 | 2건 | 66.7% |');
    expect(md).toContain('| 계약심사 | 1건 | 0건 | - | - | 0건 | 0건 | - |');
    expect(md).toContain(report.digest.dataHash);
  });

  it('renders printable HTML laid out like the report, escaping everything', () => {
    const html = renderHtml(report, { reportId: '01ARZ3NDEKTSV4RRFFQ69G5FAV', frozenAt: '2027-01-05T09:00:00+09:00' });
    expect(html).toMatch(/^<!doctype html>\n<html lang="ko">/);
    expect(html).toContain('@page { size: A4;');
    expect(html).toContain('<h2>④ 생활 속 주민불편 및 고충민원 관리</h2>');
    expect(html).toContain('<th scope="col">접수 <span class="unit">(명)</span></th>');
    expect(html).toContain('<td class="num">2명</td>');
    expect(html).toContain('01ARZ3NDEKTSV4RRFFQ69G5FAV');
    const hostile: OfficeReportData = {
      ...report,
      titleKo: '<script>alert("x")</script>&',
      tables: [
        { ...report.tables[0]!, titleKo: '<img src=x onerror=1>', rows: [{ key: 'k', labelKo: '"\'`<b>', cells: {} }] },
      ],
    };
    const escaped = renderHtml(hostile);
    expect(escaped).not.toContain('<script>');
    expect(escaped).not.toContain('<img');
    expect(escaped).not.toContain('<b>');
    expect(escaped).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;&amp;');
    expect(escaped).toContain('&quot;&#39;&#96;&lt;b&gt;');
    expect(escapeHtml('a&b')).toBe('a&amp;b');
    expect(escapeMarkdown('a|b*c')).toBe('a\\|b\\*c');
    expect(renderMarkdown(hostile)).toContain('\\<img src=x onerror=1\\>');
  });

  it('formats numbers with separators and units', () => {
    expect(formatCell(2593, '건')).toBe('2,593건');
    expect(formatCell(66.7, '%')).toBe('66.7%');
    expect(formatCell(3.5, '일')).toBe('3.5일');
    expect(formatCell(null, '일')).toBe('-');
  });
});

describe('meetings held, read through the committee repository', () => {
  it('counts meetings whose attendance was recorded, on their meeting date inside the period', async () => {
    const { committeeMeetingSource } = await import('#shared/usecases/office-report.ts');
    const asked: string[] = [];
    const meetings = [
      { meetingId: 'e1', committee: 'ethics', scheduledAt: '2026-05-23T14:00:00+09:00', status: 'closed', version: 3 },
      { meetingId: 'e2', committee: 'ethics', scheduledAt: '2026-10-18T14:00:00+09:00', status: 'held', version: 2 },
      {
        meetingId: 'e3',
        committee: 'ethics',
        scheduledAt: '2026-12-20T14:00:00+09:00',
        status: 'scheduled',
        version: 1,
      },
      {
        meetingId: 'p1',
        committee: 'petition-review',
        scheduledAt: '2027-01-02T10:00:00+09:00',
        status: 'closed',
        version: 2,
      },
    ];
    const source = committeeMeetingSource({
      meetingsBetween: async (kind, from, to) => {
        asked.push(`${kind}:${from}..${to}`);
        return meetings.filter((m) => m.committee === kind) as never;
      },
    });
    expect(await source.meetingsHeldBetween('2026-01-01', '2026-12-31')).toEqual([
      { meetingId: 'e1', committee: 'ethics', version: 3 },
      { meetingId: 'e2', committee: 'ethics', version: 2 },
    ]);
    expect(asked).toEqual(
      ['petition-review', 'mediation', 'ethics', 'personnel', 'human-rights'].map((k) => `${k}:2026-01-01..2026-12-31`),
    );
  });
});
