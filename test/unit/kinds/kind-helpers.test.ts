/** The helpers kind modules share (shared/domain/kind.ts): the errors they answer with, word for word. */
import { describe, expect, it } from 'vitest';
import { CalendarYearNotCoveredError } from '#shared/calendar/calendar-errors.ts';
import { IllegalTransitionError, ValidationError } from '#shared/domain/errors.ts';
import { notForKindError, refuse, settingDue, stepGuard } from '#shared/domain/kind.ts';

describe('kind module helpers', () => {
  it('notForKindError names the section as the field, in English and Korean', () => {
    const error = notForKindError('dailyAudit', 'daily audits', '일상감사', '일상감사');
    expect(error).toBeInstanceOf(ValidationError);
    expect(error.message).toBe('dailyAudit details are only for daily audits');
    expect(error.messageKo).toBe('일상감사 정보는 일상감사에만 입력합니다');
    expect(error).toMatchObject({ field: 'dailyAudit', rule: 'not_for_kind' });
  });

  it('refuse is a validation error on the field and rule it is given', () => {
    expect(refuse('x is late', '늦었습니다', 'x', 'too_late')).toMatchObject({
      message: 'x is late',
      messageKo: '늦었습니다',
      field: 'x',
      rule: 'too_late',
    });
  });

  it('stepGuard passes the step the case stands at and refuses any other, naming the process', () => {
    const expectStep = stepGuard<'review' | 'approval'>('approve', 'review', { en: 'a daily audit', ko: '일상감사' });
    expect(() => expectStep('review')).not.toThrow();
    let thrown: unknown;
    try {
      expectStep('approval');
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(IllegalTransitionError);
    expect(thrown).toMatchObject({
      message: 'approve is not possible at the review step of a daily audit',
      messageKo: '일상감사의 지금 단계(review)에서는 할 수 없는 결정입니다',
      field: 'decision',
      rule: 'not_at_this_step',
    });
  });

  it('settingDue gives the date, none when the holiday data does not cover the year, and rethrows anything else', () => {
    expect(settingDue(() => ({ dueAt: '2026-12-04T18:00:00+09:00' }))).toBe('2026-12-04');
    const uncovered = new CalendarYearNotCoveredError(2031, [2025, 2026, 2027], '2031-01-02');
    expect(
      settingDue(() => {
        throw uncovered;
      }),
    ).toBeUndefined();
    expect(() =>
      settingDue(() => {
        throw new Error('boom');
      }),
    ).toThrow('boom');
  });
});
