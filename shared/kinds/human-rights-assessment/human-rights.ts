/**
 * 자치법규 제·개정안 사전 인권영향평가 (human-rights impact assessment of draft local laws, 조사팀 —
 * 64 in 2023, reported to the 인권위원회). No statute mandates it; the procedure follows the manuals of
 * other districts (수원시, 관악구):
 *
 *   the department drafting a 조례·규칙 asks, with its legislative notice date → the officer named →
 *   the department's self-check list (자체점검표) on the four criteria → the assessment on the same
 *   criteria → 원안 동의 (closed) or 개선 권고 naming the articles concerned → the department's answer:
 *   accepted, or the reasons it refuses (kept before the 조례·규칙심의) → closed.
 *
 * The next step is read from this record (restart-safe). Pure: no AWS SDK.
 */
import * as z from 'zod';
import type { CaseRecord } from '../../domain/case.ts';
import { assertNotBefore, ValidationError, assertNotFuture } from '../../domain/errors.ts';
import { refuse, stepGuard } from '../../domain/kind.ts';
import type { AnyDecisionForm } from '../../domain/task.ts';
import { koreaDate } from '../../domain/korea-time.ts';

const date = z.iso.date();
const text = (max: number) => z.string().trim().min(1).max(max);

/** The four criteria (관악구 평가 4항목). */
export const HUMAN_RIGHTS_CRITERIA = {
  infringement: '인권 보장·침해 여부',
  remedy: '침해 시 구제수단',
  participation: '구민 참여권',
  promotion: '인권 증진 효과',
} as const;
export type HumanRightsCriterion = keyof typeof HUMAN_RIGHTS_CRITERIA;

export const LAW_TYPES = ['조례', '규칙'] as const;
export const LAW_CHANGES = ['제정', '전부개정', '일부개정', '폐지'] as const;
export const CONCLUSIONS = ['원안 동의', '개선 권고'] as const;
export const RESPONSES = ['수용', '일부 수용', '불수용'] as const;

export const humanRightsCheckSchema = z.strictObject({
  concern: z.boolean().describe('이 기준에서 우려가 있는지'),
  note: text(2000).describe('판단 근거'),
});
/** One answer per criterion: the self-check list and the assessment have the same shape. */
const criteriaSchema = z.strictObject({
  infringement: humanRightsCheckSchema,
  remedy: humanRightsCheckSchema,
  participation: humanRightsCheckSchema,
  promotion: humanRightsCheckSchema,
});

export const humanRightsIntakeSchema = z
  .strictObject({
    lawTitle: text(200).describe('자치법규명 (제·개정안)'),
    lawType: z.enum(LAW_TYPES).describe('조례 / 규칙'),
    change: z.enum(LAW_CHANGES).describe('제정 / 전부개정 / 일부개정 / 폐지'),
    department: text(100).describe('소관부서'),
    requestedOn: date.optional().describe('평가 요청일 (없으면 접수일)'),
    legislativeNoticeOn: date.describe('입법예고 예정일: 평가는 이 날부터 거꾸로 센 날까지'),
  })
  .describe('자치법규 인권영향평가 요청');
export type HumanRightsIntake = z.input<typeof humanRightsIntakeSchema>;

export const humanRightsRecordSchema = z.object({
  lawTitle: z.string(),
  lawType: z.enum(LAW_TYPES),
  change: z.enum(LAW_CHANGES),
  department: z.string(),
  requestedOn: date,
  legislativeNoticeOn: date,
  selfCheck: z.object({ submittedOn: date, criteria: criteriaSchema }).optional(),
  assessment: z
    .object({
      criteria: criteriaSchema,
      conclusion: z.enum(CONCLUSIONS),
      articles: z.array(z.string()),
      recommendation: z.string().optional(),
      assessedOn: date,
      assessedBy: z.string(),
    })
    .optional(),
  response: z
    .object({ response: z.enum(RESPONSES), refusalGrounds: z.string().optional(), respondedOn: date })
    .optional(),
});
export type HumanRightsRecord = z.infer<typeof humanRightsRecordSchema>;

