/**
 * A grievance on the case page: the complainant as the viewer may see them (the record arrives masked
 * for those who may not see it whole), extensions, field investigations, notices, the answer or the
 * 반복민원 closure. The due date and its explanation have their own box on the page.
 */
import { dateKo, detailsLines, type DetailsLine } from '../../domain/details-view.ts';
import { GRIEVANCE_OUTCOME_LABELS, PROGRESS_NOTICE_KIND_LABELS, type GrievanceRecord } from './grievance.ts';

const MEDIATION_LABELS = {
  'not-required': '민원조정위원회 심의 불요',
  pending: '민원조정위원회 심의 중',
  approved: '민원조정위원회 종결 의결',
} as const;

export function grievanceView(r: GrievanceRecord): DetailsLine[] {
  const c = r.complainant;
  const closure = r.repeatedClosure;
  return detailsLines([
    ['민원인', c && [c.name, c.contact].filter(Boolean).join(' · ')],
    ['민원인 주소', c?.address],
    [
      '다수인관련민원',
      r.multiParty &&
        `연명 ${r.multiParty.signatories}명${r.multiParty.households !== undefined ? `, ${r.multiParty.households}세대` : ''}`,
    ],
    [
      '재제출 민원',
      r.refiled &&
        `감사부서 조사 (${r.refiled.source === 'intake' ? '접수 시' : '분류 시'} 확인${r.refiled.reference ? `, 앞선 민원 ${r.refiled.reference}` : ''})`,
    ],
    ['처리부서', r.handling?.department],
    ...r.extensions.map(
      (e) =>
        [
          `처리기간 연장 ${e.seq}`,
          `${e.days}일 — ${e.reasonKo} (${dateKo(e.previousDueDate)} → ${dateKo(e.dueDate)}${e.consent ? `, 민원인 ${e.consent.given ? '동의' : '부동의'}` : ''})`,
        ] as const,
    ),
    ...r.clockStops.map(
      (s, i) =>
        [
          `현장조사 등 ${i + 1}`,
          `${dateKo(s.from)} ~ ${s.to ? dateKo(s.to) : `진행 중 (최대 ${dateKo(s.limitDate)})`} — ${s.reasonKo}`,
        ] as const,
    ),
    ...r.progressNotices.map(
      (n, i) =>
        [
          `통지 ${i + 1}`,
          `${dateKo(n.sentAt)} ${PROGRESS_NOTICE_KIND_LABELS[n.kind]}, ${n.method}${n.expectedCompletionDate ? ` (완료 예정 ${dateKo(n.expectedCompletionDate)})` : ''}`,
        ] as const,
    ),
    ...r.links.map(
      (l, i) =>
        [
          `동일 민원 ${i + 1}`,
          `${l.caseNumber} (${dateKo(l.receivedAt)} 접수, ${l.answered ? '답변함' : '미답변'})`,
        ] as const,
    ),
    ['감사부서 조사 결과', r.auditInvestigation?.findings],
    [
      '답변',
      r.answer &&
        `${dateKo(r.answer.at)}${r.answer.method ? ` ${r.answer.method}` : ''} 통지${r.answer.onTime ? '' : ' (처리기한 경과)'} — ${r.answer.summary}`,
    ],
    [
      '반복민원 종결',
      closure &&
        `${closure.reasons} (같은 내용 ${closure.identicalFilings}회 제출, 답변 ${closure.answers}회; ${closure.article}) — ${MEDIATION_LABELS[closure.mediation]}`,
    ],
    [
      '민원조정위원회',
      r.lastMediation &&
        `${r.lastMediation.decision === 'approved' ? '종결 의결' : '종결 불가 의결'} (${dateKo(r.lastMediation.at)})${r.lastMediation.reasons ? ` — ${r.lastMediation.reasons}` : ''}`,
    ],
    ['처리 결과', r.outcome && GRIEVANCE_OUTCOME_LABELS[r.outcome]],
  ]);
}
