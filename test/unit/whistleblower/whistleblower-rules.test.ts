import { describe, expect, it } from 'vitest';
import { createCalendar } from '#shared/calendar/index.ts';
import {
  applyWhistleblowerDecision,
  nextWhistleblowerStep,
  openWhistleblower,
  SCREENING_GROUNDS,
  whistleblowerIntakeSchema,
  type WhistleblowerDecisionForm,
  type WhistleblowerRecord,
} from '#shared/kinds/whistleblower-report/whistleblower.ts';
import { whistleblowerTaskDue } from '#shared/kinds/whistleblower-report/whistleblower-deadlines.ts';
import type { CaseRecord } from '#shared/domain/case.ts';

const RECEIVED = '2026-11-02';
function run(r: WhistleblowerRecord, ...forms: WhistleblowerDecisionForm[]): WhistleblowerRecord {
  return forms.reduce((acc, form) => applyWhistleblowerDecision(acc, form, RECEIVED).record, r);
}
const notice = { decision: 'send-protection-notice', sentOn: '2026-11-02', method: '문서' } as const;
const direct = () => openWhistleblower({ route: 'direct' });
const referred = () => openWhistleblower({ route: 'acrc-transfer', acrcReference: '권익위-2026-1234' });

describe('intake', () => {
  it('needs the 권익위 document number for a referred report, and a 부패신고 only by referral', () => {
    expect(whistleblowerIntakeSchema.safeParse({ route: 'acrc-referral' }).success).toBe(false);
    expect(whistleblowerIntakeSchema.safeParse({ route: 'direct', variant: 'corruption' }).success).toBe(false);
    expect(
      whistleblowerIntakeSchema.safeParse({ route: 're-transfer', acrcReference: 'x-1', variant: 'corruption' })
        .success,
    ).toBe(true);
  });
  it('takes an oral report only once it was read back and signed (법 제8조②)', () => {
    const oral = { writtenBy: '이하은', readBackOn: RECEIVED };
    expect(whistleblowerIntakeSchema.safeParse({ route: 'direct', oral: { ...oral, signed: false } }).success).toBe(
      false,
    );
    expect(whistleblowerIntakeSchema.safeParse({ route: 'direct', oral: { ...oral, signed: true } }).success).toBe(
      true,
    );
  });
});

describe('a direct report', () => {
  it('starts with the written protection notice, and refuses an oral one unless the reporter asked', () => {
    const r = direct();
    expect(nextWhistleblowerStep(r)).toBe('protection-notice');
    expect(() => run(r, { ...notice, method: '전화' })).toThrowError(
      expect.objectContaining({ rule: 'written_notice_required' }),
    );
    expect(nextWhistleblowerStep(run(r, { ...notice, method: '전화', reporterAskedOral: true }))).toBe('screening');
  });

  it('investigates, notifies the result with a protection notice and closes without a 권익위 report', () => {
    const r = run(
      direct(),
      notice,
      { decision: 'start-investigation', decidedOn: '2026-11-03' },
      { decision: 'finish-investigation', endedOn: '2026-12-01', findings: '확인', violationFound: true },
    );
    expect(nextWhistleblowerStep(r)).toBe('result-notice');
    const done = run(r, {
      decision: 'notify-result',
      measures: '시정명령',
      notifiedOn: '2026-12-02',
      protectionNoticeOn: '2026-12-02',
      protectionNoticeMethod: '문서',
    });
    expect(done.notices.map((n) => n.occasion)).toEqual(['intake', 'result']);
    expect(nextWhistleblowerStep(done)).toBe('close');
  });

  it.each(Object.keys(SCREENING_GROUNDS).filter((g) => g !== 'supplement-ignored'))(
    'declines on ground %s with the reporter notified, then closes',
    (ground) => {
      const r = run(direct(), notice, {
        decision: 'decline',
        outcome: 'not-investigate',
        ground: ground as keyof typeof SCREENING_GROUNDS,
        reason: '사유',
        decidedOn: '2026-11-05',
        notifiedOn: '2026-11-05',
      });
      expect(r.screening).toMatchObject({ outcome: 'not-investigate', ground });
      expect(nextWhistleblowerStep(r)).toBe('close');
    },
  );

  it('closes for unanswered supplements only after the second unanswered request', () => {
    const ask = (n: number) =>
      ({
        decision: 'request-supplement',
        requestedOn: `2026-11-0${n}`,
        dueOn: `2026-11-1${n}`,
        items: '증거',
      }) as const;
    const decline = {
      decision: 'decline',
      outcome: 'close',
      ground: 'supplement-ignored',
      reason: '2회 불응',
      decidedOn: '2026-11-20',
      notifiedOn: '2026-11-20',
    } as const;
    const once = run(direct(), notice, ask(3));
    expect(nextWhistleblowerStep(once)).toBe('supplement');
    const oneUnanswered = run(once, { decision: 'supplement-unanswered', confirmedOn: '2026-11-14' });
    expect(nextWhistleblowerStep(oneUnanswered)).toBe('screening');
    expect(() => run(oneUnanswered, decline)).toThrowError(
      expect.objectContaining({ rule: 'two_unanswered_supplements' }),
    );
    const twice = run(oneUnanswered, ask(4), { decision: 'supplement-unanswered', confirmedOn: '2026-11-15' });
    expect(nextWhistleblowerStep(run(twice, decline))).toBe('close');
  });

  it('transfers to the competent body with a notice and a protection notice, then closes', () => {
    const r = run(direct(), notice, {
      decision: 'transfer',
      to: '서울특별시',
      transferredOn: '2026-11-04',
      notifiedOn: '2026-11-04',
      protectionNoticeOn: '2026-11-04',
      protectionNoticeMethod: '전자문서',
    });
    expect(r.notices.map((n) => n.occasion)).toEqual(['intake', 'transfer']);
    expect(nextWhistleblowerStep(r)).toBe('close');
  });

  it('refuses a decision out of its step', () => {
    expect(() => run(direct(), { decision: 'start-investigation', decidedOn: '2026-11-03' })).toThrowError(
      expect.objectContaining({ rule: 'not_at_this_step' }),
    );
  });
});

