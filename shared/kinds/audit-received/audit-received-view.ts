/** An audit received on the case page: who audited, the result's receipt and its clocks, the follow-up. */
import { dateKo, detailsLines, type DetailsLine } from '../../domain/details-view.ts';
import { DISPOSITIONS } from '../self-audit/findings.ts';
import { AUDITING_BODIES, type AuditReceivedRecord, DISCIPLINE_RESOLUTIONS } from './audit-received.ts';

export function auditReceivedView(r: AuditReceivedRecord): DetailsLine[] {
  const period =
    r.audit.fieldworkStartOn && r.audit.fieldworkEndOn
      ? `${dateKo(r.audit.fieldworkStartOn)} ~ ${dateKo(r.audit.fieldworkEndOn)}`
      : undefined;
  return detailsLines([
    ['감사기관', r.audit.auditingBodyName ?? AUDITING_BODIES[r.audit.auditingBody]],
    ['감사명', r.audit.auditName],
    ['수감 부서', r.audit.departments.join(', ')],
    ['감사 기간', period],
    ['결과 수령일', r.resultNotice && dateKo(r.resultNotice.notifiedOn)],
    ['재심의 신청 기한', r.resultNotice && dateKo(r.resultNotice.reconsiderationFilingDueOn)],
    ['경고 공개 기한', r.resultNotice?.warningPublicationDueOn && dateKo(r.resultNotice.warningPublicationDueOn)],
    [
      '직권 재심의 가능 기간',
      r.resultNotice?.exOfficioUntilOn && `${dateKo(r.resultNotice.exOfficioUntilOn)}까지 (행정감사규정 제21조)`,
    ],
    [
      '경고 공개',
      r.warningPublication &&
        `${dateKo(r.warningPublication.publishedOn)}${r.warningPublication.onTime ? '' : ' (기한 경과)'}`,
    ],
    ...r.findings.map(
      (f) =>
        [
          `처분요구 ${f.number}`,
          `${DISPOSITIONS[f.disposition].labelKo} — ${f.title}${f.status === 'cancelled' ? ' (재심의 취소)' : ''}${
            f.followUp.result
              ? ` · 이행 ${dateKo(f.followUp.result.completedOn)}`
              : f.followUp.dueOn
                ? ` · 이행 기한 ${dateKo(f.followUp.dueOn)}`
                : ''
          }`,
        ] as const,
    ),
    ...r.reconsiderations.map(
      (x, i) =>
        [
          `재심의 ${i + 1}`,
          `${dateKo(x.filedOn)} 신청 (처분요구 ${x.findingNumbers.join(', ')})${x.late ? ' — 신청 기간 경과' : ''}${x.result ? ` → ${dateKo(x.result.decidedOn)} 결정` : ` · 처리 기한 ${dateKo(x.decisionDueOn)}`}`,
        ] as const,
    ),
    ...(r.exOfficio ?? []).map(
      (x, i) =>
        [
          `직권 재심의 ${i + 1}`,
          `${dateKo(x.decidedOn)} 결정${x.cancelled.length > 0 ? ` · 취소 ${x.cancelled.join(', ')}` : ''}${x.changed.length > 0 ? ` · 변경 ${x.changed.map((y) => `${y.number}→${DISPOSITIONS[y.disposition].labelKo}`).join(', ')}` : ''}`,
        ] as const,
    ),
    ...r.disciplineResolutions.map(
      (x) =>
        [
          `징계 의결 (처분요구 ${x.findingNumber})`,
          `${DISCIPLINE_RESOLUTIONS[x.resolution].labelKo} ${dateKo(x.resolvedOn)}${x.lighter ? ' — 중징계 요구보다 경함' : ''}${x.reportedOn ? ` · 감사기관 통보 ${dateKo(x.reportedOn)}` : ''}${x.executedOn ? ` · 집행 ${dateKo(x.executedOn)}` : ''}`,
        ] as const,
    ),
    ['이행결과 통보', r.followUpReport && dateKo(r.followUpReport.reportedOn)],
  ]);
}
