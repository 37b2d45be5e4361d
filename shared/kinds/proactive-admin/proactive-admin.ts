/**
 * 적극행정 면책·사전컨설팅 (감사팀 — 2 in 2023), two tracks of one lifecycle:
 *
 * - **면책 신청** (공공감사법 제23조의2, 시행령 제13조의3·제13조의4): filed after the self-audit ends
 *   by the audited department's head or the person audited (or taken up of the audit body's own
 *   motion) → the requirements checked as a form (public interest, done actively, no intent or gross
 *   negligence — presumed with no private interest and no grave procedural defect) → the head's
 *   decision → notice to the department's head and the applicant without delay → counted in the
 *   quarter's report to 감사원 (within 10 days of the quarter's end).
 * - **사전컨설팅** (지방공무원 적극행정 운영규정 제5조): a department asks the audit head how to proceed,
 *   listing the information it provided (the presumption of exemption holds only when the audit
 *   body had enough, 제15조④·제16조②) → optionally the 적극행정위원회's advice (제10조①1; the chair's
 *   request for the audit head's opinion answered in 10 days + one 10-day extension, 제11조⑦) → the
 *   opinion approved by the head and notified → what the department then did → closed.
 *
 * The next step is read from this record, so a restarted execution continues where the case stands.
 * Pure: no AWS SDK.
 */
import { refuse } from '../../domain/kind.ts';
import * as z from 'zod';
import type { Calendar } from '../../calendar/index.ts';
import type { CaseRecord } from '../../domain/case.ts';
import { assertNotBefore, IllegalTransitionError, assertNotFuture } from '../../domain/errors.ts';
import { koreaDate } from '../../domain/korea-time.ts';
import type { AnyDecisionForm } from '../../domain/task.ts';
import { requesterIntakeShape, requesterSchema } from '../daily-audit/requester.ts';
import { committeeReplyDueOn, extendedCommitteeReplyDueOn, quarterlyReportDueOn } from './proactive-admin-deadlines.ts';

const date = z.iso.date();
const text = (max: number) => z.string().trim().min(1).max(max);

export const PROACTIVE_ADMIN_TRACKS = {
  exemption: { labelKo: '적극행정 면책 신청', article: '공공감사법 시행령 제13조의4' },
  'pre-consulting': { labelKo: '사전컨설팅', article: '지방공무원 적극행정 운영규정 제5조' },
} as const;
export type ProactiveAdminTrack = keyof typeof PROACTIVE_ADMIN_TRACKS;
const trackKeys = Object.keys(PROACTIVE_ADMIN_TRACKS) as [ProactiveAdminTrack, ...ProactiveAdminTrack[]];

export const EXEMPTION_APPLICANTS = {
  'target-head': '대상기관(부서)의 장',
  'audited-person': '수감자',
  'own-motion': '직권 (신청 없음)',
} as const;
type Applicant = keyof typeof EXEMPTION_APPLICANTS;
const applicantKeys = Object.keys(EXEMPTION_APPLICANTS) as [Applicant, ...Applicant[]];