declare module '../../domain/case.ts' {
  interface CaseDetailsByKind {
    /** Human-rights impact assessments only: the draft law, the self-check, the assessment, the department's answer. */
    humanRights?: HumanRightsRecord;
  }
  interface IntakeDetailsByKind {
    humanRights?: HumanRightsIntake;
  }
}

export function openHumanRights(intake: unknown, receivedAt: string): HumanRightsRecord {
  if (intake === undefined)
    throw new ValidationError(
      'humanRights details are required',
      '인권영향평가 요청 정보(humanRights: 자치법규명, 소관부서, 입법예고일)를 입력하세요',
      { field: 'humanRights', rule: 'required' },
    );
  const p = humanRightsIntakeSchema.parse(intake);
  const requestedOn = p.requestedOn ?? koreaDate(new Date(receivedAt));
  assertNotBefore(p.legislativeNoticeOn, requestedOn, 'humanRights.legislativeNoticeOn', '평가 요청일');
  return { ...p, requestedOn };
}

export function humanRightsIntakeSummary(r: HumanRightsRecord): Record<string, unknown> {
  return {
    lawTitle: r.lawTitle,
    lawType: r.lawType,
    change: r.change,
    department: r.department,
    legislativeNoticeOn: r.legislativeNoticeOn,
  };
}

// ── steps ─────────────────────────────────────────────────────────────────────────────────────────

export const HUMAN_RIGHTS_STEPS = ['assign', 'self-check', 'assess', 'response', 'close'] as const;
export type HumanRightsStep = (typeof HUMAN_RIGHTS_STEPS)[number];

export function nextHumanRightsStep(
  c: Pick<CaseRecord, 'assigneeSub'> & { humanRights?: HumanRightsRecord },
): HumanRightsStep {
  const r = c.humanRights;
  if (!c.assigneeSub) return 'assign';
  if (!r) throw new Error('a human-rights assessment without its details');
  if (!r.selfCheck) return 'self-check';
  if (!r.assessment) return 'assess';
  if (r.assessment.conclusion === '개선 권고' && !r.response) return 'response';
  return 'close';
}

// ── decisions ───────────────────────────────────────────────────────────────────────────────────

export const humanRightsDecisionForms = [
  z.strictObject({
    decision: z.literal('record-self-check'),
    submittedOn: date.describe('소관부서 자체점검표 제출일'),
    criteria: criteriaSchema.describe('자체점검표: 4개 기준별 우려 여부와 근거'),
  }),
  z.strictObject({
    decision: z.literal('propose-assessment'),
    criteria: criteriaSchema.describe('기준별 평가'),
    conclusion: z.enum(CONCLUSIONS).describe('원안 동의 / 개선 권고'),
    articles: z.array(text(100)).max(100).default([]).describe('개선 권고 대상 조항 (예: 제5조②)'),
    recommendation: text(20_000).optional().describe('개선 권고 내용'),
  }),
  z.strictObject({
    decision: z.literal('record-department-response'),
    response: z.enum(RESPONSES).describe('수용 / 일부 수용 / 불수용'),
    refusalGrounds: text(10_000).optional().describe('불수용·일부 수용 사유 (필수)'),
    respondedOn: date.describe('소관부서 회신일'),
  }),
] as const;
export type HumanRightsDecisionForm = z.infer<(typeof humanRightsDecisionForms)[number]>;

export const HUMAN_RIGHTS_DECISION_LABELS: Record<HumanRightsDecisionForm['decision'], string> = {
  'record-self-check': '자체점검표 접수',
  'propose-assessment': '인권영향평가 검토의견',
  'record-department-response': '소관부서 수용 여부 회신',
};

