/** A citizen-auditor check as Korean lines on the case page (staff only; auditors have their own view). */
import { dateKo, detailsLines, wonKo, type DetailsLine } from '../../domain/details-view.ts';
import { auditorFieldKo } from '../../domain/citizen-auditors.ts';
import { CHECK_ITEMS, CHECK_OUTCOMES, type CitizenCheckRecord } from './citizen-check.ts';

export function citizenCheckView(r: CitizenCheckRecord): DetailsLine[] {
  const nameOf = (sub: string) => r.auditors.find((a) => a.sub === sub)?.name ?? sub;
  return detailsLines([
    ['점검 공사', `${r.project.name} (${r.project.orderingDepartment})`],
    ['계약 금액', r.project.contractAmountWon === undefined ? undefined : wonKo(r.project.contractAmountWon)],
    ['점검일', dateKo(r.checkDate)],
    ['확인 항목', r.items.map((i) => CHECK_ITEMS[i]).join(', ')],
    [
      '구민감사관',
      r.auditors.map((a) => `${a.name}(${auditorFieldKo(a)}${a.cohort ? `, 제${a.cohort}기` : ''})`).join(', '),
    ],
    ['결과 보고 기한', `${dateKo(r.reportDueOn)} (설정값, 구 규칙 확인 필요)`],
    ...r.reports.map(
      (rep) =>
        [
          `점검 결과 — ${nameOf(rep.auditorSub)}`,
          rep.results
            .map((x) => `${CHECK_ITEMS[x.item]}: ${CHECK_OUTCOMES[x.outcome]}${x.note ? ` (${x.note})` : ''}`)
            .join('; '),
        ] as const,
    ),
    ['부서 회신', r.reply && `${dateKo(r.reply.repliedOn)} — ${r.reply.action}`],
  ]);
}
