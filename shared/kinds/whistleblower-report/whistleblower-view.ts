/**
 * A whistleblower report on the case page: route, variant, protection notices, supplements, screening,
 * investigation, result and the report to 국민권익위원회. The reporter is not on the record (the vault
 * holds them), and this view reads nothing else.
 */
import { dateKo, detailsLines, type DetailsLine } from '../../domain/details-view.ts';
import {
  INTAKE_ROUTE_LABELS,
  SCREENING_GROUNDS,
  VARIANT_LABELS,
  type NOTICE_OCCASIONS,
  type WhistleblowerRecord,
} from './whistleblower.ts';

const OCCASION_LABELS: Record<(typeof NOTICE_OCCASIONS)[number], string> = {
  intake: '접수 시',
  result: '결과 통지 시',
  transfer: '이송 시',
};

const SCREENING_LABELS: Record<NonNullable<WhistleblowerRecord['screening']>['outcome'], string> = {
  investigate: '조사 개시',
  'not-investigate': '조사하지 않음',
  stop: '조사 중단',
  close: '종결',
  transfer: '이송',
};

function screeningKo(s: NonNullable<WhistleblowerRecord['screening']>): string {
  const parts = [
    `${SCREENING_LABELS[s.outcome]}${s.transferTo ? ` (${s.transferTo})` : ''} — ${dateKo(s.decidedOn)}`,
    s.ground && SCREENING_GROUNDS[s.ground],
    s.reason,
    s.notifiedOn && `신고자 통지 ${dateKo(s.notifiedOn)}`,
  ];
  return parts.filter(Boolean).join(', ');
}

export function whistleblowerView(r: WhistleblowerRecord): DetailsLine[] {
  return detailsLines([
    ['신고 구분', VARIANT_LABELS[r.variant]],
    ['접수경로', INTAKE_ROUTE_LABELS[r.route]],
    ['권익위 문서번호', r.acrcReference],
    ['공익침해행위 대상 법률', r.violatedLaw],
    ['피신고자 인적사항', r.reportedPersonRecorded ? '기재됨 (공개 금지, 법 제10조⑤)' : undefined],
    ['구술 신고', r.oral && `${r.oral.writtenBy} 작성, ${dateKo(r.oral.readBackOn)} 읽어 주고 서명 받음`],
    ...r.notices.map(
      (n, i) =>
        [`보호·지원 안내 ${i + 1}`, `${OCCASION_LABELS[n.occasion]} ${dateKo(n.sentOn)} (${n.method})`] as const,
    ),
    ...r.supplements.map(
      (s, i) =>
        [
          `보완요구 ${i + 1}`,
          `${dateKo(s.requestedOn)} ${s.items} (기한 ${dateKo(s.dueOn)})${
            s.outcome === 'answered'
              ? ` — ${s.resolvedOn ? `${dateKo(s.resolvedOn)} ` : ''}보완`
              : s.outcome === 'unanswered'
                ? ' — 불응'
                : ''
          }`,
        ] as const,
    ),
    ['처리 결정', r.screening && screeningKo(r.screening)],
    [
      '조사 결과',
      r.investigation &&
        `${r.investigation.violationFound ? '공익침해행위 확인' : '공익침해행위 확인되지 않음'} (${dateKo(r.investigation.endedOn)} 조사 종료)`,
    ],
    ['조사 내용', r.investigation?.findings],
    ['조치결과 통지', r.result && `${dateKo(r.result.notifiedOn)} — ${r.result.measures}`],
    ['권익위 결과 통보', r.acrcReport && `${dateKo(r.acrcReport.sentOn)} — ${r.acrcReport.summary}`],
  ]);
}
