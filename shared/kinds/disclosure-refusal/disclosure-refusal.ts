/**
 * 고지거부 (disclosure refusal): a registrant asks that the property of a lineal relative who is not
 * their dependant not be registered (공직자윤리법 제12조④, 시행령 제27조·제27조의2). The application is
 * a record on the registrant (property-review/registrants.ts):
 *
 *   applied within the window of its registration type → decided within 10 days (one 10-day
 *   extension) on the dependants test — independent livelihood judged on age, occupation, property
 *   and regular income against the standard median income; for descendants, a separate household —
 *   → permitted (re-reviewed every 3 years: a yearly job opens the re-review) or refused, which
 *   extends the registrant's registration period by 30 days (20 for public-disclosure registrants)
 *   from the day the refusal notice is received.
 *
 * Pure: no AWS SDK.
 */
import { refuse } from '../../domain/kind.ts';
import * as z from 'zod';
import type { Calendar } from '../../calendar/index.ts';
import { assertNotBefore, IllegalTransitionError } from '../../domain/errors.ts';
import {
  APPLICATION_WINDOW_KEYS,
  applicationWindow,
  decisionDueOn,
  extendedDecisionDueOn,
  refusalRegistrationDueOn,
  reReviewYear,
} from './disclosure-refusal-deadlines.ts';

/** The kind a re-review is received as. */
export const DISCLOSURE_REFUSAL_KIND = 'disclosure-refusal';

const date = z.iso.date();
const text = (max: number) => z.string().trim().min(1).max(max);

export const RELATIONS = { ascendant: '직계존속', descendant: '직계비속' } as const;
const relationKeys = Object.keys(RELATIONS) as [keyof typeof RELATIONS, ...(keyof typeof RELATIONS)[]];

export const disclosureApplicationSchema = z.strictObject({
  relatives: z
    .array(z.strictObject({ relation: z.enum(relationKeys).describe('직계존속·직계비속'), name: text(100) }))
    .min(1)
    .max(10)
    .describe('고지를 거부하는 친족'),
  reason: text(2000).describe('신청 사유'),
  window: z.enum(APPLICATION_WINDOW_KEYS).describe('신청 기간 구분 (시행령 제27조①)'),
  windowStartsOn: date.describe('기간 기산일 — 의무자가 된 날·퇴직일·연장 기산일 (정기·재심사는 그 해 1월 1일)'),
  appliedOn: date.describe('신청일 (등록기관 경유)'),
});

/** The dependants test (시행령 제27조의2), one per relative: the factors and the conclusion. */
export const dependantsTestSchema = z.strictObject({
  name: text(100),
  age: z.number().int().min(0).max(130),
  occupation: text(200).optional(),
  propertyWon: z.number().int().min(0).describe('재산 (원)'),
  monthlyIncomeWon: z.number().int().min(0).describe('정기적 소득 (월, 원)'),
  medianIncomeWon: z.number().int().min(1).describe('가구원수별 기준 중위소득 (월, 원)'),
  separateHousehold: z.boolean().optional().describe('비속: 세대 분리 여부'),
  independentLivelihood: z.boolean().describe('독립생계 유지 판단'),
  reasons: text(2000).describe('판단 이유'),
});

export const disclosureRefusalSchema = z.object({
  relatives: z.array(z.object({ relation: z.enum(relationKeys), name: z.string() })),
  reason: z.string(),
  window: z.enum(APPLICATION_WINDOW_KEYS),
  appliedOn: date,
  windowClosesOn: date,
  decisionDueOn: date,
  extendedOn: date.optional(),
  tests: z.array(dependantsTestSchema).optional(),
  decision: z
    .object({
      permitted: z.boolean(),
      decidedOn: date,
      noticeReceivedOn: date,
      registrationDueOn: date.optional(),
      reReviewYear: z.number().int().optional(),
    })
    .optional(),
});
export type DisclosureRefusal = z.infer<typeof disclosureRefusalSchema>;