export function applyHumanRightsDecision(
  c: CaseRecord & { humanRights?: HumanRightsRecord },
  form: AnyDecisionForm,
  actorSub: string,
  at: string,
): { record: HumanRightsRecord; eventData: Record<string, unknown> } | undefined {
  const r = c.humanRights;
  if (!r || !(form.decision in HUMAN_RIGHTS_DECISION_LABELS)) return undefined;
  const step = nextHumanRightsStep(c);
  const today = at.slice(0, 10);
  const expect = stepGuard(form.decision, step, { en: 'a human-rights assessment', ko: '인권영향평가' });
  const f = form as HumanRightsDecisionForm;
  switch (f.decision) {
    case 'record-self-check':
      expect('self-check');
      assertNotBefore(f.submittedOn, r.requestedOn, 'submittedOn', '평가 요청일');
      assertNotFuture(f.submittedOn, today, 'submittedOn');
      return {
        record: { ...r, selfCheck: { submittedOn: f.submittedOn, criteria: f.criteria } },
        eventData: { submittedOn: f.submittedOn },
      };
    case 'propose-assessment': {
      expect('assess');
      const articles = f.articles ?? [];
      if (f.conclusion === '개선 권고' && (articles.length === 0 || f.recommendation === undefined))
        throw refuse(
          'a recommendation names the articles concerned and what to improve',
          '개선 권고에는 대상 조항과 권고 내용을 적어야 합니다',
          articles.length === 0 ? 'articles' : 'recommendation',
          'required_for_recommendation',
        );
      const concerns = (Object.keys(HUMAN_RIGHTS_CRITERIA) as HumanRightsCriterion[]).filter(
        (k) => f.criteria[k].concern,
      );
      if (f.conclusion === '원안 동의' && concerns.length > 0)
        throw refuse(
          `the assessment found concerns (${concerns.join(', ')}): agreeing to the draft as it is needs none`,
          `우려가 있는 기준(${concerns.map((k) => HUMAN_RIGHTS_CRITERIA[k]).join(', ')})이 있으면 원안 동의할 수 없습니다. 개선 권고하세요`,
          'conclusion',
          'concerns_found',
        );
      return {
        record: {
          ...r,
          assessment: {
            criteria: f.criteria,
            conclusion: f.conclusion,
            articles,
            ...(f.recommendation !== undefined && { recommendation: f.recommendation }),
            assessedOn: today,
            assessedBy: actorSub,
          },
        },
        eventData: { conclusion: f.conclusion, articles, concerns },
      };
    }
    case 'record-department-response':
      expect('response');
      if (f.response !== '수용' && f.refusalGrounds === undefined)
        throw refuse(
          'a recommendation not (fully) accepted needs the department’s reasons',
          '불수용·일부 수용에는 사유를 적어야 합니다 (조례·규칙심의 전에 남김)',
          'refusalGrounds',
          'required_for_refusal',
        );
      assertNotBefore(f.respondedOn, r.assessment?.assessedOn ?? r.requestedOn, 'respondedOn', '검토의견 통보일');
      assertNotFuture(f.respondedOn, today, 'respondedOn');
      return {
        record: {
          ...r,
          response: {
            response: f.response,
            ...(f.refusalGrounds !== undefined && { refusalGrounds: f.refusalGrounds }),
            respondedOn: f.respondedOn,
          },
        },
        eventData: { response: f.response, respondedOn: f.respondedOn },
      };
  }
}

/**
 * The assessment as the 인권위원회 is told it (보고 안건): the draft law, the conclusion with the articles
 * recommended on, and the department's answer. No reviewer's name.
 */
export function humanRightsReportLine(r: HumanRightsRecord | undefined): string {
  if (!r) return '인권영향평가';
  const law = `「${r.lawTitle}」 ${r.change}안(${r.lawType}, ${r.department})`;
  const a = r.assessment;
  if (!a) return `${law} — 평가 없이 종결`;
  const articles = a.articles.length > 0 ? ` (${a.articles.join(', ')})` : '';
  const answer = r.response
    ? ` → 부서 ${r.response.response}${r.response.refusalGrounds ? `: ${r.response.refusalGrounds}` : ''}`
    : '';
  return `${law} — ${a.conclusion}${articles}${answer}`;
}
