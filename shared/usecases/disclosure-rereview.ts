/**
 * The yearly opening of 고지거부 re-reviews (공직자윤리법 제12조④, 시행령 제27조⑤⑥): every permission is
 * reviewed again in the third year after it — applications from 1 January to 31 March, decided and
 * notified by 30 November. Run early in January (and safe to run again): for each registrant of each
 * property-review campaign whose permission falls due this year, a disclosure-refusal case is
 * received (its details: the registrant, the campaign and the permission re-reviewed, so its own
 * lifecycle asks for the re-review application by 31 March and the decision by 30 November), due 30
 * November, with an idempotency key of the year, campaign, registrant and
 * application — so a rerun or a retry after a crash opens each re-review once.
 */
import type { Calendar } from '../calendar/index.ts';
import type { CaseRecord, IntakeInput } from '../domain/case.ts';
import { koreaDate } from '../domain/korea-time.ts';
import type { Actor } from '../domain/roles.ts';
import { DISCLOSURE_REFUSAL_KIND, RELATIONS } from '../kinds/disclosure-refusal/disclosure-refusal.ts';
import { PROPERTY_REVIEW_KIND } from '../kinds/property-review/campaign.ts';
import { reReviewDates } from '../kinds/disclosure-refusal/disclosure-refusal-deadlines.ts';
import type { IdempotencyRequest } from './idempotent.ts';
import type { CaseRepository, RegistrantStore } from './ports.ts';

export type ReceiveCase = (
  actor: Actor,
  input: Omit<IntakeInput, 'receivedAt'>,
  idempotency: IdempotencyRequest,
) => Promise<{ result: { case: CaseRecord }; replayed: boolean }>;

export interface DisclosureReReviewDeps {
  cases: Pick<CaseRepository, 'listByKind'>;
  registrants: Pick<RegistrantStore, 'ofCase'>;
  receiveCase: ReceiveCase;
  calendar: Calendar;
}

/** The job acts as the office's intake (it receives cases); its events name it. */
export const RE_REVIEW_ACTOR: Actor = {
  sub: 'system:disclosure-rereview',
  name: '고지거부 재심사 개시',
  roles: ['clerk'],
};

export function disclosureReReviews(deps: DisclosureReReviewDeps) {
  return {
    async run(
      now: Date,
    ): Promise<{ year: number; opened: number; alreadyOpen: number; cases: { caseId: string; caseNumber: string }[] }> {
      const year = Number(koreaDate(now).slice(0, 4));
      const dates = reReviewDates(year, deps.calendar);
      let opened = 0;
      let alreadyOpen = 0;
      const cases: { caseId: string; caseNumber: string }[] = [];
      let cursor: string | undefined;
      do {
        const page = await deps.cases.listByKind(PROPERTY_REVIEW_KIND, { limit: 100, ...(cursor && { cursor }) });
        for (const campaign of page.items) {
          for await (const { registrant } of deps.registrants.ofCase(campaign.caseId)) {
            for (const [index, d] of registrant.disclosureRefusals.entries()) {
              if (!d.decision?.permitted || d.decision.reReviewYear !== year) continue;
              const relatives = d.relatives.map((r) => `${RELATIONS[r.relation]}`).join('·');
              const { result, replayed } = await deps.receiveCase(
                RE_REVIEW_ACTOR,
                {
                  kind: DISCLOSURE_REFUSAL_KIND,
                  title: `고지거부 재심사 — 의무자 ${registrant.registrantNo} (${year}년)`,
                  summary: `${campaign.caseNumber} 의무자 ${registrant.registrantNo}의 ${d.decision.decidedOn} 고지거부 허가(${relatives}) 재심사: 신청 ${dates.applyFrom} ~ ${dates.applyUntil}, 결정·통보 ${dates.decideBy}까지 (공직자윤리법 시행령 제27조⑤⑥)`,
                  department: registrant.department,
                  dueDate: dates.decideBy,
                  disclosureRefusal: {
                    registrantNo: registrant.registrantNo,
                    publicDisclosure: registrant.publicDisclosure,
                    campaignCaseNumber: campaign.caseNumber,
                    reReview: { year, permittedOn: d.decision.decidedOn },
                  },
                },
                {
                  key: `disclosure-rereview:${year}:${campaign.caseId}:${registrant.registrantNo}:${index}`,
                  request: { year, caseId: campaign.caseId, registrantNo: registrant.registrantNo, index },
                },
              );
              if (replayed) alreadyOpen += 1;
              else opened += 1;
              cases.push({ caseId: result.case.caseId, caseNumber: result.case.caseNumber });
            }
          }
        }
        cursor = page.cursor;
      } while (cursor);
      return { year, opened, alreadyOpen, cases };
    },
  };
}
