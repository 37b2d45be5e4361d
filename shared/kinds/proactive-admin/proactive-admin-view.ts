/**
 * A proactive-administration case on the case page: the exemption request or pre-consultation, the
 * committee's advice, the requirements as checked, the head's decision, the notices and what followed.
 */
import { dateKo, detailsLines, type DetailsLine } from '../../domain/details-view.ts';
import { requesterKo } from '../daily-audit/requester.ts';
import { EXEMPTION_APPLICANTS, PROACTIVE_ADMIN_TRACKS, type ProactiveAdminRecord } from './proactive-admin.ts';

type ExemptionProposal = Extract<NonNullable<ProactiveAdminRecord['proposal']>, { type: 'exemption' }>;

/** The requirements of 공공감사법 시행령 제13조의3, as the reviewer checked them (○ met, × not). */
function requirementsKo(p: ExemptionProposal): string {
  const checks = [
    ['공익 목적', p.publicInterest],
    ['적극적 처리', p.activeHandling],
    ['고의·중과실 없음', p.noIntentOrGrossNegligence],
    ['사적 이해관계 없음', p.noPrivateInterest],
    ['중대한 절차 하자 없음', p.noGraveProceduralDefect],
  ] as const;
  return checks.map(([label, met]) => `${label} ${met ? '○' : '×'}`).join(', ');
}

export function proactiveAdminView(r: ProactiveAdminRecord): DetailsLine[] {
  const track = PROACTIVE_ADMIN_TRACKS[r.track];
  const { committee, proposal, decision, notice, outcome } = r;
  const exemption = proposal?.type === 'exemption' ? proposal : undefined;
  const opinion = proposal?.type === 'opinion' ? proposal : undefined;
  return detailsLines([
    ['구분', `${track.labelKo} (${track.article})`],
    ['신청·요청일', dateKo(r.requestedOn)],
    ['요청자', r.requester && requesterKo(r.requester)],
    ['사안', r.matter],
    ['관련 법령', r.lawsConcerned.join(', ')],
    ['자체감사 사건번호', r.auditCaseNumber],
    ['자체감사 종료일', r.auditEndedOn && dateKo(r.auditEndedOn)],
    ['신청인', r.applicant && EXEMPTION_APPLICANTS[r.applicant]],
    ['제공 자료', r.informationProvided.length > 0 ? r.informationProvided.join(', ') : undefined],
    ['사적 이해관계', r.privateInterest === undefined ? undefined : r.privateInterest ? '있음' : '없음'],
    ['적극행정위원회 회부', committee && `${dateKo(committee.referredOn)} — ${committee.reason}`],
    ['위원장 의견 요구', committee?.chairRequestedOn && dateKo(committee.chairRequestedOn)],
    [
      '위원회 회신기한',
      committee?.replyDueOn &&
        `${dateKo(committee.replyDueOn)}${committee.extension ? ` (${dateKo(committee.extension.extendedOn)} 연장: ${committee.extension.reason})` : ''}`,
    ],
    [
      '위원회 자문',
      committee?.advice &&
        `${committee.advice.advice} (${dateKo(committee.advice.advisedOn)}${committee.advice.late ? ', 회신기한 경과' : ''})`,
    ],
    [
      '면책 검토',
      exemption &&
        `${exemption.result === 'exempt' ? '면책' : '면책 불인정'}${exemption.presumed ? ' (요건 추정)' : ''} — ${exemption.reasons}`,
    ],
    ['면책 요건', exemption && requirementsKo(exemption)],
    ['사전컨설팅 의견', opinion?.opinion],
    [
      '정보 충분성',
      opinion &&
        `${opinion.informationSufficient ? '충분' : '부족'} — 면책 추정 ${opinion.presumptionApplies ? '적용' : '적용 안 됨'}`,
    ],
    ...r.returns.map((x, i) => [`반려 ${i + 1}`, `${dateKo(x.returnedOn)} — ${x.reasons}`] as const),
    ['결재일', decision && dateKo(decision.decidedOn)],
    ['감사원 보고기한', decision?.baiReportDueOn && dateKo(decision.baiReportDueOn)],
    [
      '통보',
      notice &&
        `대상 부서 ${dateKo(notice.targetNotifiedOn)}${notice.applicantNotifiedOn ? `, 신청인 ${dateKo(notice.applicantNotifiedOn)}` : ''}`,
    ],
    [
      '이후 처리 결과',
      outcome &&
        `${outcome.actedAsAdvised ? '의견대로 처리' : '의견과 달리 처리'} — ${outcome.outcome} (${dateKo(outcome.recordedOn)})`,
    ],
  ]);
}
