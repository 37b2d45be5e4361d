/**
 * 재산등록 의무자 (registrants) on the 구 ethics committee's docket — grade 5 and below of the 구,
 * staff of its 공직유관단체, and the 구의회's grade 5 and below (공직자윤리법 제9조②5·6) — each a
 * record with a small state machine: awaiting filing → received → under review ⇄ supplement ordered
 * → done. The yearly change reports of ~470 registrants are one campaign (a batch, not 470 cases);
 * its progress is the tally of these states.
 *
 * The review (법 제8조): supplement orders, requests for material and explanations, each due 20 days
 * from receipt; summons by 출석요구서 (two refusals or absences allow a complaint to the prosecutors,
 * 시행령 제11조); the result and its measures (법 제8조의2: 경고·시정, 과태료, 허위등록 공표, 해임·징계의결
 * 요구), anything beyond a warning resolved by the committee at a meeting; the notices.
 *
 * The office's own staff are registrants too (시행령 제3조⑥10~12): a reviewer never reviews their own
 * registration or their own team lead's. Pure: no AWS SDK.
 */
import { refuse } from '../../domain/kind.ts';
import * as z from 'zod';
import type { Calendar } from '../../calendar/index.ts';
import { assertNotBefore, ForbiddenError, IllegalTransitionError, assertNotFuture } from '../../domain/errors.ts';
import type { StaffMember } from '../../domain/staff.ts';
import {
  applyForDisclosureRefusal,
  decideDisclosureRefusal,
  disclosureRefusalSchema,
  extendDisclosureDecision,
} from '../disclosure-refusal/disclosure-refusal.ts';
import {
  extendedRegistrationDueOn,
  maxExtensionDays,
  PROPERTY_REVIEW_RULES,
  PROPERTY_REVIEW_SETTINGS,
  REGISTRATION_TYPE_KEYS,
  registrationDueOn,
  registrationPeriod,
  replyDueOn,
} from './property-review-deadlines.ts';

const date = z.iso.date();
const text = (max: number) => z.string().trim().min(1).max(max);

export const REGISTRANT_CATEGORIES = {
  'district-official': '구 소속 5급 이하 공무원',
  'affiliated-body': '공직유관단체 임직원',
  'council-staff': '구의회 5급 이하 공무원',
} as const;
type Category = keyof typeof REGISTRANT_CATEGORIES;
const categoryKeys = Object.keys(REGISTRANT_CATEGORIES) as [Category, ...Category[]];

export const MEASURES = {
  'warning-correction': { labelKo: '경고 및 시정조치', resolution: false },
  fine: { labelKo: '과태료 부과', resolution: true },
  publication: { labelKo: '허위등록 사실 일간신문 공표', resolution: true },
  'dismissal-discipline': { labelKo: '해임 또는 징계의결 요구', resolution: true },
} as const;
export type Measure = keyof typeof MEASURES;
const measureKeys = Object.keys(MEASURES) as [Measure, ...Measure[]];

export const ORDER_KINDS = {
  supplement: '보완명령 (보완신고서)',
  material: '자료제출 요구·서면질의',
  explanation: '재산형성과정 소명 요구',
} as const;
type OrderKind = keyof typeof ORDER_KINDS;
const orderKeys = Object.keys(ORDER_KINDS) as [OrderKind, ...OrderKind[]];

export const registrantInputSchema = z
  .strictObject({
    registrantNo: text(40).describe('등록의무자 번호'),
    name: text(100).describe('성명'),
    category: z.enum(categoryKeys).describe('구 위원회 관할 구분 (공직자윤리법 제9조②)'),
    department: text(100).describe('소속'),
    position: text(100).describe('직급·직위'),
    staffSub: text(200).optional().describe('감사담당관실 직원이면 그 계정 (이해충돌 확인용)'),
    publicDisclosure: z.boolean().default(false).describe('재산공개대상자 여부 (등록기간 연장 한도 20일)'),
    registrationType: z.enum(REGISTRATION_TYPE_KEYS).describe('신고 유형: 최초 등록·정기 변동신고·퇴직 신고'),
    eventOn: date.describe('의무자가 된 날·퇴직일 (정기 변동신고는 신고 연도의 아무 날)'),
    retiredOn: date.optional().describe('퇴직일 (보존: 퇴직일부터 10년)'),
  })
  .describe('재산등록 의무자');
