/**
 * 납세자보호관 (the taxpayer advocate, 민원관리팀 — 81 consultations and complaints in 2023), as
 * 지방세기본법 시행령 제51조의2 describes the office:
 *
 *   a taxpayer asks: a 세무상담, a 고충민원 (after a disposition is complete) or a 권리보호요청 (before
 *   it is, e.g. during a tax audit or a collection procedure — the two defined apart in other
 *   districts' ordinances) → the advocate named → the review, during which the advocate may use the
 *   powers of 제51조의2② (시정요구, 세무조사 일시중지·중지 요구, 처분절차 일시중지 요구, 담당 세무공무원
 *   교체·징계 요구), each answered by the tax department → the result notified to the taxpayer → closed.
 *
 * Everything here is 과세정보 (지방세기본법 제86조: confidential): the module seals every case of the
 * kind (index.ts), so its title never reaches a mail, a list or an export, and its details live only
 * on the case record, which mail and exports never read. Decisions record codes and dates in their
 * events, never the text. The next step is read from this record (restart-safe). Pure: no AWS SDK.
 */
import * as z from 'zod';
import type { CaseRecord } from '../../domain/case.ts';
import { assertNotBefore, ValidationError, assertNotFuture } from '../../domain/errors.ts';
import { stepGuard } from '../../domain/kind.ts';
import type { AnyDecisionForm } from '../../domain/task.ts';
import { koreaDate } from '../../domain/korea-time.ts';

const date = z.iso.date();
const text = (max: number) => z.string().trim().min(1).max(max);

export const TAXPAYER_VARIANTS = {
  consultation: { labelKo: '세무상담', article: '지방세기본법 시행령 제51조의2①' },
  complaint: { labelKo: '고충민원 (처분 완료 후)', article: '지방세기본법 시행령 제51조의2①' },
  'rights-protection': { labelKo: '권리보호요청 (처분 완료 전)', article: '지방세기본법 시행령 제51조의2①' },
} as const;
export type TaxpayerVariant = keyof typeof TAXPAYER_VARIANTS;
const variantKeys = Object.keys(TAXPAYER_VARIANTS) as [TaxpayerVariant, ...TaxpayerVariant[]];

/** The advocate's powers (시행령 제51조의2②), each a request the tax department answers. */
export const TAXPAYER_POWERS = {
  correction: { labelKo: '위법·부당 처분 시정요구', article: '지방세기본법 시행령 제51조의2②1' },
  'suspend-audit': { labelKo: '세무조사 일시중지·중지 요구', article: '지방세기본법 시행령 제51조의2②2' },
  'suspend-procedure': { labelKo: '처분절차 일시중지 요구', article: '지방세기본법 시행령 제51조의2②' },
  'replace-official': { labelKo: '담당 세무공무원 교체·징계 요구', article: '지방세기본법 시행령 제51조의2②3' },
} as const;
export type TaxpayerPower = keyof typeof TAXPAYER_POWERS;
const powerKeys = Object.keys(TAXPAYER_POWERS) as [TaxpayerPower, ...TaxpayerPower[]];

export const TAXPAYER_RESULTS = ['해소', '일부 해소', '해소 불가', '상담 완료'] as const;

export const taxpayerIntakeSchema = z
  .strictObject({
    variant: z.enum(variantKeys).describe('유형: 세무상담 / 고충민원(처분 후) / 권리보호요청(처분 전)'),
    receivedOn: date.optional().describe('접수일 (없으면 오늘)'),
    taxItem: text(60).describe('세목 (예: 재산세, 취득세)'),
    disposition: text(500).optional().describe('처분·절차 (고충민원·권리보호요청은 필수)'),
    matter: text(10_000).describe('요청 내용 (과세정보: 메일·목록·내보내기에 나가지 않음)'),
  })
  .describe('납세자보호관 접수 정보 (과세정보, 지방세기본법 제86조)');