/** The application, refused outside its window (시행령 제27조①). */
export function applyForDisclosureRefusal(
  input: unknown,
  publicDisclosure: boolean,
  open: readonly DisclosureRefusal[],
  today: string,
  calendar: Calendar,
): DisclosureRefusal {
  const p = disclosureApplicationSchema.parse(input);
  if (open.some((d) => d.decision === undefined))
    throw refuse(
      'an application is still undecided',
      '결정되지 않은 고지거부 신청이 있습니다',
      'disclosureRefusal',
      'pending',
    );
  if (p.appliedOn > today)
    throw refuse('appliedOn is in the future', '신청일은 오늘 이후일 수 없습니다', 'appliedOn', 'not_in_future');
  const w = applicationWindow(p.window, p.windowStartsOn, publicDisclosure, calendar);
  if (p.appliedOn < w.opensOn || p.appliedOn > w.closesOn)
    throw refuse(
      `applications of this kind are made from ${w.opensOn} to ${w.closesOn}`,
      `고지거부 신청 기간(${w.opensOn} ~ ${w.closesOn})이 아닙니다 (공직자윤리법 시행령 제27조①)`,
      'appliedOn',
      'outside_window',
    );
  return {
    relatives: p.relatives,
    reason: p.reason,
    window: p.window,
    appliedOn: p.appliedOn,
    windowClosesOn: w.closesOn,
    decisionDueOn: decisionDueOn(p.appliedOn, calendar),
  };
}

const pending = (list: readonly DisclosureRefusal[]) => {
  const i = list.findIndex((d) => d.decision === undefined);
  if (i < 0)
    throw new IllegalTransitionError('no application awaits a decision', '결정을 기다리는 고지거부 신청이 없습니다', {
      field: 'disclosureRefusal',
      rule: 'none_pending',
    });
  return i;
};

/** The one extension of the decision: 10 more days (시행령 제27조②). */
export function extendDisclosureDecision(list: readonly DisclosureRefusal[], today: string, calendar: Calendar) {
  const i = pending(list);
  const d = list[i]!;
  if (d.extendedOn !== undefined)
    throw refuse(
      'the decision may be extended once',
      '결정 기한은 한 차례만 연장할 수 있습니다 (시행령 제27조②)',
      'decision',
      'extended_once',
    );
  if (today > d.decisionDueOn)
    throw refuse(
      'the decision period has ended',
      `결정 기한(${d.decisionDueOn})이 이미 지났습니다`,
      'decision',
      'period_ended',
    );
  const next = list.slice();
  next[i] = { ...d, extendedOn: today, decisionDueOn: extendedDecisionDueOn(d.decisionDueOn, calendar) };
  return next;
}

export const disclosureDecisionSchema = z.strictObject({
  tests: z.array(dependantsTestSchema).min(1).describe('친족별 피부양자 판단 (시행령 제27조의2)'),
  noticeReceivedOn: date.describe('의무자가 결정 통보를 받은 날'),
});

/**
 * The decision: permitted when every relative keeps an independent livelihood; otherwise refused,
 * and the registration period then runs 30 (20) days from the notice (시행령 제27조④).
 */
export function decideDisclosureRefusal(
  list: readonly DisclosureRefusal[],
  input: unknown,
  publicDisclosure: boolean,
  today: string,
  calendar: Calendar,
): { list: DisclosureRefusal[]; refusedDueOn?: string } {
  const i = pending(list);
  const d = list[i]!;
  const f = disclosureDecisionSchema.parse(input);
  const names = new Set(d.relatives.map((r) => r.name));
  for (const t of f.tests)
    if (!names.has(t.name))
      throw refuse(
        `${t.name} is not among the relatives applied for`,
        `${t.name}은(는) 신청한 친족이 아닙니다`,
        'tests',
        'unknown_relative',
      );
  if (f.tests.length !== names.size)
    throw refuse(
      'every relative applied for is judged',
      '신청한 친족마다 피부양자 판단이 필요합니다',
      'tests',
      'every_relative',
    );
  assertNotBefore(f.noticeReceivedOn, today, 'noticeReceivedOn', '결정일');
  const permitted = f.tests.every((t) => t.independentLivelihood);
  const refusedDueOn = permitted ? undefined : refusalRegistrationDueOn(f.noticeReceivedOn, publicDisclosure, calendar);
  const next = list.slice();
  next[i] = {
    ...d,
    tests: f.tests,
    decision: {
      permitted,
      decidedOn: today,
      noticeReceivedOn: f.noticeReceivedOn,
      ...(refusedDueOn !== undefined && { registrationDueOn: refusedDueOn }),
      ...(permitted && { reReviewYear: reReviewYear(today) }),
    },
  };
  return { list: next, ...(refusedDueOn !== undefined && { refusedDueOn }) };
}
