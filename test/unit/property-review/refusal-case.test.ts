/**
 * A 고지거부 case's own steps (shared/kinds/disclosure-refusal/refusal-case.ts): a re-review takes a
 * re-review application of its year only, is due 30 November without extension (시행령 제27조⑤⑥);
 * an ordinary application is due 10 days on, extended once (②); the steps follow the record.
 */
import { describe, expect, it } from 'vitest';
import { createCalendar } from '#shared/calendar/index.ts';
import type { CaseRecord } from '#shared/domain/case.ts';
import {
  applyRefusalDecision,
  nextRefusalStep,
  openRefusalCase,
  type RefusalRecord,
} from '#shared/kinds/disclosure-refusal/refusal-case.ts';

const calendar = createCalendar();
const asCase = (r: RefusalRecord) =>
  ({ assigneeSub: 'investigator-1', disclosureRefusal: r }) as unknown as CaseRecord & {
    disclosureRefusal: RefusalRecord;
  };
const application = (over: Record<string, unknown> = {}) => ({
  relatives: [{ relation: 'ascendant', name: '홍부친' }],
  reason: '독립 생계',
  window: 're-review',
  windowStartsOn: '2026-01-01',
  appliedOn: '2026-02-10',
  ...over,
});
const judged = (independentLivelihood: boolean) => ({
  decision: 'decide-refusal',
  tests: [
    {
      name: '홍부친',
      age: 70,
      propertyWon: 100_000_000,
      monthlyIncomeWon: 4_000_000,
      medianIncomeWon: 3_900_000,
      independentLivelihood,
      reasons: '판단',
    },
  ],
  noticeReceivedOn: '2026-06-02',
});

describe('a disclosure-refusal case', () => {
  const reReview = openRefusalCase(
    { registrantNo: 'R-1', reReview: { year: 2026, permittedOn: '2023-05-02' } },
    calendar,
  );

  it('is opened with its re-review dates, and its steps follow the record', () => {
    expect(reReview.reReview).toMatchObject({
      applyFrom: '2026-01-01',
      applyUntil: '2026-03-31',
      decideBy: '2026-11-30',
    });
    expect(nextRefusalStep({ disclosureRefusal: reReview })).toBe('assign');
    expect(nextRefusalStep(asCase(reReview))).toBe('application');
    expect(() => openRefusalCase(undefined, calendar)).toThrow(/registrant/);
  });

  it('a re-review takes a re-review application of its own year, due 30 November, never extended', () => {
    const wrongWindow = () =>
      applyRefusalDecision(
        asCase(reReview),
        { decision: 'record-refusal-application', application: application({ window: 'yearly' }) },
        '2026-02-10',
        calendar,
      );
    expect(wrongWindow).toThrow(/re-review application/);
    const wrongYear = () =>
      applyRefusalDecision(
        asCase(reReview),
        {
          decision: 'record-refusal-application',
          application: application({ windowStartsOn: '2025-01-01', appliedOn: '2025-02-10' }),
        },
        '2026-02-10',
        calendar,
      );
    expect(wrongYear).toThrow(/2026/);
    const applied = applyRefusalDecision(
      asCase(reReview),
      { decision: 'record-refusal-application', application: application() },
      '2026-02-10',
      calendar,
    )!;
    expect(applied.record.applications[0]?.decisionDueOn).toBe('2026-11-30');
    expect(nextRefusalStep(asCase(applied.record))).toBe('decision');
    expect(() =>
      applyRefusalDecision(asCase(applied.record), { decision: 'extend-refusal-decision' }, '2026-03-02', calendar),
    ).toThrow(/fixed day/);
    const permitted = applyRefusalDecision(asCase(applied.record), judged(true), '2026-06-01', calendar)!;
    expect(permitted.eventData).toMatchObject({ permitted: true, reReviewYear: 2029 });
    expect(nextRefusalStep(asCase(permitted.record))).toBe('close');
  });

  it('an ordinary application is due 10 days on, extended once by 10; a refusal gives 30 days from the notice', () => {
    const plain = openRefusalCase({ registrantNo: 'N-1' }, calendar);
    const applied = applyRefusalDecision(
      asCase(plain),
      {
        decision: 'record-refusal-application',
        application: application({ window: 'yearly', appliedOn: '2026-01-20' }),
      },
      '2026-01-20',
      calendar,
    )!;
    expect(applied.record.applications[0]?.decisionDueOn).toBe('2026-01-30');
    const extended = applyRefusalDecision(
      asCase(applied.record),
      { decision: 'extend-refusal-decision' },
      '2026-01-28',
      calendar,
    )!;
    expect(extended.record.applications[0]?.decisionDueOn).toBe('2026-02-09');
    const refused = applyRefusalDecision(
      asCase(extended.record),
      { ...judged(false), noticeReceivedOn: '2026-02-10' },
      '2026-02-06',
      calendar,
    )!;
    expect(refused.eventData).toMatchObject({ permitted: false, registrationDueOn: '2026-03-12' });
  });
});