export type TaxpayerIntake = z.input<typeof taxpayerIntakeSchema>;

const requestSchema = z.object({
  power: z.enum(powerKeys),
  content: z.string(),
  requestedOn: date,
  requestedBy: z.string(),
  reply: z.object({ accepted: z.boolean(), content: z.string(), repliedOn: date }).optional(),
});

export const taxpayerRecordSchema = z.object({
  variant: z.enum(variantKeys),
  receivedOn: date,
  taxItem: z.string(),
  disposition: z.string().optional(),
  /** Whether the disposition was complete at receipt (고충민원) or not yet (권리보호요청). */
  dispositionCompleted: z.boolean().optional(),
  matter: z.string(),
  requests: z.array(requestSchema),
  result: z.object({ result: z.enum(TAXPAYER_RESULTS), content: z.string(), notifiedOn: date }).optional(),
});
export type TaxpayerRecord = z.infer<typeof taxpayerRecordSchema>;

declare module '../../domain/case.ts' {
  interface CaseDetailsByKind {
    /** Taxpayer-advocate cases only: the request (과세정보), the advocate's requests and replies, the result. */
    taxpayer?: TaxpayerRecord;
  }
  interface IntakeDetailsByKind {
    taxpayer?: TaxpayerIntake;
  }
}

export function openTaxpayerCase(intake: unknown, receivedAt: string): TaxpayerRecord {
  if (intake === undefined)
    throw new ValidationError('taxpayer details are required', '납세자보호관 접수 정보(taxpayer)를 입력하세요', {
      field: 'taxpayer',
      rule: 'required',
    });
  const p = taxpayerIntakeSchema.parse(intake);
  if (p.variant !== 'consultation' && p.disposition === undefined)
    throw new ValidationError(
      `taxpayer.disposition is required for a ${p.variant}`,
      `${TAXPAYER_VARIANTS[p.variant].labelKo}에는 대상 처분·절차를 입력해야 합니다`,
      { field: 'taxpayer.disposition', rule: 'required' },
    );
  return {
    variant: p.variant,
    receivedOn: p.receivedOn ?? koreaDate(new Date(receivedAt)),
    taxItem: p.taxItem,
    ...(p.disposition !== undefined && { disposition: p.disposition }),
    ...(p.variant !== 'consultation' && { dispositionCompleted: p.variant === 'complaint' }),
    matter: p.matter,
    requests: [],
  };
}

/** What the CASE_CREATED event carries: codes and dates, never the request's text (제86조). */
export function taxpayerIntakeSummary(r: TaxpayerRecord): Record<string, unknown> {
  return { variant: r.variant, variantKo: TAXPAYER_VARIANTS[r.variant].labelKo, receivedOn: r.receivedOn };
}

// ── steps ─────────────────────────────────────────────────────────────────────────────────────────

export const TAXPAYER_STEPS = ['assign', 'review', 'department-reply', 'close'] as const;
export type TaxpayerStep = (typeof TAXPAYER_STEPS)[number];

export function nextTaxpayerStep(c: Pick<CaseRecord, 'assigneeSub'> & { taxpayer?: TaxpayerRecord }): TaxpayerStep {
  const r = c.taxpayer;
  if (!c.assigneeSub) return 'assign';
  if (!r) throw new Error('a taxpayer-advocate case without its details');
  if (r.requests.some((q) => q.reply === undefined)) return 'department-reply';
  if (!r.result) return 'review';
  return 'close';
}

// ── decisions ───────────────────────────────────────────────────────────────────────────────────
// No form field is called reasons/reason/comment: the timeline exports those as its 사유 column.

