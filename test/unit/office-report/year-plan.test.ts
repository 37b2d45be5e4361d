/**
 * The year generator's plan (pure): the office's yearly volumes at scale 1, every kind and every
 * outcome at small scales, receipt times inside the window on working hours, and determinism.
 */
import { describe, expect, it } from 'vitest';
import { NOT_GENERATED, planYear, REVIEW_OUTCOMES } from '../../../infra/ops/year-generator.ts';
import { CHANNELS } from '#shared/domain/channels.ts';
import { CASE_KINDS } from '#shared/kinds/registry.ts';

const window = { from: '2026-01-01', to: '2026-11-24' };
const count = (plan: ReturnType<typeof planYear>, predicate: (p: ReturnType<typeof planYear>[number]) => boolean) =>
  plan.filter(predicate).length;

describe('the year plan', () => {
  it('at scale 1 has the office’s 2023 volumes', () => {
    const plan = planYear({ window, scale: 1, seed: 1 });
    expect(count(plan, (p) => p.kind === 'grievance')).toBe(2593);
    expect(count(plan, (p) => p.kind === 'grievance' && p.channel === '응답소')).toBe(578);
    expect(count(plan, (p) => p.kind === 'grievance' && p.channel === '구청장에게 바란다')).toBe(1273);
    expect(count(plan, (p) => p.kind === 'grievance' && (p.channel === '전화' || p.channel === '방문'))).toBe(720);
    expect(count(plan, (p) => p.kind === 'external-referral')).toBe(33);
    expect(count(plan, (p) => p.kind === 'internal-investigation')).toBe(26);
    expect(count(plan, (p) => p.kind === 'property-review')).toBe(3);
    expect(count(plan, (p) => p.kind === 'disclosure-refusal')).toBe(45);
    expect(count(plan, (p) => p.kind === 'daily-audit')).toBe(456);
    expect(count(plan, (p) => p.kind === 'contract-review')).toBe(893);
    expect(count(plan, (p) => p.kind === 'whistleblower-report')).toBe(10);
    expect(count(plan, (p) => p.kind === 'taxpayer-consultation')).toBe(81);
    expect(count(plan, (p) => p.kind === 'citizen-check')).toBe(46);
    // 2023 referrals: 징계·불문경고 6, 훈계·주의 2, 내부종결·시정조치 18, 진행 7
    const referral = plan
      .filter((p) => p.kind === 'external-referral' && p.plan.track === 'misconduct')
      .map((p) => (p.plan.track === 'misconduct' ? p.plan.outcome.type : ''));
    expect(referral.filter((t) => t === 'discipline').length).toBe(6);
    expect(referral.filter((t) => t === 'admonition' || t === 'caution').length).toBe(2);
    expect(referral.filter((t) => t === 'closure' || t === 'corrective-action').length).toBe(18);
    expect(referral.filter((t) => t.startsWith('open') || t === 'suspended').length).toBe(7);
  });

  it('at a small scale still has every kind, every channel and every outcome', () => {
    const plan = planYear({ window, scale: 0.01, seed: 7 });
    expect(plan.length).toBeGreaterThanOrEqual(60);
    expect(plan.length).toBeLessThanOrEqual(160);
    expect(new Set(plan.map((p) => p.kind))).toEqual(new Set(CASE_KINDS.filter((k) => !NOT_GENERATED.includes(k))));
    expect(new Set(plan.filter((p) => p.kind === 'grievance').map((p) => p.channel))).toEqual(new Set(CHANNELS));
    expect(new Set(plan.flatMap((p) => (p.plan.track === 'review' ? [p.plan.outcome] : [])))).toEqual(
      new Set(REVIEW_OUTCOMES),
    );
    for (const kind of ['external-referral', 'internal-investigation']) {
      const types = new Set(
        plan.filter((p) => p.kind === kind).map((p) => (p.plan.track === 'misconduct' ? p.plan.outcome.type : '')),
      );
      expect(types).toEqual(
        new Set([
          'discipline',
          'admonition',
          'caution',
          'closure',
          'corrective-action',
          'open-investigation',
          'open-review',
          'suspended',
        ]),
      );
    }
  });

  it('dates every receipt inside the window, in office hours (Korea time), the same for the same seed', () => {
    const plan = planYear({ window, scale: 0.05, seed: 3 });
    for (const p of plan) {
      expect(p.receivedAt).toMatch(/^\d{4}-\d{2}-\d{2}T(09|1[0-7]):\d{2}:00\+09:00$/);
      expect(p.receivedAt.slice(0, 10) >= window.from && p.receivedAt.slice(0, 10) <= window.to).toBe(true);
    }
    expect(planYear({ window, scale: 0.05, seed: 3 })).toEqual(plan);
    expect(planYear({ window, scale: 0.05, seed: 4 })).not.toEqual(plan);
  });
});
