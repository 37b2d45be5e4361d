/** A daily audit on the case page: the request, the on-site checks, the opinion, its notice, the action. */
import { dateKo, detailsLines, wonKo, type DetailsLine } from '../../domain/details-view.ts';
import { DAILY_AUDIT_CATEGORIES, type DailyAuditRecord } from './daily-audit.ts';
import { requesterKo } from './requester.ts';

export function dailyAuditView(r: DailyAuditRecord): DetailsLine[] {
  const category = DAILY_AUDIT_CATEGORIES[r.category];
  return detailsLines([
    ['대상 구분', `${category.labelKo} (${category.article})`],
    ['의뢰일', dateKo(r.requestedOn)],
    ['요청자', r.requester && requesterKo(r.requester)],
    ['금액', r.amountWon !== undefined ? wonKo(r.amountWon) : undefined],
    ['계약방법', r.contractMethod],
    ...r.onSiteChecks.map((c, i) => [`실지감사 ${i + 1}`, `${dateKo(c.checkedOn)} ${c.place} — ${c.note}`] as const),
    ['감사의견', r.opinion && `${r.opinion.result} — ${r.opinion.content} (${dateKo(r.opinion.proposedOn)})`],
    ['절감액', r.opinion?.savingWon !== undefined ? wonKo(r.opinion.savingWon) : undefined],
    ...r.returns.map((x, i) => [`반려 ${i + 1}`, `${dateKo(x.returnedOn)} — ${x.reasons}`] as const),
    ['통보일', r.notice && dateKo(r.notice.notifiedOn)],
    [
      '조치결과',
      r.action &&
        `${r.action.action} (결과 통보 ${dateKo(r.action.resultNotifiedOn)}, 결재권자 보고 ${dateKo(r.action.reportedToApproverOn)})`,
    ],
  ]);
}
