/**
 * When a taxpayer-advocate case is due. 지방세기본법 시행령 제51조의2⑤ leaves the processing time
 * to the 구 ordinance, which has not been read: no clock here is law. The default is the 7-day rule
 * of 고충민원 (민원처리법 시행령 제17조) an unread ordinance most likely keeps; both clocks are the
 * office's settings, shown as "구 규칙 확인 필요" (docs/legal-basis.md#settings-to-confirm).
 */
import type { Calendar } from '../../calendar/index.ts';
import type { CaseRecord } from '../../domain/case.ts';
import type { TaskDue } from '../../domain/task.ts';
import { dueAfterBusinessDays } from '../../policies/task-deadlines.ts';
import type { TaxpayerRecord } from './taxpayer.ts';

export const UNCONFIRMED_KO = '구 규칙 확인 필요';

/** The office's settings for the taxpayer advocate (구 규칙 확인 필요: the ordinance's figures are unread). */
export const TAXPAYER_SETTINGS = Object.freeze({
  /** Business days from receipt to the result's notice (default: 고충민원 7일, 민원처리법 시행령 제17조). */
  answerBusinessDays: 7,
  /** Business days the tax department has to reply to the advocate's request. */
  departmentReplyBusinessDays: 7,
});

export const TAXPAYER_DUE_RULES = ['taxpayer.answer', 'taxpayer.department-reply'] as const;
export type TaxpayerDueRule = (typeof TAXPAYER_DUE_RULES)[number];

/** The result's due date: `answerBusinessDays` business days after receipt (the setting). */
export function taxpayerAnswerDue(receivedOn: string, calendar: Calendar): TaskDue {
  const days = TAXPAYER_SETTINGS.answerBusinessDays;
  return {
    dueAt: dueAfterBusinessDays(calendar, `${receivedOn}T09:00:00+09:00`, days),
    basis: {
      labelKo: `납세자보호관 처리기한 — 조례 위임(시행령 제51조의2⑤), 설정값: 접수일 ${receivedOn}부터 ${days}근무일(고충민원 7일 준용) (${UNCONFIRMED_KO})`,
      article: '지방세기본법 시행령 제51조의2⑤',
      confidence: 'G',
      source: 'default',
    },
  };
}

/** The tax department's reply: `departmentReplyBusinessDays` business days after the advocate's request. */
export function taxpayerReplyDue(requestedOn: string, calendar: Calendar): TaskDue {
  const days = TAXPAYER_SETTINGS.departmentReplyBusinessDays;
  return {
    dueAt: dueAfterBusinessDays(calendar, `${requestedOn}T09:00:00+09:00`, days),
    basis: {
      labelKo: `세무부서 회신 — 법정 기한 없음(시행령 제51조의2②), 설정값: 요구일 ${requestedOn}부터 ${days}근무일 (${UNCONFIRMED_KO})`,
      article: '지방세기본법 시행령 제51조의2②',
      confidence: 'G',
      source: 'default',
    },
  };
}

export function taxpayerTaskDue(
  rule: TaxpayerDueRule,
  ctx: { c: CaseRecord & { taxpayer?: TaxpayerRecord }; now: string; calendar: Calendar },
): TaskDue {
  const r = ctx.c.taxpayer;
  if (rule === 'taxpayer.answer') return taxpayerAnswerDue(r?.receivedOn ?? ctx.now.slice(0, 10), ctx.calendar);
  const pending = r?.requests.find((q) => q.reply === undefined);
  return taxpayerReplyDue(pending?.requestedOn ?? ctx.now.slice(0, 10), ctx.calendar);
}
