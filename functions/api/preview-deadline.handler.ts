/**
 * GET /deadlines/preview?kind=grievance&receivedAt=2026-09-22T10:30:00+09:00 — the deadline
 * calculator: the due date of a case kind's statutory period (or `period=<id>`), with its article
 * and the steps that explain it, before anything is registered.
 */
import { KINDS } from '#shared/kinds/registry.ts';
import { ValidationError } from '#shared/domain/errors.ts';
import { apiHandler } from '#shared/http/api-handler.ts';
import { apiRoute } from './routes.ts';
import { DEFAULT_PERIOD_BY_KIND } from '#shared/policies/case-kind-periods.ts';
import { computeDue, statutoryPeriod } from '#shared/policies/statutory-periods.ts';
import { createCalendar } from '#shared/calendar/index.ts';
import { once } from '../wiring/once.ts';

const calendar = once(() => createCalendar());
import { assertReceivedAtUsable } from '#shared/calendar/received-date.ts';
import { deadlinePreviewQuery } from './schemas.ts';

export const handler = apiHandler(apiRoute('preview-deadline'), { query: deadlinePreviewQuery }, async ({ query }) => {
  const periodId = query.period ?? (query.kind ? DEFAULT_PERIOD_BY_KIND[query.kind] : undefined);
  if (!periodId) {
    const label = query.kind ? KINDS.labelOf(query.kind) : '';
    throw new ValidationError(
      query.kind
        ? `Kind ${query.kind} has no statutory period; ask for one with period=<id>`
        : 'Give kind=<case kind> or period=<period id>',
      query.kind
        ? `${label}에는 법정 처리기간이 없습니다. period=<기간 id>로 지정하세요`
        : 'kind 또는 period를 지정하세요',
      { field: query.kind ? 'kind' : 'period', rule: 'no_statutory_period' },
    );
  }
  assertReceivedAtUsable(calendar(), query.receivedAt);
  const result = computeDue(periodId, query.receivedAt, calendar());
  const period = statutoryPeriod(periodId);
  return {
    statusCode: 200,
    body: {
      ...(query.kind && { kind: query.kind }),
      periodId,
      receivedAt: result.receivedAt,
      dueDate: result.dueDate,
      dueAt: result.dueAt,
      rule: { ...result.rule, amount: period.amount, unit: period.unit },
      article: result.rule.article,
      counting: result.counting,
      explanation: result.explanation,
      skipped: result.skipped,
      summary: result.summaryKo,
      summaryEn: result.summaryEn,
    },
  };
});