export type RegistrantInput = z.input<typeof registrantInputSchema>;

const resolutionSchema = z.object({
  meetingId: z.string(),
  resolvedOn: date,
  membersPresent: z.number().int(),
  votesFor: z.number().int(),
  reReview: z.boolean(),
});

export const registrantSchema = z.object({
  registrantNo: z.string(),
  name: z.string(),
  category: z.enum(categoryKeys),
  department: z.string(),
  position: z.string(),
  staffSub: z.string().optional(),
  publicDisclosure: z.boolean(),
  registrationType: z.enum(REGISTRATION_TYPE_KEYS),
  eventOn: date,
  retiredOn: date.optional(),
  periodEndsOn: date,
  dueOn: date,
  extension: z
    .object({ days: z.number().int(), reason: z.string(), reasonEndsOn: date.optional(), grantedOn: date })
    .optional(),
  filedOn: date.optional(),
  reviewerSub: z.string().optional(),
  reviewStartedOn: date.optional(),
  orders: z.array(
    z.object({
      kind: z.enum(orderKeys),
      issuedOn: date,
      receivedOn: date,
      dueOn: date,
      answeredOn: date.optional(),
      late: z.boolean().optional(),
    }),
  ),
  summonses: z.array(z.object({ sentOn: date, outcome: z.enum(['attended', 'refused', 'absent']) })),
  result: z
    .object({
      clean: z.boolean(),
      measures: z.array(z.enum(measureKeys)),
      reasons: z.string(),
      decidedOn: date,
      decidedBy: z.string(),
      resolution: resolutionSchema.optional(),
      referToInvestigators: z.boolean(),
    })
    .optional(),
  notices: z.array(z.object({ to: z.string(), notifiedOn: date })),
  /** 고지거부 applications (disclosure-refusal.ts), oldest first. */
  disclosureRefusals: z.array(disclosureRefusalSchema).default([]),
});
export type Registrant = z.infer<typeof registrantSchema>;

export const REGISTRANT_STATES = {
  'awaiting-filing': '신고 대기',
  received: '접수',
  'under-review': '심사 중',
  'supplement-ordered': '보완명령 중',
  done: '심사 완료',
} as const;
export type RegistrantState = keyof typeof REGISTRANT_STATES;

export function registrantState(r: Registrant): RegistrantState {
  if (r.result) return 'done';
  if (r.orders.some((o) => o.answeredOn === undefined)) return 'supplement-ordered';
  if (r.reviewerSub) return 'under-review';
  if (r.filedOn) return 'received';
  return 'awaiting-filing';
}

/** The campaign's progress: how many registrants stand in each state. */
export function tallyRegistrants(list: Iterable<Registrant>): Record<RegistrantState, number> & { total: number } {
  const t = { 'awaiting-filing': 0, received: 0, 'under-review': 0, 'supplement-ordered': 0, done: 0, total: 0 };
  for (const r of list) {
    t[registrantState(r)] += 1;
    t.total += 1;
  }
  return t;
}

const wrongState = (action: string, state: RegistrantState) =>
  new IllegalTransitionError(
    `${action} is not possible while the registrant is ${state}`,
    `지금 상태(${REGISTRANT_STATES[state]})에서는 할 수 없습니다: ${action}`,
    { field: 'registrant', rule: 'not_in_this_state' },
  );

