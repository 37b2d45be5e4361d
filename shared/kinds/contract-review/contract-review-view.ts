/** A contract cost review on the case page: the project, amounts, saving, adjustments, supplements, notice, application. */
import { dateKo, detailsLines, wonKo, type DetailsLine } from '../../domain/details-view.ts';
import { requesterKo } from '../daily-audit/requester.ts';
import type { ContractReviewRecord } from './contract-review.ts';
import { CONTRACT_CATEGORIES } from './contract-review-settings.ts';

export function contractReviewView(r: ContractReviewRecord): DetailsLine[] {
  return detailsLines([
    ['사업명', r.projectName],
    ['구분', CONTRACT_CATEGORIES[r.category].labelKo],
    ['설계금액', wonKo(r.designAmountWon)],
    [
      '심사 대상 기준',
      `${wonKo(r.threshold.amountWon)} 이상 — ${r.threshold.reached ? '해당' : '미만'} (${r.threshold.sourceKo})`,
    ],
    ['의뢰일', dateKo(r.requestedOn)],
    ['요청자', r.requester && requesterKo(r.requester)],
    ...r.supplements.map(
      (s, i) =>
        [
          `보완요구 ${i + 1}`,
          `${dateKo(s.requestedOn)} ${s.items} — ${s.receivedOn ? `${dateKo(s.receivedOn)} 접수` : '접수 대기 (처리기간 정지)'}`,
        ] as const,
    ),
    ...r.interimReplies.map(
      (x, i) => [`중간회신 ${i + 1}`, `${dateKo(x.sentOn)} ${x.reason} (완료 예정 ${dateKo(x.expectedOn)})`] as const,
    ),
    ['심사금액', r.result && wonKo(r.result.reviewedAmountWon)],
    ['절감액', r.result && `${wonKo(r.result.savingWon)} (${r.result.savingRate}%)`],
    [
      '조정 내역',
      r.result?.adjustments.map((a) => `${a.reason} ${wonKo(a.amountWon)}${a.note ? ` (${a.note})` : ''}`).join(', '),
    ],
    ['심사의견', r.result?.opinion],
    ...r.returns.map((x, i) => [`반려 ${i + 1}`, `${dateKo(x.returnedOn)} — ${x.reasons}`] as const),
    ['통보일', r.notice && dateKo(r.notice.notifiedOn)],
    [
      '반영 여부',
      r.applied &&
        `${r.applied.applied ? '반영' : '미반영'} (${dateKo(r.applied.confirmedOn)} 확인${r.applied.contractAmountWon !== undefined ? `, 계약금액 ${wonKo(r.applied.contractAmountWon)}` : ''}${r.applied.note ? `, ${r.applied.note}` : ''})`,
    ],
    [
      '처리기한',
      r.due.dueDate && `${dateKo(r.due.dueDate)}${r.due.stoppedDays > 0 ? ` (정지 ${r.due.stoppedDays}일 반영)` : ''}`,
    ],
  ]);
}
