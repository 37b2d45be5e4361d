/**
 * 징계시효 rules (docs/legal-basis.md#misconduct-investigations), each named by its article. Counting: 민법 제157조 (초일 불산입)
 * and 제160조 (역에 의한 계산); 제161조 is deliberately not applied (see LIMITATION_COUNTING, R).
 */
import { describe, expect, it } from 'vitest';
import {
  CATEGORY_RULES,
  disciplineLimitation,
  extendLimitationForSuspension,
  LIMITATION_COUNTING,
  LIMITATION_TIERS,
  limitationWarning,
  SUSPENSION_EXTENSION_RULE,
} from '#shared/kinds/misconduct/discipline-limitation.ts';
import { MISCONDUCT_CATEGORIES } from '#shared/kinds/misconduct/misconduct.ts';

describe('지방공무원법 제73조의2① — limitation by misconduct category', () => {
  it('gives other misconduct 3 years: conduct 2023-03-10 → last day 2026-03-10 (제73조의2① 3년)', () => {
    const l = disciplineLimitation('drunk-driving', '2023-03-10');
    expect(l).toMatchObject({
      date: '2026-03-10',
      years: 3,
      tier: 'other',
      article: '지방공무원법 제73조의2① (3년)',
      confidence: 'C*',
    });
  });

  it('gives the money grounds of 제69조의2① 5 years and requires a 징계부가금: bribery 2021-06-15 → 2026-06-15 (제73조의2① 5년, 제69조의2①)', () => {
    const l = disciplineLimitation('bribery', '2021-06-15');
    expect(l).toMatchObject({ date: '2026-06-15', years: 5, tier: 'money' });
    expect(l.article).toContain('제69조의2①');
    for (const category of ['bribery', 'bribe-giving', 'embezzlement', 'breach-of-trust'] as const) {
      expect(CATEGORY_RULES[category]).toEqual({ tier: 'money', surchargeRequired: true });
    }
  });

  it('gives sexual misconduct 10 years: harassment 2016-01-31 → 2026-01-31 (제73조의2① 10년; its 목 are R)', () => {
    expect(disciplineLimitation('sexual-harassment', '2016-01-31')).toMatchObject({
      date: '2026-01-31',
      years: 10,
      tier: 'sexual',
    });
    expect(disciplineLimitation('sexual-offence', '2016-01-31').date).toBe('2026-01-31');
    expect(LIMITATION_TIERS.sexual.groundsConfidence).toBe('R');
  });

  it('maps every category to a tier, and only the money grounds to a surcharge (제69조의2①)', () => {
    for (const category of MISCONDUCT_CATEGORIES) {
      const rule = CATEGORY_RULES[category];
      expect(LIMITATION_TIERS[rule.tier].years).toBeGreaterThanOrEqual(3);
      expect(rule.surchargeRequired).toBe(rule.tier === 'money');
    }
  });

  it('ends a period whose corresponding day does not exist on the last day of that month (민법 제160조③)', () => {
    expect(disciplineLimitation('other', '2024-02-28').date).toBe('2027-02-28');
    expect(disciplineLimitation('other', '2024-02-29').date).toBe('2027-02-28');
  });

  it('does not move the last day off a Saturday or holiday — the earlier, safer date (민법 제161조 not applied, R)', () => {
    const l = disciplineLimitation('other', '2023-03-14');
    expect(l.date).toBe('2026-03-14'); // a Saturday
    expect(LIMITATION_COUNTING.confidence).toBe('R');
    expect(l.explanation.join('\n')).toContain('민법 제161조');
  });
});

describe('지방공무원법 제73조의2② — limitation after a suspension under 제73조①②', () => {
  const base = disciplineLimitation('other', '2023-12-10'); // last day 2026-12-10

  it('ends one month after the end notice when less than a month was left: 12-10 → 12-20 for a notice of 11-20', () => {
    const l = extendLimitationForSuspension(base, '2026-11-10', '2026-11-20');
    expect(l.date).toBe('2026-12-20');
    expect(l.extensions).toEqual([
      {
        before: '2026-12-10',
        after: '2026-12-20',
        startNoticeReceivedOn: '2026-11-10',
        endNoticeReceivedOn: '2026-11-20',
        article: '지방공무원법 제73조의2②',
        confidence: 'C*',
      },
    ]);
    expect(SUSPENSION_EXTENSION_RULE.readingConfidence).toBe('R');
  });

  it('revives a limitation that ran out while proceedings were stopped (제73조의2②: 시효기간이 지나거나)', () => {
    const l = disciplineLimitation('other', '2023-06-30'); // 2026-06-30
    expect(extendLimitationForSuspension(l, '2026-03-02', '2026-09-14').date).toBe('2026-10-14');
  });

  it('leaves a limitation with a month or more to run when the end notice comes', () => {
    const far = disciplineLimitation('other', '2024-03-10'); // 2027-03-10
    expect(extendLimitationForSuspension(far, '2026-10-01', '2026-11-20')).toBe(far);
    const exactlyAMonth = disciplineLimitation('other', '2023-12-20'); // 2026-12-20 = one month after 11-20
    expect(extendLimitationForSuspension(exactlyAMonth, '2026-11-01', '2026-11-20').date).toBe('2026-12-20');
    const aDayShort = disciplineLimitation('other', '2023-12-19');
    expect(extendLimitationForSuspension(aDayShort, '2026-11-01', '2026-11-20').date).toBe('2026-12-20');
  });

  it('does not revive a limitation that had run out before proceedings stopped (not caused by 제73조)', () => {
    const ran = disciplineLimitation('other', '2023-01-05'); // 2026-01-05
    expect(extendLimitationForSuspension(ran, '2026-02-01', '2026-03-01')).toBe(ran);
  });

  it('counts the month by the Civil Act: a notice of 01-31 ends on 02-28 (민법 제157조·제160조)', () => {
    const l = disciplineLimitation('other', '2023-02-01'); // 2026-02-01
    expect(extendLimitationForSuspension(l, '2026-01-02', '2026-01-31').date).toBe('2026-02-28');
  });

  it('refuses an end notice before the start notice', () => {
    expect(() => extendLimitationForSuspension(base, '2026-11-20', '2026-11-10')).toThrow(RangeError);
  });
});

describe('limitation warnings shown on a case', () => {
  const l = { date: '2026-12-31', article: '지방공무원법 제73조의2① (3년)', confidence: 'C*' as const };
  it('warns as the last day nears: running > 90 days, near ≤ 90, imminent ≤ 30, expired after it', () => {
    expect(limitationWarning(l, '2026-08-01').status).toBe('running');
    expect(limitationWarning(l, '2026-10-15')).toMatchObject({ status: 'near', daysLeft: 77 });
    expect(limitationWarning(l, '2026-12-25')).toMatchObject({ status: 'imminent', daysLeft: 6 });
    expect(limitationWarning(l, '2026-12-31')).toMatchObject({ status: 'imminent', daysLeft: 0 });
    expect(limitationWarning(l, '2027-01-01')).toMatchObject({ status: 'expired', daysLeft: -1 });
  });

  it('stops warning once the request was made, or when the approved disposition is not discipline', () => {
    expect(limitationWarning(l, '2027-02-01', { disciplineRequestedOn: '2026-12-20' }).status).toBe('met');
    expect(limitationWarning(l, '2026-12-30', { approvedDisposition: 'caution' }).status).toBe('not-applicable');
    expect(limitationWarning(l, '2026-12-30', { suspended: true }).status).toBe('suspended');
  });
});
