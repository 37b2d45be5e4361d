/**
 * 공익신고 (public-interest whistleblower reports, 민원관리팀 — 10 a year) as the 구 handles them as a
 * 조사기관 (공익신고자 보호법 제6조2호), received directly or 이첩·송부 by 국민권익위원회:
 *
 *   intake (direct / 권익위 이첩 / 권익위 송부 / 재이첩; an oral report written down and read back, 법 제8조)
 *   → the written protection notice (법 제9조의2, 시행령 제11조의4: at intake, with the result, at a transfer)
 *   → screening: investigate, or not / stop / close on a ground of 법 제10조② (notified 지체 없이, 제10조③),
 *     or ask for supplements (a second unanswered request allows closing), or transfer (이송, 제10조⑥)
 *   → investigation → measures and result notice to the reporter (제10조④)
 *   → for referred reports, the result to 국민권익위원회 within 10 days of the investigation's end
 *     (시행령 제11조②③) → closed.
 *
 * 부패신고 referred under the 부패방지권익위법 is its own variant with its own clocks: 60 days to finish
 * (제60조①, extensions notified to 권익위) and 10 days to report the result (제60조②).
 *
 * The reporter's identity is not here: it is sealed in the identity vault (domain/identity.ts). The
 * next step is read from this record, so a restarted execution continues where the case stands.
 * Pure: no AWS SDK.
 */
import { refuse } from '../../domain/kind.ts';
import * as z from 'zod';
import { assertNotBefore, IllegalTransitionError } from '../../domain/errors.ts';

const date = z.iso.date();
const text = (max: number) => z.string().trim().min(1).max(max);

export const WHISTLEBLOWER_ACT = '공익신고자 보호법';

export const INTAKE_ROUTES = ['direct', 'acrc-transfer', 'acrc-referral', 're-transfer'] as const;
export const INTAKE_ROUTE_LABELS: Record<(typeof INTAKE_ROUTES)[number], string> = {
  direct: '직접 접수',
  'acrc-transfer': '국민권익위원회 이첩',
  'acrc-referral': '국민권익위원회 송부',
  're-transfer': '재이첩',
};

export const VARIANTS = ['public-interest', 'corruption'] as const;
export const VARIANT_LABELS: Record<(typeof VARIANTS)[number], string> = {
  'public-interest': '공익신고 (공익신고자 보호법)',
  corruption: '부패신고 이첩 (부패방지권익위법)',
};

/**
 * Grounds on which the 조사기관 may not investigate, stop or close (법 제10조②, with 시행령 제12조 for
 * supplements), as read in docs/legal-basis.md#whistleblower-reports (A). The Act numbers them 1–7 (and more); which
 * number is which was not read, so the codes name the ground, not the number.
 */
export const SCREENING_GROUNDS = {
  'clearly-false': '신고 내용이 명백히 거짓인 경우',
  'identity-unknown': '신고자의 인적사항을 알 수 없는 경우',
  'supplement-ignored': '보완요구를 2회 이상 받고도 보완하지 않은 경우',
  'repeat-without-cause': '정당한 사유 없이 같은 내용을 다시 신고한 경우',
  'already-public': '언론 등에 공개된 내용 외에 새로운 증거가 없는 경우',
  'other-proceedings': '다른 법령에 따른 조사·수사가 시작되었거나 끝난 경우',
  'no-public-interest': '공익침해행위와 관련이 없거나 증거가 없는 경우 등',
} as const;
export type ScreeningGround = keyof typeof SCREENING_GROUNDS;
export const SCREENING_GROUND_ARTICLE = '공익신고자 보호법 제10조② (호 번호 확인 필요), 시행령 제12조';

const NOTICE_METHODS = ['문서', '전자문서', '구두', '전화'] as const;
export const NOTICE_OCCASIONS = ['intake', 'result', 'transfer'] as const;
export const PROTECTION_NOTICE_ARTICLE = '공익신고자 보호법 제9조의2, 시행령 제11조의4';