export function newRegistrant(input: unknown, calendar: Calendar): Registrant {
  const p = registrantInputSchema.parse(input);
  if (p.registrationType === 'retirement' && p.retiredOn !== undefined && p.retiredOn !== p.eventOn)
    throw refuse(
      'a retirement report counts from the retirement day',
      '퇴직 신고는 퇴직일부터 기산합니다',
      'eventOn',
      'retirement_day',
    );
  const period = registrationPeriod(p.registrationType, p.eventOn);
  return {
    ...p,
    ...(p.registrationType === 'retirement' && { retiredOn: p.eventOn }),
    periodEndsOn: period.endsOn,
    dueOn: registrationDueOn(p.registrationType, p.eventOn, calendar),
    orders: [],
    summonses: [],
    notices: [],
    disclosureRefusals: [],
  };
}

/** 등록기간 연장 (시행령 제7조): once, at most 30 days (공개대상자 20), before the period ends. */
export function extendRegistration(
  r: Registrant,
  f: { days: number; reason: string; reasonEndsOn?: string },
  today: string,
  calendar: Calendar,
): Registrant {
  if (registrantState(r) !== 'awaiting-filing') throw wrongState('extend-registration', registrantState(r));
  if (r.extension)
    throw refuse(
      'the registration period is already extended',
      '등록기간은 이미 연장되었습니다',
      'days',
      'extended_once',
    );
  const max = maxExtensionDays(r.publicDisclosure);
  if (!Number.isInteger(f.days) || f.days < 1 || f.days > max)
    throw refuse(
      `an extension is 1 to ${max} days`,
      `등록기간 연장은 ${max}일 이내입니다 (${PROPERTY_REVIEW_RULES.extensionDays.article}${r.publicDisclosure ? ', 공개대상자' : ''})`,
      'days',
      'extension_limit',
    );
  if (today > r.dueOn)
    throw refuse('the period has already ended', `등록기간(${r.dueOn})이 이미 지났습니다`, 'days', 'period_ended');
  return {
    ...r,
    dueOn: extendedRegistrationDueOn(r.periodEndsOn, f.days, calendar, f.reasonEndsOn),
    extension: {
      days: f.days,
      reason: f.reason,
      ...(f.reasonEndsOn && { reasonEndsOn: f.reasonEndsOn }),
      grantedOn: today,
    },
  };
}

export function fileRegistration(r: Registrant, filedOn: string): Registrant {
  if (registrantState(r) !== 'awaiting-filing') throw wrongState('file', registrantState(r));
  return { ...r, filedOn };
}

/**
 * Refuses a reviewer for their own registration or their own team lead's (시행령 제3조⑥: the audit
 * office's staff are registrants; the review must not be self-review).
 */
export function assertMayReview(r: Registrant, reviewer: StaffMember, directory: readonly StaffMember[]): void {
  if (r.staffSub === undefined) return;
  if (r.staffSub === reviewer.sub)
    throw new ForbiddenError(
      `${reviewer.sub} may not review their own registration`,
      '본인의 재산등록은 심사할 수 없습니다 (이해충돌)',
      { field: 'reviewerSub', rule: 'conflict_of_interest_self' },
    );
  const registrant = directory.find((s) => s.sub === r.staffSub);
  if (registrant?.roles.includes('team-lead') && reviewer.team !== undefined && registrant.team === reviewer.team)
    throw new ForbiddenError(
      `${reviewer.sub} may not review their own team lead's registration`,
      '소속 팀장의 재산등록은 심사할 수 없습니다 (이해충돌)',
      { field: 'reviewerSub', rule: 'conflict_of_interest_team_lead' },
    );
}

export function startReview(
  r: Registrant,
  reviewer: StaffMember,
  directory: readonly StaffMember[],
  today: string,
): Registrant {
  if (registrantState(r) !== 'received') throw wrongState('start-review', registrantState(r));
  assertMayReview(r, reviewer, directory);
  return { ...r, reviewerSub: reviewer.sub, reviewStartedOn: today };
}