export const proactiveAdminIntakeSchema = z
  .strictObject({
    track: z.enum(trackKeys).describe('구분: 면책 신청(시행령 제13조의4) 또는 사전컨설팅(적극행정 운영규정 제5조)'),
    requestedOn: date.optional().describe('신청·요청일 (없으면 접수일)'),
    ...requesterIntakeShape,
    matter: text(5000).describe('사안 (면책: 지적된 업무, 사전컨설팅: 처리방향을 묻는 업무)'),
    lawsConcerned: z.array(text(200)).max(50).optional().describe('관련 법령'),
    auditCaseNumber: text(40).optional().describe('면책: 자체감사 사건번호'),
    auditEndedOn: date.optional().describe('면책: 자체감사 종료일 (신청은 종료 후, 시행령 제13조의4①)'),
    applicant: z.enum(applicantKeys).optional().describe('면책: 신청인 — 대상기관장·수감자 또는 직권'),
    informationProvided: z
      .array(text(500))
      .max(200)
      .optional()
      .describe('사전컨설팅: 부서가 제공한 자료 목록 (정보 충분성이 면책 추정의 조건, 운영규정 제15조④)'),
    privateInterest: z.boolean().optional().describe('사전컨설팅: 요청자의 사적 이해관계 여부'),
  })
  .superRefine((v, ctx) => {
    const need = (field: string, message: string) => ctx.addIssue({ code: 'custom', path: [field], message });
    if (v.track === 'exemption') {
      if (v.auditEndedOn === undefined)
        need(
          'auditEndedOn',
          'an exemption request names the end of the audit (면책 신청에는 자체감사 종료일이 필요합니다)',
        );
      if (v.applicant === undefined)
        need('applicant', 'an exemption request names who applies (신청인 구분이 필요합니다)');
    } else {
      if (!v.informationProvided?.length)
        need(
          'informationProvided',
          'a pre-consultation lists the information the department provided (제공한 자료 목록이 필요합니다)',
        );
      if (v.privateInterest === undefined)
        need('privateInterest', 'a pre-consultation states any private interest (사적 이해관계 여부가 필요합니다)');
    }
  })
  .describe('적극행정 면책·사전컨설팅 신청 정보');
export type ProactiveAdminIntake = z.input<typeof proactiveAdminIntakeSchema>;

const exemptionCheckShape = {
  publicInterest: z.boolean().describe('공공의 이익을 위한 업무 (불합리한 규제 개선·공익사업 등)'),
  activeHandling: z.boolean().describe('적극적인 업무처리의 결과'),
  noIntentOrGrossNegligence: z.boolean().describe('고의·중대한 과실 없음'),
  noPrivateInterest: z.boolean().describe('사적 이해관계 없음 (추정 요건, 시행령 제13조의3②)'),
  noGraveProceduralDefect: z.boolean().describe('중대한 절차상 하자 없음 (추정 요건, 시행령 제13조의3②)'),
};

export const proactiveAdminRecordSchema = z.object({
  track: z.enum(trackKeys),
  requestedOn: date,
  requester: requesterSchema.optional(),
  matter: z.string(),
  lawsConcerned: z.array(z.string()),
  auditCaseNumber: z.string().optional(),
  auditEndedOn: date.optional(),
  applicant: z.enum(applicantKeys).optional(),
  informationProvided: z.array(z.string()),
  privateInterest: z.boolean().optional(),
  committee: z
    .object({
      referredOn: date,
      reason: z.string(),
      chairRequestedOn: date.optional(),
      replyDueOn: date.optional(),
      extension: z.object({ extendedOn: date, reason: z.string() }).optional(),
      advice: z
        .object({ advice: z.string(), advisedOn: date, repliedOn: date.optional(), late: z.boolean() })
        .optional(),
    })
    .optional(),
  proposal: z
    .discriminatedUnion('type', [
      z.object({
        type: z.literal('exemption'),
        result: z.enum(['exempt', 'not-exempt']),
        ...exemptionCheckShape,
        presumed: z.boolean(),
        reasons: z.string(),
        proposedOn: date,
        proposedBy: z.string(),
      }),
      z.object({
        type: z.literal('opinion'),
        opinion: z.string(),
        informationSufficient: z.boolean(),
        presumptionApplies: z.boolean(),
        proposedOn: date,
        proposedBy: z.string(),
      }),
    ])
    .optional(),
  returns: z.array(z.object({ returnedOn: date, reasons: z.string() })),
  decision: z.object({ decidedOn: date, decidedBy: z.string(), baiReportDueOn: date.optional() }).optional(),
  notice: z.object({ targetNotifiedOn: date, applicantNotifiedOn: date.optional() }).optional(),
  outcome: z.object({ actedAsAdvised: z.boolean(), outcome: z.string(), recordedOn: date }).optional(),
});
export type ProactiveAdminRecord = z.infer<typeof proactiveAdminRecordSchema>;

declare module '../../domain/case.ts' {
  interface CaseDetailsByKind {
    /** Proactive-administration cases only: the request, committee advice, the decision or opinion, notices, outcome. */
    proactiveAdmin?: ProactiveAdminRecord;
  }
  interface IntakeDetailsByKind {
    proactiveAdmin?: ProactiveAdminIntake;
  }
}