export const taxpayerDecisionForms = [
  z.strictObject({
    decision: z.literal('request-correction'),
    power: z
      .enum(powerKeys)
      .describe('권한: 시정요구 / 세무조사 중지 / 처분절차 일시중지 / 담당자 교체·징계 (제51조의2②)'),
    content: text(10_000).describe('요구 내용'),
  }),
  z.strictObject({
    decision: z.literal('record-department-reply'),
    accepted: z.boolean().describe('세무부서의 수용 여부'),
    content: text(10_000).describe('세무부서 회신 내용'),
    repliedOn: date.describe('회신일'),
  }),
  z.strictObject({
    decision: z.literal('notify-taxpayer'),
    result: z.enum(TAXPAYER_RESULTS).describe('처리 결과'),
    content: text(10_000).describe('납세자에게 통지한 내용'),
    notifiedOn: date.describe('결과 통지일'),
  }),
] as const;
export type TaxpayerDecisionForm = z.infer<(typeof taxpayerDecisionForms)[number]>;

export const TAXPAYER_DECISION_LABELS: Record<TaxpayerDecisionForm['decision'], string> = {
  'request-correction': '납세자보호관 요구 (시정·중지·교체 등)',
  'record-department-reply': '세무부서 회신 기록',
  'notify-taxpayer': '처리 결과 통지',
};

export function applyTaxpayerDecision(
  c: CaseRecord & { taxpayer?: TaxpayerRecord },
  form: AnyDecisionForm,
  actorSub: string,
  at: string,
): { record: TaxpayerRecord; eventData: Record<string, unknown> } | undefined {
  const r = c.taxpayer;
  if (!r || !(form.decision in TAXPAYER_DECISION_LABELS)) return undefined;
  const step = nextTaxpayerStep(c);
  const today = at.slice(0, 10);
  const expect = stepGuard(form.decision, step, { en: 'a taxpayer-advocate case', ko: '납세자보호관 사건' });
  const f = form as TaxpayerDecisionForm;
  switch (f.decision) {
    case 'request-correction': {
      expect('review');
      if (r.variant === 'consultation')
        throw new ValidationError(
          'a consultation carries no request to the tax department: register a complaint or a rights-protection request',
          '세무상담에는 세무부서 요구를 할 수 없습니다. 고충민원이나 권리보호요청으로 접수하세요',
          { field: 'decision', rule: 'not_for_consultation' },
        );
      if (f.power === 'suspend-procedure' && r.dispositionCompleted)
        throw new ValidationError(
          'a completed disposition cannot be suspended: ask for its correction instead',
          '이미 완료된 처분은 일시중지를 요구할 수 없습니다. 시정요구를 하세요',
          { field: 'power', rule: 'disposition_completed' },
        );
      return {
        record: {
          ...r,
          requests: [...r.requests, { power: f.power, content: f.content, requestedOn: today, requestedBy: actorSub }],
        },
        eventData: {
          power: f.power,
          powerKo: TAXPAYER_POWERS[f.power].labelKo,
          article: TAXPAYER_POWERS[f.power].article,
        },
      };
    }
    case 'record-department-reply': {
      expect('department-reply');
      const pending = r.requests.findIndex((q) => q.reply === undefined);
      const request = r.requests[pending]!;
      assertNotBefore(f.repliedOn, request.requestedOn, 'repliedOn', '요구일');
      assertNotFuture(f.repliedOn, today, 'repliedOn');
      const requests = r.requests.map((q, i) =>
        i === pending ? { ...q, reply: { accepted: f.accepted, content: f.content, repliedOn: f.repliedOn } } : q,
      );
      return {
        record: { ...r, requests },
        eventData: { power: request.power, accepted: f.accepted, repliedOn: f.repliedOn },
      };
    }
    case 'notify-taxpayer':
      expect('review');
      assertNotBefore(f.notifiedOn, r.receivedOn, 'notifiedOn', '접수일');
      assertNotFuture(f.notifiedOn, today, 'notifiedOn');
      return {
        record: { ...r, result: { result: f.result, content: f.content, notifiedOn: f.notifiedOn } },
        eventData: { result: f.result, notifiedOn: f.notifiedOn },
      };
  }
}