export const whistleblowerIntakeSchema = z
  .strictObject({
    variant: z.enum(VARIANTS).default('public-interest').describe('공익신고 / 부패신고 이첩'),
    route: z.enum(INTAKE_ROUTES).describe('접수경로: 직접, 권익위 이첩, 권익위 송부, 재이첩'),
    acrcReference: text(100).optional().describe('권익위 이첩·송부 문서번호 (이첩·송부·재이첩 시 필수)'),
    violatedLaw: text(200).optional().describe('공익침해행위 대상 법률 (예: 폐기물관리법)'),
    reportedPersonRecorded: z
      .boolean()
      .default(false)
      .describe('피신고자 인적사항 기재 여부 (내용은 공개 금지, 법 제10조⑤)'),
    oral: z
      .strictObject({
        writtenBy: text(100).describe('신고를 받아 적은 공무원'),
        readBackOn: date.describe('신고자에게 읽어 준 날'),
        signed: z.literal(true, { error: 'an oral report is signed after it is read back (법 제8조②)' }),
      })
      .optional()
      .describe('구술 신고: 받은 사람이 신고서를 작성하고 읽어 준 뒤 서명 (법 제8조②)'),
  })
  .refine((i) => i.route === 'direct' || i.acrcReference !== undefined, {
    message: 'acrcReference is required for a report from 국민권익위원회 (required_for_referral)',
    path: ['acrcReference'],
  })
  .refine((i) => i.variant === 'public-interest' || i.route !== 'direct', {
    message: 'a 부패신고 reaches the 구 only by referral from 국민권익위원회 (부패방지권익위법 제59조)',
    path: ['variant'],
  })
  .describe('공익신고 접수 정보');
export type WhistleblowerIntake = z.input<typeof whistleblowerIntakeSchema>;

const noticeSchema = z.object({
  occasion: z.enum(NOTICE_OCCASIONS),
  sentOn: date,
  method: z.enum(NOTICE_METHODS),
});
const supplementSchema = z.object({
  requestedOn: date,
  dueOn: date,
  items: z.string(),
  outcome: z.enum(['answered', 'unanswered']).optional(),
  resolvedOn: date.optional(),
});

export const whistleblowerRecordSchema = z.object({
  variant: z.enum(VARIANTS),
  route: z.enum(INTAKE_ROUTES),
  acrcReference: z.string().optional(),
  violatedLaw: z.string().optional(),
  reportedPersonRecorded: z.boolean(),
  oral: z.object({ writtenBy: z.string(), readBackOn: date, signed: z.literal(true) }).optional(),
  notices: z.array(noticeSchema),
  supplements: z.array(supplementSchema),
  screening: z
    .object({
      outcome: z.enum(['investigate', 'not-investigate', 'stop', 'close', 'transfer']),
      decidedOn: date,
      ground: z.enum(Object.keys(SCREENING_GROUNDS) as [ScreeningGround, ...ScreeningGround[]]).optional(),
      reason: z.string().optional(),
      notifiedOn: date.optional(),
      transferTo: z.string().optional(),
    })
    .optional(),
  investigation: z.object({ endedOn: date, findings: z.string(), violationFound: z.boolean() }).optional(),
  result: z.object({ measures: z.string(), notifiedOn: date }).optional(),
  acrcReport: z.object({ sentOn: date, summary: z.string() }).optional(),
});
export type WhistleblowerRecord = z.infer<typeof whistleblowerRecordSchema>;

declare module '../../domain/case.ts' {
  interface CaseDetailsByKind {
    /** Whistleblower reports only (route, variant, notices, screening, supplements, result, 권익위 report) — never the reporter. */
    whistleblower?: WhistleblowerRecord;
  }
  interface IntakeDetailsByKind {
    /** Whistleblower reports only; a direct report when absent (index.ts `details`). */
    whistleblower?: WhistleblowerIntake;
  }
}

export function openWhistleblower(intake: unknown): WhistleblowerRecord {
  const parsed = whistleblowerIntakeSchema.parse(intake ?? {});
  return { ...parsed, notices: [], supplements: [] };
}