/** The record at intake; refuses an exemption request dated before the audit ended (시행령 제13조의4①). */
export function openProactiveAdmin(intake: unknown, receivedAt: string): ProactiveAdminRecord {
  if (intake === undefined)
    throw refuse(
      'A proactive-administration case is received with its request (proactiveAdmin)',
      '적극행정 면책·사전컨설팅은 신청 정보(proactiveAdmin)와 함께 접수합니다',
      'proactiveAdmin',
      'required',
    );
  const parsed = proactiveAdminIntakeSchema.parse(intake);
  const requestedOn = parsed.requestedOn ?? koreaDate(new Date(receivedAt));
  // "감사 종료 후": the end day itself is allowed, as nothing in the decree makes a same-day request void.
  if (parsed.auditEndedOn !== undefined && requestedOn < parsed.auditEndedOn)
    throw refuse(
      `an exemption is requested after the audit ends (${parsed.auditEndedOn}), not on ${requestedOn}`,
      `면책 신청은 자체감사 종료(${parsed.auditEndedOn}) 후에 합니다 (공공감사법 시행령 제13조의4①)`,
      'proactiveAdmin.requestedOn',
      'after_audit_end',
    );
  return {
    track: parsed.track,
    requestedOn,
    ...(parsed.requester?.department !== undefined && { requester: requesterSchema.parse(parsed.requester) }),
    matter: parsed.matter,
    lawsConcerned: parsed.lawsConcerned ?? [],
    ...(parsed.auditCaseNumber !== undefined && { auditCaseNumber: parsed.auditCaseNumber }),
    ...(parsed.auditEndedOn !== undefined && { auditEndedOn: parsed.auditEndedOn }),
    ...(parsed.applicant !== undefined && { applicant: parsed.applicant }),
    informationProvided: parsed.informationProvided ?? [],
    ...(parsed.privateInterest !== undefined && { privateInterest: parsed.privateInterest }),
    returns: [],
  };
}

export function proactiveAdminIntakeSummary(r: ProactiveAdminRecord): Record<string, unknown> {
  return {
    track: r.track,
    trackKo: PROACTIVE_ADMIN_TRACKS[r.track].labelKo,
    article: PROACTIVE_ADMIN_TRACKS[r.track].article,
    requestedOn: r.requestedOn,
    ...(r.auditEndedOn !== undefined && { auditEndedOn: r.auditEndedOn }),
    ...(r.track === 'pre-consulting' && { informationItems: r.informationProvided.length }),
  };
}

// ── steps ─────────────────────────────────────────────────────────────────────────────────────────

export const PROACTIVE_ADMIN_STEPS = [
  'assign',
  'review',
  'committee',
  'approve',
  'notice',
  'outcome',
  'close',
] as const;
export type ProactiveAdminStep = (typeof PROACTIVE_ADMIN_STEPS)[number];

/** Which step comes next, from the case alone (restart-safe). */
export function nextProactiveAdminStep(
  c: Pick<CaseRecord, 'assigneeSub'> & { proactiveAdmin?: ProactiveAdminRecord },
): ProactiveAdminStep {
  const r = c.proactiveAdmin;
  if (!c.assigneeSub) return 'assign';
  if (!r) throw new Error('a proactive-administration case without its details');
  if (r.committee && !r.committee.advice) return 'committee';
  if (!r.proposal) return 'review';
  if (!r.decision) return 'approve';
  if (!r.notice) return 'notice';
  if (r.track === 'pre-consulting' && !r.outcome) return 'outcome';
  return 'close';
}

/** Whether an approved exemption case ended in an exemption (what the quarterly report counts). */
export const isExempted = (r: ProactiveAdminRecord | undefined) =>
  r?.track === 'exemption' &&
  r.decision !== undefined &&
  r.proposal?.type === 'exemption' &&
  r.proposal.result === 'exempt';

// ── decisions ───────────────────────────────────────────────────────────────────────────────────

