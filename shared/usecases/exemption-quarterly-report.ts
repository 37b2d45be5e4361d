/**
 * 적극행정 면책결정 분기 통보 (공공감사법 시행령 제13조의4⑤): on the first day of each quarter, the
 * previous quarter's exemption decisions mailed to the head of office with the last day to tell
 * 감사원 (the quarter's end + 10 days). Reads the kind's index by receipt date (a year back, since a
 * request may be decided long after it came), counts decisions by the day they were taken, and mails
 * each head once per quarter (report-mail-ledger.ts), however often the run is repeated.
 */
import type { CaseRecord } from '../domain/case.ts';
import { koreaDate } from '../domain/korea-time.ts';
import { proactiveAdmin } from '../kinds/proactive-admin/index.ts';
import { quarterlyReportDueOn } from '../kinds/proactive-admin/proactive-admin-deadlines.ts';
import { exemptionDecisionsIn } from '../kinds/proactive-admin/proactive-admin-report.ts';
import type { Calendar } from '../calendar/index.ts';
import { EXEMPTION_QUARTERLY_TEMPLATE } from '../mail/exemption-quarterly.template.ts';
import type { BuiltMail } from '../mail/mail-content.ts';
import { buildMail } from '../mail/mail-message.ts';
import { MailSendError } from '../mail/mailer.ts';
import { previousQuarter, type GrievanceQuarterlyDeps } from './grievance-quarterly-analysis.ts';
import { requireHeadOfOffice } from './head-of-office.ts';

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
  const clock = deps.clock ?? (() => new Date());
  const log = deps.log ?? ((entry) => console.log(JSON.stringify(entry)));
  const leaseMs = deps.leaseMs ?? 5 * 60_000;

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
      const heads = await requireHeadOfOffice(deps.staffDirectory(), 'exemption-quarterly-report');
      for (const head of heads) {
        const claim = await deps.ledger.claim(
          `exemption-quarterly#${quarter.year}-Q${quarter.quarter}#${head.sub}`,
          deps.messageIdDomain,
          clock(),
          leaseMs,
        );
        if (!claim) {
          report.alreadySent.push(head.sub);
          continue;
        }
        const built = buildMail(
          {
            template: EXEMPTION_QUARTERLY_TEMPLATE,
            recipient: { name: head.name, email: head.email },
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
          },
          deps.mail,
        );
        const mail: BuiltMail = { ...built, headers: { ...built.headers, 'Message-ID': claim.messageId } };
        try {
          await deps.mailer.send(mail);
        } catch (error) {
          if (!(error instanceof MailSendError)) throw error;
          await deps.ledger.release(claim);
          report.failed.push({ sub: head.sub, retryable: error.retryable, error: `${error.name}: ${error.message}` });
          continue;
        }
        await deps.ledger.markSent(claim, clock());
        report.sentTo.push(head.sub);
      }
      log({ level: report.failed.length > 0 ? 'error' : 'info', message: 'exemption quarterly report run', ...report });
      if (report.failed.some((f) => f.retryable))
        throw new ExemptionReportIncompleteError(
          `the ${quarter.label} exemption report could not be mailed to ${report.failed.length} recipients; running again sends it`,
        );
      return report;
    },
  };
}

export type ExemptionQuarterlyReportJob = ReturnType<typeof exemptionQuarterlyReport>;
