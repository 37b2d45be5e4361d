/** A misconduct investigation on the case page: the notice or origin, the officials, the 징계시효, the disposition and its steps. */
import { dateKo, detailsLines, wonKo, type DetailsLine } from '../../domain/details-view.ts';
import {
  CLOSURE_REASON_LABELS,
  DISPOSITION_LABELS,
  INTERNAL_ORIGIN_LABELS,
  MISCONDUCT_CATEGORY_LABELS,
  SUSPENSION_RULES,
  type Disposition,
  type MisconductRecord,
} from './misconduct.ts';

function dispositionKo(d: Disposition): string {
  const label = DISPOSITION_LABELS[d.type];
  switch (d.type) {
    case 'discipline':
      return `${label} (${d.severity} 의견)`;
    case 'closure':
      return `${label} — ${CLOSURE_REASON_LABELS[d.reasonCode]}${d.reasonText ? `: ${d.reasonText}` : ''}`;
    case 'corrective-action':
      return `${label} — ${d.department}: ${d.order} (이행기한 ${dateKo(d.complianceDueDate)})`;
    default:
      return label;
  }
}

export function misconductView(r: MisconductRecord): DetailsLine[] {
  const { referral, limitation, suspension, progress: p } = r;
  const resolution = p.resolution;
  return detailsLines([
    ['비위 유형', MISCONDUCT_CATEGORY_LABELS[r.category]],
    ['비위 행위일', dateKo(r.conductDate)],
    ['통보 기관', referral && (referral.agencyName ? `${referral.agency} (${referral.agencyName})` : referral.agency)],
    ['통보 종류', referral?.noticeType],
    ['통보 문서', referral && `${referral.noticeNumber} (${dateKo(referral.noticeDate)} 통보)`],
    ['착수 경위', r.origin && INTERNAL_ORIGIN_LABELS[r.origin]],
    ['관련 공무원', r.officials.map((o) => `${o.department} ${o.grade} ${o.name}`).join(', ')],
    [
      '징계시효',
      // The article names the period (e.g. `지방공무원법 제73조의2① (5년) · 제69조의2①`).
      `${dateKo(limitation.date)}까지 (${limitation.article}${limitation.extensions.length > 0 ? `, 연장 ${limitation.extensions.length}회` : ''})`,
    ],
    ['증거', r.evidence.length > 0 ? `${r.evidence.length}건` : undefined],
    [
      '징계절차 정지',
      suspension &&
        `${SUSPENSION_RULES[suspension.reason].labelKo} (${dateKo(suspension.startNoticeReceivedOn)} 개시 통보${suspension.agency ? `, ${suspension.agency}` : ''}; ${suspension.article})`,
    ],
    ['처분안', !r.approved && r.proposal ? `${dispositionKo(r.proposal.disposition)} (결재 전)` : undefined],
    ['처분', r.approved && `${dispositionKo(r.approved.disposition)} (${dateKo(r.approved.approvedAt)} 결재)`],
    [
      '징계의결 요구',
      p.requestSentOn && `${dateKo(p.requestSentOn)}${p.requestDocumentNumber ? ` (${p.requestDocumentNumber})` : ''}`,
    ],
    [
      '징계부가금 요구',
      p.surchargeRequested && p.surchargeBaseAmountWon !== undefined
        ? `기준 금액 ${wonKo(p.surchargeBaseAmountWon)}`
        : undefined,
    ],
    [
      '징계의결',
      resolution &&
        `${resolution.type}${resolution.months !== undefined ? ` ${resolution.months}개월` : ''} (${dateKo(resolution.resolvedOn)} 의결)`,
    ],
    [
      '징계부가금 의결',
      resolution?.surcharge && `${resolution.surcharge.multiple}배, ${wonKo(resolution.surcharge.amountWon)}`,
    ],
    ['훈계·주의 처분일', p.issuedOn && dateKo(p.issuedOn)],
    ['수령 확인일', p.acknowledgedOn && dateKo(p.acknowledgedOn)],
    ['시정 요구일', p.orderSentOn && dateKo(p.orderSentOn)],
    ['시정 이행 확인일', p.correctionConfirmedOn && dateKo(p.correctionConfirmedOn)],
    ['처리결과 회신일', p.resultNoticeSentOn && dateKo(p.resultNoticeSentOn)],
  ]);
}