describe('a report referred by 국민권익위원회', () => {
  const finished = () =>
    run(
      referred(),
      notice,
      { decision: 'start-investigation', decidedOn: '2026-11-03' },
      { decision: 'finish-investigation', endedOn: '2026-11-27', findings: '확인', violationFound: false },
      {
        decision: 'notify-result',
        measures: '조치 없음',
        notifiedOn: '2026-11-30',
        protectionNoticeOn: '2026-11-30',
        protectionNoticeMethod: '문서',
      },
    );

  it('reports the result to 권익위 before closing, due 10 days after the investigation ended', () => {
    const r = finished();
    expect(nextWhistleblowerStep(r)).toBe('acrc-report');
    const c = { receivedAt: `${RECEIVED}T10:00:00+09:00`, whistleblower: r } as unknown as CaseRecord;
    const due = whistleblowerTaskDue('whistleblower.acrc-report', {
      c,
      now: '2026-11-30T10:00:00+09:00',
      calendar: createCalendar(),
    });
    // 11-27 + 10 days (초일 불산입) = 12-07 (a Monday).
    expect(due.dueAt.slice(0, 10)).toBe('2026-12-07');
    expect(due.basis).toMatchObject({ article: '공익신고자 보호법 시행령 제11조②', source: 'statutory' });
    expect(nextWhistleblowerStep(run(r, { decision: 'report-to-acrc', sentOn: '2026-12-03', summary: '결과' }))).toBe(
      'close',
    );
  });

  it('reports a declined referred report to 권익위 too', () => {
    const r = run(referred(), notice, {
      decision: 'decline',
      outcome: 'stop',
      ground: 'other-proceedings',
      reason: '수사 개시',
      decidedOn: '2026-11-05',
      notifiedOn: '2026-11-06',
    });
    expect(nextWhistleblowerStep(r)).toBe('acrc-report');
  });

  it('gives a 부패신고 its own clocks: 60 days to finish from referral, 10 days to report', () => {
    const r = openWhistleblower({ route: 'acrc-transfer', acrcReference: 'x-2', variant: 'corruption' });
    const c = { receivedAt: `${RECEIVED}T10:00:00+09:00`, whistleblower: r } as unknown as CaseRecord;
    const due = whistleblowerTaskDue('whistleblower.investigation', {
      c,
      now: '2026-11-03T10:00:00+09:00',
      calendar: createCalendar(),
    });
    expect(due.basis).toMatchObject({ article: '부패방지권익위법 제60조①', source: 'statutory' });
    // 11-02 + 60 days = 2027-01-01 (a holiday) → the next business day.
    expect(due.dueAt.slice(0, 10)).toBe('2027-01-04');
    const publicInterest = whistleblowerTaskDue('whistleblower.investigation', {
      c: { ...c, whistleblower: direct() } as unknown as CaseRecord,
      now: '2026-11-03T10:00:00+09:00',
      calendar: createCalendar(),
    });
    expect(publicInterest.basis).toMatchObject({ source: 'default', confidence: 'C' });
    expect(publicInterest.basis.labelKo).toContain('구 규칙 확인 필요');
  });
});