/** What CASE_CREATED records: the route and variant, never who reported or who is reported. */
export function whistleblowerIntakeSummary(r: WhistleblowerRecord): Record<string, unknown> {
  return {
    variant: r.variant,
    route: r.route,
    ...(r.acrcReference !== undefined && { acrcReference: r.acrcReference }),
    oral: r.oral !== undefined,
  };
}

export const isReferred = (r: WhistleblowerRecord) => r.route !== 'direct';

// ── decisions ───────────────────────────────────────────────────────────────────────────────────

const method = z.enum(NOTICE_METHODS).describe('문서·전자문서 원칙, 신고자가 원하면 구두·전화 (시행령 제11조의4)');
export const whistleblowerDecisionForms = [
  z.strictObject({
    decision: z.literal('send-protection-notice'),
    sentOn: date.describe('보호·지원 안내 발송일'),
    method,
    reporterAskedOral: z.boolean().optional().describe('신고자가 구두·전화 안내를 원함'),
  }),
  z.strictObject({ decision: z.literal('start-investigation'), decidedOn: date, comment: text(2000).optional() }),
  z.strictObject({
    decision: z.literal('decline'),
    outcome: z.enum(['not-investigate', 'stop', 'close']).describe('조사하지 않음 / 중단 / 종결'),
    ground: z.enum(Object.keys(SCREENING_GROUNDS) as [ScreeningGround, ...ScreeningGround[]]),
    reason: text(5000),
    decidedOn: date,
    notifiedOn: date.describe('신고자 통지일 (지체 없이, 법 제10조③)'),
  }),
  z.strictObject({
    decision: z.literal('request-supplement'),
    requestedOn: date,
    dueOn: date,
    items: text(2000).describe('보완할 사항'),
  }),
  z.strictObject({
    decision: z.literal('transfer'),
    to: text(200).describe('이송받을 관할 조사기관'),
    transferredOn: date,
    notifiedOn: date.describe('신고자 통지일 (법 제10조⑥)'),
    protectionNoticeOn: date.describe('이송 통지와 함께 보낸 보호·지원 안내일 (시행령 제11조의4)'),
    protectionNoticeMethod: method,
  }),
  z.strictObject({ decision: z.literal('supplement-answered'), answeredOn: date }),
  z.strictObject({ decision: z.literal('supplement-unanswered'), confirmedOn: date }),
  z.strictObject({
    decision: z.literal('finish-investigation'),
    endedOn: date.describe('조사 종료일 (권익위 통보 10일의 기산점)'),
    findings: text(20_000),
    violationFound: z.boolean().describe('공익침해행위 확인 여부 (피신고자 정보 공개 금지는 확인 전까지, 법 제10조⑤)'),
  }),
  z.strictObject({
    decision: z.literal('notify-result'),
    measures: text(5000).describe('필요한 조치 (법 제10조④)'),
    notifiedOn: date,
    protectionNoticeOn: date.describe('결과 통지와 함께 보낸 보호·지원 안내일'),
    protectionNoticeMethod: method,
  }),
  z.strictObject({
    decision: z.literal('report-to-acrc'),
    sentOn: date,
    summary: text(5000).describe(
      '처리결과·경위·이유, 이후 처리방향, 보상금·구조금 대상 여부, 제도개선 요지 (시행령 제11조③)',
    ),
  }),
] as const;
export type WhistleblowerDecisionForm = z.infer<(typeof whistleblowerDecisionForms)[number]>;

export const WHISTLEBLOWER_DECISION_LABELS: Record<WhistleblowerDecisionForm['decision'], string> = {
  'send-protection-notice': '보호·지원 안내 발송',
  'start-investigation': '조사 개시',
  decline: '불조사·중단·종결',
  'request-supplement': '보완요구',
  transfer: '이송',
  'supplement-answered': '보완 접수',
  'supplement-unanswered': '보완 불응',
  'finish-investigation': '조사 종료',
  'notify-result': '조치결과 통지',
  'report-to-acrc': '권익위 결과 통보',
};
export const WHISTLEBLOWER_DECISIONS = Object.keys(
  WHISTLEBLOWER_DECISION_LABELS,
) as WhistleblowerDecisionForm['decision'][];

