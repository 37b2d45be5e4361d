/**
 * 응답소 현장민원 월별 운영실태 분석 as a job: on its monthly run, the month before the run's scheduled
 * time (Korea date) is analysed (field-complaint-analysis.ts: two gsi2 partitions, never a scan) and
 * mailed to the head(s) of office and to each department's contacts — the staff records of that
 * 구 department (staff.department) — once per month and person however often the run is repeated
 * (periodic-head-report.ts, the report-mail ledger). Departments without a contact are named in the
 * head's mail, so a missing record is noticed rather than silently unmailed.
 *
 * Open complaints are judged late as of the run's scheduled time, so a retry of the same run mails
 * the same figures.
 */
import type { StaffMember } from '../domain/staff.ts';
import { koreaDate } from '../domain/korea-time.ts';
import { koreaIso, TO_COMPLETE_KO } from '../kinds/field-complaint/standards.ts';
import type { GroupTrend } from '../kinds/field-complaint/analysis.ts';
import {
  FIELD_MONTHLY_TEMPLATE,
  type FieldMonthlyInput,
  type FieldMonthlyRow,
} from '../mail/field-monthly-analysis.template.ts';
import { monthlyFieldReport, previousMonth } from './field-complaint-analysis.ts';
import type { FieldComplaintRecords } from './field-complaint-import.ts';
import { requireHeadOfOffice } from './head-of-office.ts';
import { type HeadMailResult, mailRecipientsOnce, type PeriodicHeadReportDeps } from './periodic-head-report.ts';

export interface FieldMonthlyMailDeps extends PeriodicHeadReportDeps {
  records: Pick<FieldComplaintRecords, 'month'>;
  /** The staff records of a 구 department (its contacts), active or not. */
  departmentContacts: (department: string) => Promise<StaffMember[]>;
}

export interface FieldMonthlyMailReport extends HeadMailResult {
  month: string;
  received: number;
  departments: number;
  departmentsWithoutContact: string[];
}

/** Some recipient did not get the analysis; running again (same scheduled time) sends it. */
export class FieldMonthlyIncompleteError extends Error {
  override name = 'FieldMonthlyIncompleteError';
}

const row = (g: GroupTrend): FieldMonthlyRow => ({
  key: g.key,
  received: g.received,
  completed: g.completed,
  delayed: g.delayed,
  delayRate: g.delayRate,
  ...(g.delayRateChangePts !== undefined && { delayRateChangePts: g.delayRateChangePts }),
  ...(g.avgHours !== undefined && { avgHours: g.avgHours }),
  ...(g.p90Hours !== undefined && { p90Hours: g.p90Hours }),
  ...(g.avgHoursChange !== undefined && { avgHoursChange: g.avgHoursChange }),
});

export function monthBounds(month: string): { from: string; to: string } {
  const [y, m] = month.split('-').map(Number) as [number, number];
  const last = new Date(Date.UTC(y, m, 0)).getUTCDate();
  return { from: `${month}-01`, to: `${month}-${String(last).padStart(2, '0')}` };
}

export function fieldComplaintMonthlyMail(deps: FieldMonthlyMailDeps) {
  return {
    /** Analyses and mails the month before the run's scheduled time. */
    async run(scheduledTime: Date): Promise<FieldMonthlyMailReport> {
      const month = previousMonth(koreaDate(scheduledTime).slice(0, 7));
      const report = await monthlyFieldReport(deps.records, month, koreaIso(scheduledTime.getTime()));
      const heads = await requireHeadOfOffice(deps.staffDirectory(), 'field-complaint-monthly-analysis');
      const contacts = new Map<string, StaffMember[]>();
      for (const d of report.byDepartment) {
        contacts.set(
          d.key,
          (await deps.departmentContacts(d.key)).filter((m) => m.active),
        );
      }
      const withoutContact = [...contacts].filter(([, list]) => list.length === 0).map(([department]) => department);
      const base: Omit<FieldMonthlyInput, 'recipient'> = {
        template: FIELD_MONTHLY_TEMPLATE,
        month,
        ...monthBounds(month),
        asOf: report.asOf,
        standardsNoteKo: TO_COMPLETE_KO,
        overall: row(report.overall),
        byDepartment: report.byDepartment.map(row),
        byField: report.byField.map(row),
        byItem: report.byItem.map(row),
        ...(report.ranking && {
          ranking: {
            labelKo: report.ranking.labelKo,
            departments: report.ranking.departments.map((d) => ({
              rank: d.rank,
              key: d.key,
              score: d.score,
              ...(d.awardKo !== undefined && { awardKo: d.awardKo }),
            })),
          },
        }),
      };
      const recipients = [
        ...heads.map((m) => ({ sub: m.sub, name: m.name, email: m.email, head: true, department: undefined })),
        ...[...contacts].flatMap(([department, list]) =>
          list.map((m) => ({ sub: m.sub, name: m.name, email: m.email, head: false, department })),
        ),
      ];
      const mailed = await mailRecipientsOnce(deps, {
        report: 'field-monthly',
        period: month,
        recipients,
        input: (r) => ({
          ...base,
          recipient: { name: r.name, email: r.email },
          ...(r.department !== undefined && { ownDepartment: r.department }),
          ...(r.head && withoutContact.length > 0 && { departmentsWithoutContact: withoutContact }),
        }),
        logged: { month, received: report.overall.received, departmentsWithoutContact: withoutContact.length },
        incomplete: (message) => new FieldMonthlyIncompleteError(message),
      });
      return {
        month,
        received: report.overall.received,
        departments: report.byDepartment.length,
        departmentsWithoutContact: withoutContact,
        ...mailed,
      };
    },
  };
}

export type FieldComplaintMonthlyMail = ReturnType<typeof fieldComplaintMonthlyMail>;
