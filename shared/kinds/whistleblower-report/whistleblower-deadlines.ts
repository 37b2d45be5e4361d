/**
 * When a whistleblower report's steps are due. Only two clocks are law for the 구 as 조사기관:
 * the result to 국민권익위원회 within 10 days of the investigation's end (공익신고자 보호법 시행령
 * 제11조②; 부패신고 이첩분 부패방지권익위법 제60조②) and, for 부패신고 이첩분 only, 60 days to finish
 * (제60조①). The Act sets no investigation period for a 공익신고 (docs/legal-basis.md#whistleblower-reports, A) — that
 * default is a setting, labelled as such, never presented as law.
 */
import type { Calendar } from '../../calendar/index.ts';
import type { CaseRecord } from '../../domain/case.ts';
import { computeDue, statutoryPeriod, type PeriodId } from '../../policies/statutory-periods.ts';
import { dueAfterBusinessDays } from '../../policies/task-deadlines.ts';
import type { WhistleblowerRecord } from './whistleblower.ts';

export const WHISTLEBLOWER_DUE_RULES = [
  'whistleblower.investigation',
  'whistleblower.supplement',
  'whistleblower.acrc-report',
] as const;
export type WhistleblowerDueRule = (typeof WHISTLEBLOWER_DUE_RULES)[number];

/** No statutory investigation period for a 공익신고: the office's default (구 규칙 확인 필요). */
export const DEFAULT_INVESTIGATION_BUSINESS_DAYS = 40;

interface Due {
  dueAt: string;
  basis: {
    labelKo: string;
    article?: string;
    confidence?: string;
    source: 'statutory' | 'default' | 'case-limit' | 'case-date';
  };
}
interface DueContext {
  c: CaseRecord & { whistleblower?: WhistleblowerRecord };
  now: string;
  calendar: Calendar;
}

function statutory(id: PeriodId, from: string, calendar: Calendar, startLabel: string): Due {
  const period = statutoryPeriod(id);
  const due = computeDue(id, from, calendar);
  return {
    dueAt: due.dueAt,
    basis: {
      labelKo: `${period.labelKo} (${startLabel} ${from.slice(0, 10)}부터 ${period.amount}일)`,
      article: period.article,
      confidence: period.confidence,
      source: 'statutory',
    },
  };
}

const RULES: Record<WhistleblowerDueRule, (ctx: DueContext) => Due> = {
  'whistleblower.investigation': (ctx) => {
    const r = ctx.c.whistleblower;
    if (r?.variant === 'corruption')
      return statutory('acrc-referral.investigation', ctx.c.receivedAt, ctx.calendar, '이첩받은 날');
    return {
      dueAt: dueAfterBusinessDays(ctx.calendar, ctx.now, DEFAULT_INVESTIGATION_BUSINESS_DAYS),
      basis: {
        labelKo: `공익신고 조사 — 법정 기한 없음, 기본값 ${DEFAULT_INVESTIGATION_BUSINESS_DAYS}근무일 (구 규칙 확인 필요)`,
        confidence: 'C',
        source: 'default',
      },
    };
  },
  'whistleblower.supplement': (ctx) => {
    const open = ctx.c.whistleblower?.supplements.find((s) => s.outcome === undefined);
    const dueOn = open?.dueOn ?? ctx.now.slice(0, 10);
    return {
      dueAt: `${dueOn}T23:59:59+09:00`,
      basis: {
        labelKo: '보완요구에서 정한 보완 기한',
        article: '공익신고자 보호법 시행령 제12조',
        source: 'case-date',
      },
    };
  },
  'whistleblower.acrc-report': (ctx) => {
    const r = ctx.c.whistleblower;
    const ended = r?.investigation?.endedOn ?? r?.screening?.decidedOn ?? ctx.now.slice(0, 10);
    const id: PeriodId = r?.variant === 'corruption' ? 'acrc-referral.result-notice' : 'whistleblower.result-notice';
    return statutory(id, `${ended}T09:00:00+09:00`, ctx.calendar, '조사 종료일');
  },
};

export function whistleblowerTaskDue(rule: WhistleblowerDueRule, ctx: DueContext): Due {
  return RULES[rule](ctx);
}
