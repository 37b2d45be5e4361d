/**
 * A self-audit on the case page: the plan item and where the audit stands (notice, fieldwork, result,
 * its notices, reconsiderations, disclosure). The findings have their own routes: here a count by
 * disposition and the amounts.
 */
import { dateKo, detailsLines, wonKo, type DetailsLine } from '../../domain/details-view.ts';
import { DISPOSITION_KEYS, DISPOSITIONS, type Finding } from './findings.ts';
import { AUDIT_KINDS, RECONSIDERATION_OUTCOMES, type SelfAuditRecord } from './self-audit.ts';

const DISCLOSURE_LABELS = { public: '공개', partial: '부분 공개', withheld: '비공개' } as const;

function findingsKo(findings: readonly Finding[]): string | undefined {
  if (findings.length === 0) return undefined;
  const active = findings.filter((f) => f.status === 'active');
  const byDisposition = DISPOSITION_KEYS.flatMap((d) => {
    const n = active.filter((f) => f.disposition === d).length;
    return n > 0 ? [`${DISPOSITIONS[d].labelKo} ${n}건`] : [];
  });
  const cancelled = findings.length - active.length;
  return [`${active.length}건`, byDisposition.join(', '), cancelled > 0 ? `재심의 취소 ${cancelled}건` : '']
    .filter(Boolean)
    .join(' — ');
}

const sumWon = (findings: readonly Finding[], of: (f: Finding) => number | undefined) => {
  const amounts = findings.filter((f) => f.status === 'active').flatMap((f) => of(f) ?? []);
  return amounts.length > 0 ? wonKo(amounts.reduce((a, b) => a + b, 0)) : undefined;
};

export function selfAuditView(r: SelfAuditRecord): DetailsLine[] {
  const { plan, notice, fieldwork, resultNotice, upward, disclosure } = r;
  const upwardSent = upward && [
    upward.seoulOn && `서울시 ${dateKo(upward.seoulOn)}`,
    upward.moisOn && `행정안전부 ${dateKo(upward.moisOn)}`,
    upward.baiOn && `감사원 ${dateKo(upward.baiOn)}`,
  ];
  return detailsLines([
    ['감사계획', `${plan.planYear}년${plan.outsidePlan ? ' (연간 계획 외)' : ''}`],
    ['감사사항', plan.item],
    ['감사 종류', AUDIT_KINDS[plan.auditKind]],
    ['감사 목적', plan.purpose],
    ['대상 부서', plan.targetDepartments.join(', ')],
    ['감사 범위', plan.scope],
    ['감사 기간', `${dateKo(plan.startOn)} ~ ${dateKo(plan.endOn)}`],
    ['감사 인원', `${plan.staffSubs.length}명`],
    [
      '감사계획 통보',
      notice
        ? notice.notifiedOn
          ? `${dateKo(notice.notifiedOn)}${notice.late ? ' (기한 경과)' : ''}`
          : `생략 — ${notice.skippedReason ?? ''}`
        : `기한 ${dateKo(r.noticeDueOn)}${r.noticeHolidayWarningKo ? ` (${r.noticeHolidayWarningKo})` : ''}`,
    ],
    [
      '실지감사',
      fieldwork && `${dateKo(fieldwork.startedOn)} ~ ${dateKo(fieldwork.endedOn)} (${fieldwork.members.length}명)`,
    ],
    ['감사결과 기한', fieldwork && `${dateKo(fieldwork.resultDueOn)} (공공감사법 제23조①)`],
    ['감사결과', r.result && `${dateKo(r.result.proposedOn)} 작성 — ${r.result.summary}`],
    ...r.returns.map((x, i) => [`반려 ${i + 1}`, `${dateKo(x.returnedOn)} — ${x.reasons}`] as const),
    [
      '결과 통보',
      resultNotice &&
        `${dateKo(resultNotice.notifiedOn)}${resultNotice.onTime ? '' : ' (기한 경과)'}, 재심의 신청기한 ${dateKo(resultNotice.reconsiderationFilingDueOn)}`,
    ],
    ['상급기관 통보', upwardSent?.filter(Boolean).join(', ')],
    ...r.reconsiderations.map(
      (x, i) =>
        [
          `재심의 ${i + 1}`,
          `${dateKo(x.receivedOn)} 접수${x.late ? ' (신청기간 경과)' : ''}, 지적사항 ${x.findingNumbers.join('·')} — ${
            x.decision
              ? `${RECONSIDERATION_OUTCOMES[x.decision.outcome]} (${dateKo(x.decision.decidedOn)} 결정)`
              : `결정기한 ${dateKo(x.decisionDueOn)}`
          }`,
        ] as const,
    ),
    [
      '결과 공개',
      disclosure &&
        `${DISCLOSURE_LABELS[disclosure.decision]} (${dateKo(disclosure.decidedOn)})${
          disclosure.grounds.length > 0
            ? ` — 정보공개법 제9조① ${disclosure.grounds.map((g) => `제${g}호`).join('·')}`
            : ''
        }`,
    ],
    ['지적사항', findingsKo(r.findings)],
    ['회수 대상 금액', sumWon(r.findings, (f) => f.recoverWon)],
    ['절감액', sumWon(r.findings, (f) => f.savedWon)],
    ['이행결과 상급기관 통보', r.followUpReport && dateKo(r.followUpReport.reportedOn)],
    ['종결', r.closure && `${dateKo(r.closure.closedOn)}${r.closure.comment ? ` — ${r.closure.comment}` : ''}`],
  ]);
}