export const WHISTLEBLOWER_STEPS = [
  'protection-notice',
  'screening',
  'supplement',
  'investigation',
  'result-notice',
  'acrc-report',
  'close',
] as const;
export type WhistleblowerStep = (typeof WHISTLEBLOWER_STEPS)[number];

/** Which step comes next, read from the record alone (restart-safe). */
export function nextWhistleblowerStep(r: WhistleblowerRecord): WhistleblowerStep {
  if (!r.notices.some((n) => n.occasion === 'intake')) return 'protection-notice';
  if (r.supplements.some((s) => s.outcome === undefined)) return 'supplement';
  const s = r.screening;
  if (!s) return 'screening';
  if (s.outcome === 'transfer') return 'close';
  if (s.outcome === 'investigate') {
    if (!r.investigation) return 'investigation';
    if (!r.result) return 'result-notice';
  }
  if (isReferred(r) && !r.acrcReport) return 'acrc-report';
  return 'close';
}

const unansweredCount = (r: WhistleblowerRecord) => r.supplements.filter((s) => s.outcome === 'unanswered').length;

/**
 * Applies a decision to the record, refusing what the Act does not allow. `receivedOn` is the case's
 * receipt date (Korea). Returns the new record and what the history event says (never an identity).
 */
export function applyWhistleblowerDecision(
  r: WhistleblowerRecord,
  form: WhistleblowerDecisionForm,
  receivedOn: string,
): { record: WhistleblowerRecord; eventData: Record<string, unknown> } {
  const step = nextWhistleblowerStep(r);
  const expect = (...steps: WhistleblowerStep[]) => {
    if (!steps.includes(step))
      throw new IllegalTransitionError(
        `${form.decision} is not possible at the ${step} step`,
        `지금 단계(${step})에서는 '${WHISTLEBLOWER_DECISION_LABELS[form.decision]}'을(를) 할 수 없습니다`,
        { field: 'decision', rule: 'not_at_this_step' },
      );
  };
  const oralNeedsConsent = (m: string, asked: boolean | undefined, field: string) => {
    if ((m === '구두' || m === '전화') && !asked)
      throw refuse(
        `a protection notice by ${m} needs the reporter's wish for it; otherwise in writing (${PROTECTION_NOTICE_ARTICLE})`,
        `보호·지원 안내는 문서(전자문서)로 합니다. 구두·전화는 신고자가 원할 때만 (${PROTECTION_NOTICE_ARTICLE})`,
        field,
        'written_notice_required',
      );
  };
  switch (form.decision) {
    case 'send-protection-notice': {
      expect('protection-notice');
      assertNotBefore(form.sentOn, receivedOn, 'sentOn', '접수일');
      oralNeedsConsent(form.method, form.reporterAskedOral, 'method');
      return {
        record: { ...r, notices: [...r.notices, { occasion: 'intake', sentOn: form.sentOn, method: form.method }] },
        eventData: { notice: 'intake', sentOn: form.sentOn, method: form.method, article: PROTECTION_NOTICE_ARTICLE },
      };
    }
    case 'start-investigation':
      expect('screening');
      return {
        record: { ...r, screening: { outcome: 'investigate', decidedOn: form.decidedOn } },
        eventData: { screening: 'investigate', decidedOn: form.decidedOn, article: '공익신고자 보호법 제10조①' },
      };
    case 'decline': {
      expect('screening');
      if (form.ground === 'supplement-ignored' && unansweredCount(r) < 2) {
        throw refuse(
          `Closing for unanswered supplements needs two unanswered requests; ${unansweredCount(r)} so far (${SCREENING_GROUND_ARTICLE})`,
          `보완요구 불응을 사유로 하려면 보완요구에 2회 응하지 않아야 합니다 (지금 ${unansweredCount(r)}회, ${SCREENING_GROUND_ARTICLE})`,
          'ground',
          'two_unanswered_supplements',
        );
      }
      assertNotBefore(form.notifiedOn, form.decidedOn, 'notifiedOn', '결정일');
      return {
        record: {
          ...r,
          screening: {
            outcome: form.outcome,
            decidedOn: form.decidedOn,
            ground: form.ground,
            reason: form.reason,
            notifiedOn: form.notifiedOn,
          },
        },
        eventData: {
          screening: form.outcome,
          ground: form.ground,
          groundKo: SCREENING_GROUNDS[form.ground],
          reason: form.reason,
          notifiedOn: form.notifiedOn,
          article: SCREENING_GROUND_ARTICLE,
        },
      };
    }
    case 'request-supplement':
      expect('screening');
      assertNotBefore(form.dueOn, form.requestedOn, 'dueOn', '요구일');
      return {
        record: {
          ...r,
          supplements: [...r.supplements, { requestedOn: form.requestedOn, dueOn: form.dueOn, items: form.items }],
        },
        eventData: { supplement: r.supplements.length + 1, requestedOn: form.requestedOn, dueOn: form.dueOn },
      };
    case 'supplement-answered':
    case 'supplement-unanswered': {
      expect('supplement');
      const on = form.decision === 'supplement-answered' ? form.answeredOn : form.confirmedOn;
      const supplements = r.supplements.map((s) =>
        s.outcome === undefined
          ? {
              ...s,
              outcome: form.decision === 'supplement-answered' ? ('answered' as const) : ('unanswered' as const),
              resolvedOn: on,
            }
          : s,
      );
      return {
        record: { ...r, supplements },
        eventData: {
          supplement: supplements.length,
          outcome: form.decision === 'supplement-answered' ? 'answered' : 'unanswered',
          on,
          unanswered: supplements.filter((s) => s.outcome === 'unanswered').length,
        },
      };
    }
    case 'transfer':
      expect('screening');
      oralNeedsConsent(form.protectionNoticeMethod, false, 'protectionNoticeMethod');
      return {
        record: {
          ...r,
          screening: {
            outcome: 'transfer',
            decidedOn: form.transferredOn,
            transferTo: form.to,
            notifiedOn: form.notifiedOn,
          },
          notices: [
            ...r.notices,
            { occasion: 'transfer', sentOn: form.protectionNoticeOn, method: form.protectionNoticeMethod },
          ],
        },
        eventData: {
          screening: 'transfer',
          to: form.to,
          transferredOn: form.transferredOn,
          notifiedOn: form.notifiedOn,
          article: '공익신고자 보호법 제10조⑥',
          ...(isReferred(r) && { acrcConsultation: '재이첩은 권익위와 협의 (시행령 제11조①)' }),
        },
      };
    case 'finish-investigation':
      expect('investigation');
      assertNotBefore(form.endedOn, r.screening?.decidedOn ?? receivedOn, 'endedOn', '조사 개시일');
      return {
        record: {
          ...r,
          investigation: { endedOn: form.endedOn, findings: form.findings, violationFound: form.violationFound },
        },
        eventData: { endedOn: form.endedOn, violationFound: form.violationFound },
      };
    case 'notify-result':
      expect('result-notice');
      oralNeedsConsent(form.protectionNoticeMethod, false, 'protectionNoticeMethod');
      return {
        record: {
          ...r,
          result: { measures: form.measures, notifiedOn: form.notifiedOn },
          notices: [
            ...r.notices,
            { occasion: 'result', sentOn: form.protectionNoticeOn, method: form.protectionNoticeMethod },
          ],
        },
        eventData: { measures: form.measures, notifiedOn: form.notifiedOn, article: '공익신고자 보호법 제10조④' },
      };
    case 'report-to-acrc':
      expect('acrc-report');
      return {
        record: { ...r, acrcReport: { sentOn: form.sentOn, summary: form.summary } },
        eventData: {
          sentOn: form.sentOn,
          article: r.variant === 'corruption' ? '부패방지권익위법 제60조②' : '공익신고자 보호법 시행령 제11조②③',
        },
      };
  }
}
