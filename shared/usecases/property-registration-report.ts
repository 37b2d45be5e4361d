/**
 * 재산등록 현황 보고 (공직자윤리법 시행령 제8조, 제36조②): on the first day of each quarter, the head of
 * office is mailed the registration status up to the quarter just ended — registrants of the year's
 * campaigns by state and registration type, 고지거부 cases received and decided — with the day it is
 * due at the government ethics committee (the quarter's end + 10 days); the January run adds the past
 * year's operating data for the yearly report, due 31 March. Counts only, never a registrant (법
 * 제14조). Each head is mailed once per quarter however often the run repeats (periodic-head-report.ts).
 */
import type { Calendar } from '../calendar/index.ts';
import type { CaseRecord } from '../domain/case.ts';
import { koreaDate } from '../domain/korea-time.ts';
import { DISCLOSURE_REFUSAL_KIND } from '../kinds/disclosure-refusal/disclosure-refusal.ts';
import type { RefusalRecord } from '../kinds/disclosure-refusal/refusal-case.ts';
import { PROPERTY_REVIEW_KIND, type CampaignRecord } from '../kinds/property-review/campaign.ts';
import {
  quarterlyStatusReportDueOn,
  REGISTRATION_TYPES,
  yearlyDataReportDueOn,
  type RegistrationType,
} from '../kinds/property-review/property-review-deadlines.ts';
import { REGISTRANT_STATES, type RegistrantState } from '../kinds/property-review/registrants.ts';
import { PERIODIC_REPORT_TEMPLATE } from '../mail/periodic-report.template.ts';
import { previousQuarter, type GrievanceQuarterlyDeps } from './grievance-quarterly-analysis.ts';
import { mailHeadsOnce, type HeadMailResult } from './periodic-head-report.ts';

export type PropertyRegistrationReportDeps = GrievanceQuarterlyDeps & { calendar: Calendar };

export interface PropertyRegistrationFigures {
  campaigns: number;
  resolved: number;
  registrants: Record<RegistrantState | 'total', number>;
  byType: Record<RegistrationType, number>;
  refusals: { received: number; permitted: number; refused: number };
}

export interface PropertyRegistrationReport extends HeadMailResult {
  quarter: string;
  statusDueOn: string;
  yearlyDueOn?: string;
  figures: PropertyRegistrationFigures;
}

/** The figures of the campaigns and 고지거부 cases given (pure). */
export function propertyRegistrationFigures(
  campaigns: readonly (CaseRecord & { propertyReview?: CampaignRecord })[],
  refusals: readonly (CaseRecord & { disclosureRefusal?: RefusalRecord })[],
): PropertyRegistrationFigures {
  const registrants = {
    'awaiting-filing': 0,
    received: 0,
    'under-review': 0,
    'supplement-ordered': 0,
    done: 0,
    total: 0,
  };
  const byType: Record<RegistrationType, number> = { initial: 0, yearly: 0, retirement: 0 };
  let counted = 0;
  let resolved = 0;
  for (const c of campaigns) {
    const r = c.propertyReview;
    if (!r) continue;
    counted += 1;
    if (r.resolvedOn) resolved += 1;
    byType[r.registrationType] += r.tally.total;
    for (const k of Object.keys(registrants) as (keyof typeof registrants)[]) registrants[k] += r.tally[k];
  }
  const decisions = refusals.flatMap((c) => c.disclosureRefusal?.applications ?? []).map((a) => a.decision);
  return {
    campaigns: counted,
    resolved,
    registrants,
    byType,
    refusals: {
      received: refusals.length,
      permitted: decisions.filter((d) => d?.permitted === true).length,
      refused: decisions.filter((d) => d?.permitted === false).length,
    },
  };
}

const linesOf = (f: PropertyRegistrationFigures) => [
  { labelKo: '재산등록 의무자 (심사 대상)', value: f.registrants.total },
  ...(Object.entries(REGISTRANT_STATES) as [RegistrantState, string][]).map(([k, labelKo]) => ({
    labelKo: `— ${labelKo}`,
    value: f.registrants[k],
  })),
  ...(Object.entries(REGISTRATION_TYPES) as [RegistrationType, { labelKo: string }][]).map(([k, t]) => ({
    labelKo: `신고 유형: ${t.labelKo}`,
    value: f.byType[k],
  })),
  { labelKo: '고지거부 심사 접수', value: f.refusals.received },
  { labelKo: '고지거부 허가', value: f.refusals.permitted },
  { labelKo: '고지거부 불허가', value: f.refusals.refused },
];

export function propertyRegistrationReport(deps: PropertyRegistrationReportDeps) {
  return {
    async run(scheduledTime: Date): Promise<PropertyRegistrationReport> {
      const quarter = previousQuarter(koreaDate(scheduledTime));
      const yearStart = `${quarter.year}-01-01`;
      const campaigns: CaseRecord[] = [];
      for await (const c of deps.cases.receivedBetween(PROPERTY_REVIEW_KIND, yearStart, quarter.to)) campaigns.push(c);
      const refusals: CaseRecord[] = [];
      for await (const c of deps.cases.receivedBetween(DISCLOSURE_REFUSAL_KIND, yearStart, quarter.to))
        refusals.push(c);
      const figures = propertyRegistrationFigures(campaigns, refusals);
      const statusDueOn = quarterlyStatusReportDueOn(quarter.to, deps.calendar);
      const yearlyDueOn = quarter.quarter === 4 ? yearlyDataReportDueOn(quarter.year) : undefined;
      const sections = [
        {
          headingKo: `${quarter.label}까지 재산등록 현황 (${quarter.year}년 누계)`,
          dueKo: '정부공직자윤리위원회 보고 — 매 분기 종료 후 10일 이내 (공직자윤리법 시행령 제8조)',
          dueOn: statusDueOn,
          lines: linesOf(figures),
        },
        ...(yearlyDueOn
          ? [
              {
                headingKo: `${quarter.year}년 운영실태·활동사항 (연차보고서 자료)`,
                dueKo: '정부공직자윤리위원회 제출 — 매년 3월 31일까지 (공직자윤리법 시행령 제36조②)',
                dueOn: yearlyDueOn,
                lines: [
                  { labelKo: '심사 주기 (사건)', value: figures.campaigns },
                  { labelKo: '공직자윤리위원회 의결', value: figures.resolved },
                  ...linesOf(figures),
                ],
              },
            ]
          : []),
      ];
      const mailed = await mailHeadsOnce(deps, {
        report: 'property-registration',
        period: `${quarter.year}-Q${quarter.quarter}`,
        input: (head) => ({
          template: PERIODIC_REPORT_TEMPLATE,
          recipient: head,
          titleKo: `${quarter.label} 재산등록 현황 보고${yearlyDueOn ? '·연차보고서 자료' : ''}`,
          sections,
        }),
        logged: { quarter: quarter.label, registrants: figures.registrants.total },
      });
      return { quarter: quarter.label, statusDueOn, ...(yearlyDueOn && { yearlyDueOn }), figures, ...mailed };
    },
  };
}

export type PropertyRegistrationReportJob = ReturnType<typeof propertyRegistrationReport>;
