/**
 * 분기별 고충민원 처리실태 분석 (issue 6): on the first day of each quarter, the previous quarter's
 * grievances — counted by channel and by department, the on-time rate, the overdue list — mailed to
 * the head of office as one Korean mail. Reads the grievance kind index between the quarter's
 * receipt dates (gsi2), never the table; mails each head once per quarter (report-mail-ledger.ts),
 * however often the run is repeated.
 *
 * Definitions (as the office counts by hand): a case counts in the quarter it was received;
 * "closed on time" = closed (Korea date) on or before its processing deadline; the on-time rate is
 * over the cases with a deadline closed by the quarter's end; "overdue" = a case with a deadline
 * closed after it, or still open after it at the quarter's end.
 */
import type { CaseRecord } from '../domain/case.ts';
import { grievance } from '../kinds/grievance/index.ts';
import { koreaDate } from '../domain/korea-time.ts';
import { GRIEVANCE_QUARTERLY_TEMPLATE, type GrievanceQuarterlyInput } from '../mail/grievance-quarterly.template.ts';
import type { BuiltMail, MailBuildOptions } from '../mail/mail-content.ts';
import { buildMail } from '../mail/mail-message.ts';
import { MailSendError, type Mailer } from '../mail/mailer.ts';
import type { CaseRepository, ReportMailLedger } from './ports.ts';
import type { StaffDirectory } from './ports.ts';
import { requireHeadOfOffice } from './head-of-office.ts';

export interface Quarter {
  year: number;
  /** 1–4 */
  quarter: number;
  from: string;
  to: string;
  label: string;
}

/** The calendar quarter before the one `runDate` (Korea date) falls in. */
export function previousQuarter(runDate: string): Quarter {
  const [year, month] = runDate.split('-').map(Number) as [number, number];
  const current = Math.floor((month - 1) / 3);
  const q = current === 0 ? 3 : current - 1;
  const y = current === 0 ? year - 1 : year;
  const firstMonth = q * 3 + 1;
  const lastDay = new Date(Date.UTC(y, firstMonth + 2, 0)).getUTCDate();
  const pad = (n: number) => String(n).padStart(2, '0');
  return {
    year: y,
    quarter: q + 1,
    from: `${y}-${pad(firstMonth)}-01`,
    to: `${y}-${pad(firstMonth + 2)}-${pad(lastDay)}`,
    label: `${y}년 ${q + 1}분기`,
  };
}

export type GrievanceAnalysis = Omit<GrievanceQuarterlyInput, 'template' | 'recipient'>;

const UNKNOWN_CHANNEL = '경로 미기재';
const UNKNOWN_DEPARTMENT = '부서 미지정';

function countBy(cases: readonly CaseRecord[], labelOf: (c: CaseRecord) => string): { label: string; count: number }[] {
  const counts = new Map<string, number>();
  for (const c of cases) counts.set(labelOf(c), (counts.get(labelOf(c)) ?? 0) + 1);
  return [...counts]
    .map(([label, count]) => ({ label, count }))
    .sort((a, b) => b.count - a.count || a.label.localeCompare(b.label, 'ko'));
}

