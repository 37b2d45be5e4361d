/**
 * A petition on the case page: its form, the petitioner(s) as the viewer may see them (masked in the
 * record for those who may not see them whole), screening, disclosure, committee review, decision,
 * notice, extension and objections. The due date has its own box on the page.
 */
import { dateKo, detailsLines, type DetailsLine } from '../../domain/details-view.ts';
import {
  NOT_PROCESSED_GROUND_LABELS,
  OBJECTION_GROUND_LABELS,
  type PetitionPerson,
  type PetitionRecord,
} from './petition.ts';

const personKo = (p: PetitionPerson) => [p.name, p.phone, p.email].filter(Boolean).join(' · ');

function screeningKo(s: NonNullable<PetitionRecord['screening']>): string {
  const notice = s.noticeSentOn ? ` (${dateKo(s.noticeSentOn)} 통지)` : '';
  switch (s.outcome) {
    case 'process':
      return '처리 대상';
    case 'not-process':
      return `처리하지 않음 — ${s.ground ? NOT_PROCESSED_GROUND_LABELS[s.ground] : (s.reason ?? '')}${notice}`;
    case 'duplicate':
      return `반복청원 종결 — 앞선 청원 ${s.duplicateOf ?? ''}${notice}`;
  }
}

export function petitionView(r: PetitionRecord): DetailsLine[] {
  const { disclosure, commentPeriod, committeeReview, decision, extension } = r;
  return detailsLines([
    ['청원 구분', `${r.form === 'joint' ? '공동청원' : '개인청원'}${r.public ? ' · 공개청원' : ''}`],
    ['청원인', personKo(r.petitioner)],
    ['청원인 주소', r.petitioner.address],
    ['대표자', r.representatives.map(personKo).join(', ')],
    ['청원인 수', r.signatories > 1 ? `${r.signatories.toLocaleString('ko-KR')}명` : undefined],
    ['청원 심사', r.screening && screeningKo(r.screening)],
    [
      '공개 여부 심의',
      r.disclosureReview &&
        `${r.disclosureReview.recommendation === 'disclose' ? '공개 적합' : '공개 부적합'} 의결${r.disclosureReview.opinion ? ` — ${r.disclosureReview.opinion}` : ''}`,
    ],
    [
      '공개 여부',
      disclosure &&
        `${disclosure.decision === 'disclose' ? '공개' : '공개 부적합'} (${dateKo(disclosure.decidedOn)} 결정, ${dateKo(disclosure.notifiedOn)} 통지)${disclosure.reason ? ` — ${disclosure.reason}` : ''}`,
    ],
    [
      '국민 의견 수렴',
      commentPeriod &&
        `${dateKo(commentPeriod.start)} ~ ${dateKo(commentPeriod.end)}${commentPeriod.commentCount !== undefined ? `, 의견 ${commentPeriod.commentCount.toLocaleString('ko-KR')}건` : ''}`,
    ],
    [
      '청원심의회 심의',
      committeeReview &&
        `${committeeReview.recommendation === 'accept' ? '채택' : '불채택'} 의결${committeeReview.opinion ? ` — ${committeeReview.opinion}` : ''}`,
    ],
    [
      '처리 결과',
      decision &&
        `${decision.outcome === 'accept' ? '채택' : '불채택'} (${dateKo(decision.decidedOn)}) — ${decision.content}`,
    ],
    ['결과 통지일', r.notice && `${dateKo(r.notice.notifiedOn)}${r.notice.late ? ' (처리기간 경과)' : ''}`],
    [
      '처리기간 연장',
      extension &&
        `${extension.days}일 — ${extension.reason} (${dateKo(extension.previousDueDate)} → ${dateKo(extension.newDueDate)}, ${dateKo(extension.noticeSentOn)} 통지)`,
    ],
    ...r.objections.map(
      (o, i) =>
        [
          `이의신청 ${i + 1}`,
          `${dateKo(o.filedOn)} 접수, ${OBJECTION_GROUND_LABELS[o.ground]} — ${
            o.decision
              ? `${o.decision.outcome === 'upheld' ? '인용' : '기각'} (${dateKo(o.decision.decidedOn)} 결정)`
              : `결정기한 ${dateKo(o.decisionDueDate)}`
          }`,
        ] as const,
    ),
  ]);
}