/** A supplement order, request for material or explanation: due 20 days from the registrant's receipt. */
export function issueOrder(
  r: Registrant,
  f: { kind: OrderKind; issuedOn: string; receivedOn: string },
  today: string,
  calendar: Calendar,
): Registrant {
  const state = registrantState(r);
  if (state !== 'under-review' && state !== 'supplement-ordered') throw wrongState('issue-order', state);
  assertNotBefore(f.issuedOn, r.filedOn ?? f.issuedOn, 'issuedOn', '신고서 제출일');
  assertNotBefore(f.receivedOn, f.issuedOn, 'receivedOn', '발송일');
  assertNotFuture(f.receivedOn, today, 'receivedOn');
  return { ...r, orders: [...r.orders, { ...f, dueOn: replyDueOn(f.receivedOn, calendar) }] };
}

export function recordAnswer(r: Registrant, f: { kind: OrderKind; answeredOn: string }, today: string): Registrant {
  const i = r.orders.findIndex((o) => o.kind === f.kind && o.answeredOn === undefined);
  if (i < 0)
    throw refuse(
      `no open ${f.kind} order`,
      `답변을 기다리는 ${ORDER_KINDS[f.kind]}가 없습니다`,
      'kind',
      'no_open_order',
    );
  const order = r.orders[i]!;
  assertNotBefore(f.answeredOn, order.receivedOn, 'answeredOn', '수령일');
  assertNotFuture(f.answeredOn, today, 'answeredOn');
  const orders = r.orders.slice();
  orders[i] = { ...order, answeredOn: f.answeredOn, late: f.answeredOn > order.dueOn };
  return { ...r, orders };
}

/** A summons by 출석요구서; the second refusal or absence allows a complaint to the prosecutors (시행령 제11조). */
export function recordSummons(
  r: Registrant,
  f: { sentOn: string; outcome: 'attended' | 'refused' | 'absent' },
): Registrant {
  const state = registrantState(r);
  if (state !== 'under-review' && state !== 'supplement-ordered') throw wrongState('record-summons', state);
  return { ...r, summonses: [...r.summonses, f] };
}

export const mayComplainToProsecutors = (r: Registrant) =>
  r.summonses.filter((s) => s.outcome !== 'attended').length >= PROPERTY_REVIEW_RULES.summonsRefusalsForComplaint.count;

/**
 * A committee resolution at a meeting: a quorum present (a setting) and a majority of those present;
 * a re-review (직권 재심사, 법 제9조의2) needs two thirds of all seven members.
 */
export function checkResolution(res: z.infer<typeof resolutionSchema>): void {
  const members = PROPERTY_REVIEW_RULES.committeeMembers.count;
  if (res.membersPresent > members || res.votesFor > res.membersPresent || res.votesFor < 0)
    throw refuse(
      'votes exceed members present, or present exceed the committee',
      '찬성 수는 출석 위원 수를, 출석 위원 수는 재적(7명)을 넘을 수 없습니다',
      'resolution',
      'vote_count',
    );
  if (res.membersPresent < PROPERTY_REVIEW_SETTINGS.quorum)
    throw refuse(
      `a resolution needs ${PROPERTY_REVIEW_SETTINGS.quorum} members present`,
      `의결 정족수(재적 과반 ${PROPERTY_REVIEW_SETTINGS.quorum}명 출석, 구 규칙 확인 필요)에 못 미칩니다`,
      'resolution.membersPresent',
      'quorum',
    );
  if (res.reReview) {
    const needed = Math.ceil((members * 2) / 3);
    if (res.votesFor < needed)
      throw refuse(
        `a re-review needs ${needed} of ${members} members`,
        `직권 재심사는 재적위원 3분의 2(${needed}명) 이상의 찬성이 필요합니다 (공직자윤리법 제9조의2)`,
        'resolution.votesFor',
        'two_thirds',
      );
  } else if (res.votesFor * 2 <= res.membersPresent)
    throw refuse(
      'a resolution needs a majority of members present',
      '출석위원 과반수의 찬성이 필요합니다',
      'resolution.votesFor',
      'majority',
    );
}

