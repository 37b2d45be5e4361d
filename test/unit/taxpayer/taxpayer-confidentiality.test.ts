/**
 * Tax information stays on the case (지방세기본법 제86조): the kind is always sealed, and none of its
 * decision forms has a field the history export shows as 사유 (shared/domain/timeline.ts reads
 * reasons / reasonLabel / reason / comment from an event's data, and a completed task's event carries
 * the whole form).
 */
import { describe, expect, it } from 'vitest';
import { compulsorySealing } from '#shared/domain/sealing.ts';
import { taxpayerConsultation } from '#shared/kinds/taxpayer-consultation/index.ts';
import { nextTaxpayerStep, openTaxpayerCase } from '#shared/kinds/taxpayer-consultation/taxpayer.ts';

const EXPORTED_AS_REASONS = ['reasons', 'reasonLabel', 'reason', 'comment'];

describe('taxpayer-advocate cases', () => {
  it('are sealed whatever the channel, naming 제86조', () => {
    expect(compulsorySealing('taxpayer-consultation', undefined)).toContain('지방세기본법 제86조');
    expect(compulsorySealing('taxpayer-consultation', '방문')).toContain('지방세기본법 제86조');
  });

  it('have no decision field the history export would show', () => {
    const fields = taxpayerConsultation.decisions.forms.flatMap((f) => Object.keys(f.shape));
    expect(fields).toContain('content');
    expect(fields.filter((k) => EXPORTED_AS_REASONS.includes(k))).toEqual([]);
  });

  it('wait for the tax department while a request is unanswered', () => {
    const r = openTaxpayerCase(
      { variant: 'complaint', taxItem: '재산세', disposition: '부과', matter: '요청' },
      '2026-03-02T10:00:00+09:00',
    );
    expect(r).toMatchObject({ receivedOn: '2026-03-02', dispositionCompleted: true });
    const pending = {
      ...r,
      requests: [{ power: 'correction' as const, content: 'x', requestedOn: '2026-03-03', requestedBy: 's' }],
    };
    expect(nextTaxpayerStep({ assigneeSub: 's', taxpayer: pending })).toBe('department-reply');
    expect(nextTaxpayerStep({ assigneeSub: 's', taxpayer: r })).toBe('review');
  });
});