/** The quarter's figures from the grievances received in it (pure; the use case reads them). */
export function analyseGrievances(cases: readonly CaseRecord[], quarter: Quarter): GrievanceAnalysis {
  const closedOn = (c: CaseRecord) => (c.closedAt === undefined ? undefined : koreaDate(new Date(c.closedAt)));
  const closedByEnd = (c: CaseRecord) => {
    const on = closedOn(c);
    return on !== undefined && on <= quarter.to;
  };
  const withDeadlineClosed = cases.filter((c) => c.dueDate !== undefined && closedByEnd(c));
  const overdue = cases
    .filter((c) => c.dueDate !== undefined && (closedByEnd(c) ? closedOn(c)! > c.dueDate : c.dueDate < quarter.to))
    .sort((a, b) => a.dueDate!.localeCompare(b.dueDate!) || a.caseNumber.localeCompare(b.caseNumber));
  return {
    quarterLabel: quarter.label,
    from: quarter.from,
    to: quarter.to,
    received: cases.length,
    byChannel: countBy(cases, (c) => c.channel ?? UNKNOWN_CHANNEL),
    byDepartment: countBy(cases, (c) => c.department?.trim() || UNKNOWN_DEPARTMENT),
    closedWithDeadline: withDeadlineClosed.length,
    closedOnTime: withDeadlineClosed.filter((c) => closedOn(c)! <= c.dueDate!).length,
    overdue: overdue.slice(0, 500).map((c) => ({
      case: {
        caseId: c.caseId,
        caseNumber: c.caseNumber,
        title: c.title.slice(0, 200) || c.caseNumber,
        dueDate: c.dueDate!,
        sealed: c.sealed,
      },
      open: !closedByEnd(c),
    })),
  };
}

export interface GrievanceQuarterlyDeps {
  cases: Pick<CaseRepository, 'receivedBetween'>;
  ledger: Pick<ReportMailLedger, 'claim' | 'markSent' | 'release'>;
  staffDirectory: () => StaffDirectory;
  mailer: Pick<Mailer, 'send'>;
  mail: MailBuildOptions;
  messageIdDomain: string;
  clock?: () => Date;
  /** @default 5 minutes */
  leaseMs?: number;
  log?: (entry: Record<string, unknown>) => void;
}

export interface GrievanceQuarterlyReport {
  quarter: string;
  received: number;
  overdue: number;
  sentTo: string[];
  alreadySent: string[];
  failed: { sub: string; retryable: boolean; error: string }[];
}

/** Some head of office did not get the report; running again (same scheduled time) sends it. */
export class GrievanceReportIncompleteError extends Error {
  override name = 'GrievanceReportIncompleteError';
}

export function grievanceQuarterlyAnalysis(deps: GrievanceQuarterlyDeps) {
  const clock = deps.clock ?? (() => new Date());
  const log = deps.log ?? ((entry) => console.log(JSON.stringify(entry)));
  const leaseMs = deps.leaseMs ?? 5 * 60_000;

  return {
    /** Builds and mails the report on the quarter before the run's scheduled time. */
    async run(scheduledTime: Date): Promise<GrievanceQuarterlyReport> {
      const quarter = previousQuarter(koreaDate(scheduledTime));
      const cases: CaseRecord[] = [];
      for await (const c of deps.cases.receivedBetween(grievance.kind, quarter.from, quarter.to)) cases.push(c);
      const analysis = analyseGrievances(cases, quarter);
      const report: GrievanceQuarterlyReport = {
        quarter: quarter.label,
        received: analysis.received,
        overdue: analysis.overdue.length,
        sentTo: [],
        alreadySent: [],
        failed: [],
      };

      const heads = await requireHeadOfOffice(deps.staffDirectory(), 'grievance-quarterly-analysis');
      for (const head of heads) {
        const claim = await deps.ledger.claim(
          `grievance-quarterly#${quarter.year}-Q${quarter.quarter}#${head.sub}`,
          deps.messageIdDomain,
          clock(),
          leaseMs,
        );
        if (!claim) {
          report.alreadySent.push(head.sub);
          continue;
        }
        const built = buildMail(
          { template: GRIEVANCE_QUARTERLY_TEMPLATE, recipient: { name: head.name, email: head.email }, ...analysis },
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
      log({
        level: report.failed.length > 0 ? 'error' : 'info',
        message: 'grievance quarterly analysis run',
        ...report,
      });
      if (report.failed.some((f) => f.retryable))
        throw new GrievanceReportIncompleteError(
          `the ${quarter.label} grievance analysis could not be mailed to ${report.failed.length} recipients; running again sends it`,
        );
      return report;
    },
  };
}

export type GrievanceQuarterlyAnalysis = ReturnType<typeof grievanceQuarterlyAnalysis>;