export const decideResultSchema = z.strictObject({
  clean: z.boolean().describe('이상 없음'),
  measures: z
    .array(z.enum(measureKeys))
    .max(4)
    .default([])
    .describe('조치: 경고·시정, 과태료, 허위등록 공표, 해임·징계의결 요구'),
  reasons: text(5000).describe('심사 결과와 이유'),
  referToInvestigators: z.boolean().default(false).describe('다른 법령 위반 혐의 — 수사기관 등 통보 (법 제8조의2)'),
  resolution: resolutionSchema.partial({ reReview: true }).optional().describe('위원회 의결 (회의·출석·찬성)'),
});

export function decideResult(r: Registrant, input: unknown, by: string, today: string): Registrant {
  const state = registrantState(r);
  if (state !== 'under-review') throw wrongState('decide', state);
  const f = decideResultSchema.parse(input);
  if (f.clean && f.measures.length > 0)
    throw refuse(
      'a clean result takes no measures',
      '이상 없음에는 조치를 정하지 않습니다',
      'measures',
      'clean_no_measures',
    );
  if (!f.clean && f.measures.length === 0)
    throw refuse('a finding needs a measure', '이상이 있으면 조치를 정합니다 (법 제8조의2)', 'measures', 'required');
  const needsResolution = f.measures.some((m) => MEASURES[m].resolution);
  const resolution = f.resolution && { ...f.resolution, reReview: f.resolution.reReview ?? false };
  if (needsResolution && !resolution)
    throw refuse(
      'this measure is resolved by the committee at a meeting',
      '이 조치는 위원회 회의 의결로 정합니다 (공직자윤리법 제8조의2)',
      'resolution',
      'required',
    );
  if (resolution) {
    checkResolution(resolution);
    assertNotBefore(today, resolution.resolvedOn, 'decidedOn', '의결일');
  }
  return {
    ...r,
    result: {
      clean: f.clean,
      measures: f.measures,
      reasons: f.reasons,
      decidedOn: today,
      decidedBy: by,
      ...(resolution && { resolution }),
      referToInvestigators: f.referToInvestigators,
    },
  };
}

export function recordNotice(r: Registrant, f: { to: string; notifiedOn: string }): Registrant {
  if (!r.result) throw wrongState('record-notice', registrantState(r));
  assertNotBefore(f.notifiedOn, r.result.decidedOn, 'notifiedOn', '결정일');
  return { ...r, notices: [...r.notices, f] };
}

/** Records are kept until 10 years after retirement (시행령 제36조의3). */
export const RETENTION_CLASS = {
  key: 'property-registration',
  labelKo: '퇴직일부터 10년',
  years: 10,
  article: '공직자윤리법 시행령 제36조의3',
} as const;
export function retainUntil(r: Pick<Registrant, 'retiredOn'>): string | undefined {
  if (r.retiredOn === undefined) return undefined;
  return `${Number(r.retiredOn.slice(0, 4)) + RETENTION_CLASS.years}${r.retiredOn.slice(4)}`;
}

/** A 고지거부 application by the registrant (disclosure-refusal.ts), before their review is done. */
export function applyDisclosure(r: Registrant, input: unknown, today: string, calendar: Calendar): Registrant {
  if (registrantState(r) === 'done') throw wrongState('apply-disclosure-refusal', 'done');
  const application = applyForDisclosureRefusal(input, r.publicDisclosure, r.disclosureRefusals, today, calendar);
  return { ...r, disclosureRefusals: [...r.disclosureRefusals, application] };
}

export function extendDisclosure(r: Registrant, today: string, calendar: Calendar): Registrant {
  return { ...r, disclosureRefusals: extendDisclosureDecision(r.disclosureRefusals, today, calendar) };
}

/** The decision; a refusal before filing moves the registrant's last day to 30 (20) days from the notice. */
export function decideDisclosure(r: Registrant, input: unknown, today: string, calendar: Calendar): Registrant {
  const { list, refusedDueOn } = decideDisclosureRefusal(
    r.disclosureRefusals,
    input,
    r.publicDisclosure,
    today,
    calendar,
  );
  const moves = refusedDueOn !== undefined && r.filedOn === undefined && refusedDueOn > r.dueOn;
  return { ...r, disclosureRefusals: list, ...(moves && { dueOn: refusedDueOn }) };
}
