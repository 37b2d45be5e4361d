/**
 * 적극행정 면책결정 분기 통보 (공공감사법 시행령 제13조의4⑤): on the first day of each quarter, the
 * previous quarter's exemption decisions mailed to the head of office with the last day to tell
 * 감사원 (the quarter's end + 10 days). Reads the kind's index by receipt date (a year back, since a
 * request may be decided long after it came), counts decisions by the day they were taken, and mails
 * each head once per quarter (periodic-head-report.ts), however often the run is repeated.
 */
import type { CaseRecord } from '../domain/case.ts';
import { koreaDate } from '../domain/korea-time.ts';
import { proactiveAdmin } from '../kinds/proactive-admin/index.ts';
import { quarterlyReportDueOn } from '../kinds/proactive-admin/proactive-admin-deadlines.ts';
import { exemptionDecisionsIn } from '../kinds/proactive-admin/proactive-admin-report.ts';
import type { Calendar } from '../calendar/index.ts';
import { EXEMPTION_QUARTERLY_TEMPLATE } from '../mail/exemption-quarterly.template.ts';
import { previousQuarter, type GrievanceQuarterlyDeps } from './grievance-quarterly-analysis.ts';
import { mailHeadsOnce } from './periodic-head-report.ts';

export type ExemptionQuarterlyDeps = GrievanceQuarterlyDeps & { calendar: Calendar };

export interface ExemptionQuarterlyReport {
  quarter: string;
  reportDueOn: string;
  exempted: number;
  notExempted: number;
  sentTo: string[];
  alreadySent: string[];
  failed: { sub: string; retryable: boolean; error: string }[];
}

/** Some head of office did not get the report; running again (same scheduled time) sends it. */
export class ExemptionReportIncompleteError extends Error {
  override name = 'ExemptionReportIncompleteError';
}

const yearBefore = (on: string) => `${Number(on.slice(0, 4)) - 1}${on.slice(4)}`;

export function exemptionQuarterlyReport(deps: ExemptionQuarterlyDeps) {
  return {
    async run(scheduledTime: Date): Promise<ExemptionQuarterlyReport> {
      const quarter = previousQuarter(koreaDate(scheduledTime));
      const cases: CaseRecord[] = [];
      for await (const c of deps.cases.receivedBetween(proactiveAdmin.kind, yearBefore(quarter.from), quarter.to))
        cases.push(c);
      const decisions = exemptionDecisionsIn(cases, quarter.from, quarter.to);
      const reportDueOn = quarterlyReportDueOn(quarter.to, deps.calendar);
      const report: ExemptionQuarterlyReport = {
        quarter: quarter.label,
        reportDueOn,
        exempted: decisions.exempted.length,
        notExempted: decisions.notExempted,
        sentTo: [],
        alreadySent: [],
        failed: [],
      };
      const mailed = await mailHeadsOnce(deps, {
        report: 'exemption-quarterly',
        period: `${quarter.year}-Q${quarter.quarter}`,
        input: (head) => ({
          template: EXEMPTION_QUARTERLY_TEMPLATE,
          recipient: head,
          quarterLabel: quarter.label,
          from: quarter.from,
          to: quarter.to,
          reportDueOn,
          exempted: decisions.exempted.slice(0, 500).map(({ c, decidedOn }) => ({
            case: {
              caseId: c.caseId,
              caseNumber: c.caseNumber,
              title: c.title.slice(0, 200) || c.caseNumber,
              dueDate: reportDueOn,
              sealed: c.sealed,
            },
            decidedOn,
          })),
          notExempted: decisions.notExempted,
        }),
        logged: { quarter: quarter.label, exempted: report.exempted, notExempted: report.notExempted },
        incomplete: (message) => new ExemptionReportIncompleteError(message),
      });
      Object.assign(report, mailed);
      return report;
    },
  };
}

export type ExemptionQuarterlyReportJob = ReturnType<typeof exemptionQuarterlyReport>;