export const proactiveAdminDecisionForms = [
  z.strictObject({
    decision: z.literal('refer-to-committee'),
    reason: text(2000).describe('적극행정위원회 자문 사유 (주민생활 영향·이해관계자 다수 등, 운영규정 제10조①1)'),
  }),
  z.strictObject({
    decision: z.literal('record-chair-request'),
    requestedOn: date.describe('위원장이 감사기구의 장에게 의견을 요구한 날 (회신 10일, 운영규정 제11조⑦)'),
  }),
  z.strictObject({
    decision: z.literal('extend-committee-reply'),
    reason: text(2000).describe('부득이한 사유 (10일 범위에서 1회 연장, 운영규정 제11조⑦)'),
  }),
  z.strictObject({
    decision: z.literal('record-committee-advice'),
    advice: text(20_000).describe('위원회 자문 의견'),
    advisedOn: date.describe('자문 의견을 받은 날'),
    repliedOn: date.optional().describe('감사기구의 장이 위원장에게 의견을 회신한 날'),
  }),
  z.strictObject({
    decision: z.literal('propose-exemption'),
    result: z.enum(['exempt', 'not-exempt']).describe('면책 / 불면책'),
    ...exemptionCheckShape,
    reasons: text(20_000).describe('판단 이유'),
  }),
  z.strictObject({
    decision: z.literal('propose-consulting-opinion'),
    opinion: text(20_000).describe('사전컨설팅 의견 (처리방향)'),
    informationSufficient: z.boolean().describe('판단에 필요한 정보를 충분히 제공받았는지 (운영규정 제15조④)'),
  }),
  z.strictObject({
    decision: z.literal('record-notice'),
    targetNotifiedOn: date.describe('대상기관(부서)의 장에게 통보한 날'),
    applicantNotifiedOn: date.optional().describe('신청인에게 통보한 날 (신청에 의한 면책 결정, 시행령 제13조의4④)'),
  }),
  z.strictObject({
    decision: z.literal('record-outcome'),
    actedAsAdvised: z.boolean().describe('부서가 의견대로 처리했는지'),
    outcome: text(20_000).describe('이후 처리 결과'),
  }),
] as const;
export type ProactiveAdminDecisionForm = z.infer<(typeof proactiveAdminDecisionForms)[number]>;

export const PROACTIVE_ADMIN_DECISION_LABELS: Record<ProactiveAdminDecisionForm['decision'], string> = {
  'refer-to-committee': '적극행정위원회 자문 회부',
  'record-chair-request': '위원장 의견 요구 기록',
  'extend-committee-reply': '위원회 회신 기한 연장',
  'record-committee-advice': '위원회 자문 결과 기록',
  'propose-exemption': '면책 요건 검토·결정안',
  'propose-consulting-opinion': '사전컨설팅 의견안',
  'record-notice': '결정·의견 통보 기록',
  'record-outcome': '이후 처리 결과 기록',
};
/** The kind's own decisions plus the core approval's, which on this kind is the head's decision. */
export const PROACTIVE_ADMIN_DECISIONS: readonly string[] = [
  ...Object.keys(PROACTIVE_ADMIN_DECISION_LABELS),
  'approve',
  'return',
];

/**
 * Applies a decision, refusing what the procedure does not allow. `at` is the decision's Korea time;
 * the head's approval is the decision (or the opinion's approval) that day.
 */
export function applyProactiveAdminDecision(
  c: CaseRecord & { proactiveAdmin?: ProactiveAdminRecord },
  form: AnyDecisionForm,
  actorSub: string,
  at: string,
  calendar: Calendar,
): { record: ProactiveAdminRecord; eventData: Record<string, unknown> } | undefined {
  const r = c.proactiveAdmin;
  if (!r || !PROACTIVE_ADMIN_DECISIONS.includes(form.decision)) return undefined;
  const step = nextProactiveAdminStep(c);
  const today = at.slice(0, 10);
  const expect = (wanted: ProactiveAdminStep, track?: ProactiveAdminTrack) => {
    if (step !== wanted)
      throw new IllegalTransitionError(
        `${form.decision} is not possible at the ${step} step of a proactive-administration case`,
        `적극행정 사건의 지금 단계(${step})에서는 할 수 없는 결정입니다`,
        { field: 'decision', rule: 'not_at_this_step' },
      );
    if (track !== undefined && r.track !== track)
      throw refuse(
        `${form.decision} is only for ${track} cases`,
        `${PROACTIVE_ADMIN_TRACKS[track].labelKo} 사건에만 할 수 있는 결정입니다`,
        'decision',
        'not_for_track',
      );
  };
  const f = form as
    | ProactiveAdminDecisionForm
    | { decision: 'approve'; comment?: string }
    | { decision: 'return'; reasons: string };
  switch (f.decision) {
    case 'refer-to-committee':
      expect('review', 'pre-consulting');
      return {
        record: { ...r, committee: { referredOn: today, reason: f.reason } },
        eventData: { referredOn: today, article: '지방공무원 적극행정 운영규정 제10조①1' },
      };
    case 'record-chair-request': {
      expect('committee');
      const committee = r.committee!;
      if (committee.chairRequestedOn !== undefined)
        throw refuse(
          'the chair’s request is already recorded',
          '위원장의 의견 요구는 이미 기록되었습니다',
          'decision',
          'already_recorded',
        );
      assertNotBefore(f.requestedOn, committee.referredOn, 'requestedOn', '자문 회부일');
      assertNotFuture(f.requestedOn, today, 'requestedOn');
      const replyDueOn = committeeReplyDueOn(f.requestedOn, calendar);
      return {
        record: { ...r, committee: { ...committee, chairRequestedOn: f.requestedOn, replyDueOn } },
        eventData: { chairRequestedOn: f.requestedOn, replyDueOn, article: '지방공무원 적극행정 운영규정 제11조⑦' },
      };
    }
    case 'extend-committee-reply': {
      expect('committee');
      const committee = r.committee!;
      if (committee.replyDueOn === undefined)
        throw refuse(
          'there is no reply deadline to extend before the chair asks',
          '위원장의 의견 요구가 기록되기 전에는 연장할 기한이 없습니다',
          'decision',
          'no_deadline',
        );
      if (committee.extension)
        throw refuse(
          'the reply may be extended once only',
          '회신 기한은 한 차례만 연장할 수 있습니다 (운영규정 제11조⑦)',
          'decision',
          'extended_once',
        );
      const replyDueOn = extendedCommitteeReplyDueOn(committee.replyDueOn, calendar);
      return {
        record: { ...r, committee: { ...committee, replyDueOn, extension: { extendedOn: today, reason: f.reason } } },
        eventData: { replyDueOn, extendedFrom: committee.replyDueOn, article: '지방공무원 적극행정 운영규정 제11조⑦' },
      };
    }
    case 'record-committee-advice': {
      expect('committee');
      const committee = r.committee!;
      assertNotBefore(f.advisedOn, committee.referredOn, 'advisedOn', '자문 회부일');
      assertNotFuture(f.advisedOn, today, 'advisedOn');
      if (f.repliedOn !== undefined) {
        assertNotBefore(f.repliedOn, committee.chairRequestedOn ?? committee.referredOn, 'repliedOn', '위원장 요구일');
        assertNotFuture(f.repliedOn, today, 'repliedOn');
      }
      const late =
        f.repliedOn !== undefined && committee.replyDueOn !== undefined && f.repliedOn > committee.replyDueOn;
      return {
        record: {
          ...r,
          committee: {
            ...committee,
            advice: { advice: f.advice, advisedOn: f.advisedOn, ...(f.repliedOn && { repliedOn: f.repliedOn }), late },
          },
        },
        eventData: { advisedOn: f.advisedOn, ...(f.repliedOn && { repliedOn: f.repliedOn }), late },
      };
    }
    case 'propose-exemption': {
      expect('review', 'exemption');
      const presumed = f.noPrivateInterest && f.noGraveProceduralDefect;
      const met = f.publicInterest && f.activeHandling && (f.noIntentOrGrossNegligence || presumed);
      if (f.result === 'exempt' && !met)
        throw refuse(
          'an exemption needs all conditions: public interest, active handling, and no intent or gross negligence (or its presumption)',
          '면책은 공익 업무·적극적 처리·고의 또는 중과실 없음(또는 그 추정)을 모두 갖춰야 합니다 (공공감사법 제23조의2, 시행령 제13조의3)',
          f.publicInterest ? (f.activeHandling ? 'noIntentOrGrossNegligence' : 'activeHandling') : 'publicInterest',
          'exemption_conditions',
        );
      const { decision: _d, ...checks } = f;
      return {
        record: { ...r, proposal: { type: 'exemption', ...checks, presumed, proposedOn: today, proposedBy: actorSub } },
        eventData: { result: f.result, presumed, article: '공공감사법 시행령 제13조의3' },
      };
    }
    case 'propose-consulting-opinion': {
      expect('review', 'pre-consulting');
      const presumptionApplies = f.informationSufficient && r.privateInterest !== true;
      return {
        record: {
          ...r,
          proposal: {
            type: 'opinion',
            opinion: f.opinion,
            informationSufficient: f.informationSufficient,
            presumptionApplies,
            proposedOn: today,
            proposedBy: actorSub,
          },
        },
        eventData: { presumptionApplies, article: '지방공무원 적극행정 운영규정 제15조④' },
      };
    }
    case 'approve': {
      expect('approve');
      const baiReportDueOn = isExempted({ ...r, decision: { decidedOn: today, decidedBy: actorSub } })
        ? quarterlyReportDueOn(today, calendar)
        : undefined;
      return {
        record: {
          ...r,
          decision: { decidedOn: today, decidedBy: actorSub, ...(baiReportDueOn && { baiReportDueOn }) },
        },
        eventData: {
          decidedOn: today,
          ...(r.proposal?.type === 'exemption' && { result: r.proposal.result }),
          ...(baiReportDueOn && { baiReportDueOn, article: '공공감사법 시행령 제13조의4⑤' }),
        },
      };
    }
    case 'return': {
      expect('approve');
      const { proposal: _returned, ...rest } = r;
      return {
        record: { ...rest, returns: [...r.returns, { returnedOn: today, reasons: f.reasons }] },
        eventData: { returned: r.proposal?.type },
      };
    }
    case 'record-notice': {
      expect('notice');
      const decidedOn = r.decision?.decidedOn ?? today;
      assertNotBefore(f.targetNotifiedOn, decidedOn, 'targetNotifiedOn', '결정일');
      assertNotFuture(f.targetNotifiedOn, today, 'targetNotifiedOn');
      const byApplication = r.track === 'exemption' && r.applicant !== 'own-motion';
      if (byApplication && f.applicantNotifiedOn === undefined)
        throw refuse(
          'a decision on an application is notified to the applicant too',
          '신청에 의한 면책 결정은 신청인에게도 통보합니다 (시행령 제13조의4④)',
          'applicantNotifiedOn',
          'required',
        );
      if (f.applicantNotifiedOn !== undefined) {
        assertNotBefore(f.applicantNotifiedOn, decidedOn, 'applicantNotifiedOn', '결정일');
        assertNotFuture(f.applicantNotifiedOn, today, 'applicantNotifiedOn');
      }
      return {
        record: {
          ...r,
          notice: {
            targetNotifiedOn: f.targetNotifiedOn,
            ...(f.applicantNotifiedOn !== undefined && { applicantNotifiedOn: f.applicantNotifiedOn }),
          },
        },
        eventData: {
          targetNotifiedOn: f.targetNotifiedOn,
          ...(f.applicantNotifiedOn !== undefined && { applicantNotifiedOn: f.applicantNotifiedOn }),
          article: r.track === 'exemption' ? '공공감사법 시행령 제13조의4④' : '지방공무원 적극행정 운영규정 제5조',
        },
      };
    }
    case 'record-outcome':
      expect('outcome', 'pre-consulting');
      return {
        record: { ...r, outcome: { actedAsAdvised: f.actedAsAdvised, outcome: f.outcome, recordedOn: today } },
        eventData: { actedAsAdvised: f.actedAsAdvised },
      };
  }
}
