/**
 * 지적사항 (findings) of a self-audit — and the demands of an audit received from the city or a
 * ministry (외부기관 감사 수감), which are tracked the same way: first-class records under the audit case, each with the
 * disposition demanded (공공감사법 제23조: 변상명령, 징계·문책, 시정, 주의, 개선, 권고, 통보, 고발), the
 * officials and department concerned, the amounts to recover and saved, and the legal basis; then its
 * follow-up (이행): a due date (a setting, 법 제23조③ sets none), an action plan (조치계획) for long
 * items, and the result. A discipline finding may open an internal investigation, linked both ways.
 *
 * Which kinds hold findings, under which details key and with which follow-up clock, is
 * `FINDINGS_HOLDERS` below (one module, shared — not a copy per kind).
 *
 * The findings live on the audit's record (one item, one version): adding or changing one is a
 * conditional write of the case with an event on its hash chain. Pure: no AWS SDK.
 */
import * as z from 'zod';
import type { Calendar } from '../../calendar/index.ts';
import type { CaseChange, CaseRecord } from '../../domain/case.ts';
import { assertOpen } from '../../domain/case.ts';
import { assertNotBefore, IllegalTransitionError, NotFoundError, ValidationError } from '../../domain/errors.ts';
import type { EventActor } from '../../domain/history.ts';
import { officialInputSchema } from '../misconduct/misconduct.ts';
import type { TaskDue } from '../../domain/task.ts';
import { receivedFollowUpDue } from '../audit-received/audit-received-deadlines.ts';
import { followUpDue } from './self-audit-deadlines.ts';

const date = z.iso.date();
const text = (max: number) => z.string().trim().min(1).max(max);
const won = z.number().int('must be a whole number of won').min(0, 'must not be negative');

export const DISPOSITIONS = {
  compensation: { labelKo: '변상명령' },
  discipline: { labelKo: '징계·문책' },
  correction: { labelKo: '시정' },
  caution: { labelKo: '주의' },
  improvement: { labelKo: '개선' },
  recommendation: { labelKo: '권고' },
  notification: { labelKo: '통보' },
  accusation: { labelKo: '고발' },
  /** 행정감사규정 제18조④: an external audit's 경고 is published within 10 days; not a self-audit disposition of 공공감사법 제23조. */
  warning: { labelKo: '경고' },
} as const;
export type Disposition = keyof typeof DISPOSITIONS;
export const DISPOSITION_KEYS = Object.keys(DISPOSITIONS) as [Disposition, ...Disposition[]];
export const SELF_AUDIT_DISPOSITIONS = DISPOSITION_KEYS.filter((d) => d !== 'warning');

/** A kind whose cases hold findings: where they are kept, what is demanded, and when 이행 is due. */
export interface FindingsHolderSpec {
  /** The details key holding the record with `findings` and `resultNotice`. */
  key: string;
  labelKo: string;
  dispositions: readonly Disposition[];
  /** The 이행결과's due date from the day the result was notified (or received). */
  followUpDue: (notifiedOn: string, calendar: Calendar, days?: number) => TaskDue;
  /** Whether a finding's own `followUpDays` may change it (a setting may; a rule may not). */
  followUpDaysAllowed: boolean;
}

export const FINDINGS_HOLDERS: Readonly<Record<string, FindingsHolderSpec>> = Object.freeze({
  'self-audit': {
    key: 'selfAudit',
    labelKo: '자체감사',
    dispositions: SELF_AUDIT_DISPOSITIONS,
    followUpDue,
    followUpDaysAllowed: true,
  },
  'audit-received': {
    key: 'auditReceived',
    labelKo: '외부기관 감사',
    dispositions: DISPOSITION_KEYS,
    followUpDue: receivedFollowUpDue,
    followUpDaysAllowed: false,
  },
});

export const findingsHolderOf = (c: Pick<CaseRecord, 'kind'>): FindingsHolderSpec | undefined =>
  FINDINGS_HOLDERS[c.kind];

const findingFields = {
  title: text(200).describe('지적사항 제목'),
  description: text(20_000).describe('지적 내용'),
  disposition: z
    .enum(DISPOSITION_KEYS)
    .describe('처분요구: 변상명령·징계문책·시정·주의·개선·권고·통보·고발·경고(외부기관 감사)'),
  department: text(100).describe('관련 부서'),
  officials: z.array(officialInputSchema).max(30).describe('관련 공무원'),
  recoverWon: won.optional().describe('회수(추징·회수·변상) 대상 금액 (원)'),
  savedWon: won.optional().describe('절감액 (원)'),
  legalBasis: text(1000).describe('근거 법령·규정'),
};

export const findingInputSchema = z
  .strictObject({
    ...findingFields,
    officials: findingFields.officials.default([]),
    followUpDays: z
      .number()
      .int()
      .min(1)
      .max(730)
      .optional()
      .describe('이행 기한(결과 통보일부터 일수) — 없으면 설정값(기본 60일, 구 규칙 확인 필요)'),
  })
  .describe('지적사항');
export type FindingInput = z.input<typeof findingInputSchema>;

/** The patch's fields (the API adds `expectedVersion`); at least one must be given. */
export const findingPatchFields = z
  .strictObject({
    title: findingFields.title.optional(),
    description: findingFields.description.optional(),
    disposition: findingFields.disposition.optional(),
    department: findingFields.department.optional(),
    officials: findingFields.officials.optional(),
    recoverWon: won.nullable().optional().describe('null이면 지움'),
    savedWon: won.nullable().optional().describe('null이면 지움'),
    legalBasis: findingFields.legalBasis.optional(),
    followUpDays: z.number().int().min(1).max(730).optional(),
    actionPlan: z
      .strictObject({
        submittedOn: date.describe('조치계획 제출일'),
        content: text(5000).describe('조치계획 (예산 확보 등 장기 사항)'),
        expectedOn: date.describe('완료 예정일 — 이행 기한이 이 날로 바뀜'),
      })
      .optional()
      .describe('조치계획 (장기 사항은 이행결과 대신 계획 제출, 완료 시 결과 통보)'),
    followUpResult: z
      .strictObject({
        completedOn: date.describe('이행 완료일'),
        content: text(5000).describe('이행 내용'),
        recoveredWon: won.optional().describe('실제 회수한 금액 (원)'),
      })
      .optional()
      .describe('이행결과'),
  })
  .describe('지적사항 수정·이행 기록');
export const nonEmptyPatch = (p: object) => Object.keys(p).filter((k) => k !== 'expectedVersion').length > 0;
export const findingPatchSchema = findingPatchFields.refine(nonEmptyPatch, { message: 'nothing to change' });
export type FindingPatch = z.infer<typeof findingPatchSchema>;

export const findingSchema = z.object({
  findingId: z.string(),
  number: z.number().int(),
  title: z.string(),
  description: z.string(),
  disposition: z.enum(DISPOSITION_KEYS),
  department: z.string(),
  officials: z.array(
    z.object({
      name: z.string(),
      department: z.string(),
      grade: z.string(),
      staffSub: z.string().optional(),
      notStaff: z.literal(true).optional(),
    }),
  ),
  recoverWon: won.optional(),
  savedWon: won.optional(),
  legalBasis: z.string(),
  /** `cancelled` by a reconsideration (법 제25조): no follow-up is owed. */
  status: z.enum(['active', 'cancelled']),
  followUpDays: z.number().int().optional(),
  followUp: z.object({
    dueOn: date.optional(),
    basisKo: z.string().optional(),
    actionPlan: z.object({ submittedOn: date, content: z.string(), expectedOn: date }).optional(),
    result: z.object({ completedOn: date, content: z.string(), recoveredWon: won.optional() }).optional(),
  }),
  misconduct: z
    .object({
      /** Set while the case is being opened (by whom), so a second request does not open another. */
      openingBy: z.string().optional(),
      caseId: z.string().optional(),
      caseNumber: z.string().optional(),
      openedOn: date.optional(),
    })
    .optional(),
  addedOn: date,
  addedBy: z.string(),
});
export type Finding = z.infer<typeof findingSchema>;

/** What the findings need of the audit record. */
export interface FindingsHolder {
  findings: Finding[];
  resultNotice?: { notifiedOn: string } | undefined;
}

type HolderRecord = FindingsHolder & Record<string, unknown>;
const recordOf = (c: CaseRecord, spec: FindingsHolderSpec) =>
  (c as unknown as Record<string, HolderRecord | undefined>)[spec.key];

export function findingsOf(c: CaseRecord): Finding[] {
  const spec = findingsHolderOf(c);
  return (spec && recordOf(c, spec)?.findings) ?? [];
}

export function findFinding(c: CaseRecord, findingId: string): Finding {
  const f = findingsOf(c).find((x) => x.findingId === findingId);
  if (!f)
    throw new NotFoundError(
      `No finding ${findingId} on case ${c.caseNumber}`,
      `지적사항(${findingId})을 찾을 수 없습니다`,
      {
        field: 'findingId',
        rule: 'not_found',
      },
    );
  return f;
}

function holderOf(c: CaseRecord): { spec: FindingsHolderSpec; r: HolderRecord } {
  const spec = findingsHolderOf(c);
  const r = spec && recordOf(c, spec);
  if (!spec || !r)
    throw new ValidationError(
      'Findings are recorded on self-audits and audits received only',
      '지적사항은 자체감사와 외부기관 감사 수감에만 기록합니다',
      { field: 'caseId', rule: 'not_a_self_audit' },
    );
  return { spec, r };
}

/** The follow-up's due date once the result is notified: the plan's date, or the holder's rule or setting. */
export function withFollowUpDue(
  f: Finding,
  notifiedOn: string | undefined,
  calendar: Calendar,
  dueFrom: FindingsHolderSpec['followUpDue'] = followUpDue,
): Finding {
  if (notifiedOn === undefined || f.status === 'cancelled') return f;
  if (f.followUp.actionPlan)
    return {
      ...f,
      followUp: {
        ...f.followUp,
        dueOn: f.followUp.actionPlan.expectedOn,
        basisKo: `조치계획의 완료 예정일 (${f.followUp.actionPlan.submittedOn} 제출)`,
      },
    };
  const due = dueFrom(notifiedOn, calendar, f.followUpDays);
  return { ...f, followUp: { ...f.followUp, dueOn: due.dueAt.slice(0, 10), basisKo: due.basis.labelKo } };
}

/** Open follow-ups: active findings with no result yet. */
export const followUpOpen = (f: Finding) => f.status === 'active' && f.followUp.result === undefined;

function commitFindings(
  c: CaseRecord,
  findings: Finding[],
  extra: Record<string, unknown>,
  draft: CaseChange['drafts'][number],
  now: string,
): CaseChange {
  const { spec, r } = holderOf(c);
  return {
    next: { ...c, [spec.key]: { ...r, ...extra, findings }, updatedAt: now, version: c.version + 1 } as CaseRecord,
    drafts: [draft],
  };
}

const summaryOf = (f: Finding) => ({
  findingId: f.findingId,
  number: f.number,
  disposition: f.disposition,
  dispositionKo: DISPOSITIONS[f.disposition].labelKo,
  department: f.department,
  ...(f.recoverWon !== undefined && { recoverWon: f.recoverWon }),
  ...(f.savedWon !== undefined && { savedWon: f.savedWon }),
});

export function addFinding(
  c: CaseRecord,
  input: FindingInput,
  findingId: string,
  actor: EventActor,
  now: string,
): CaseChange {
  assertOpen(c, 'update');
  const { spec, r } = holderOf(c);
  if (r.resultNotice)
    throw new IllegalTransitionError(
      `The result of ${c.caseNumber} was notified on ${r.resultNotice.notifiedOn}: findings are fixed (a reconsideration may change them)`,
      `감사결과가 이미 통보되었습니다(${r.resultNotice.notifiedOn}). 지적사항은 재심의로만 바뀝니다`,
      { field: 'caseId', rule: 'result_notified' },
    );
  const parsed = findingInputSchema.parse(input);
  assertHolderAllows(spec, parsed);
  const { followUpDays, ...fields } = parsed;
  const number = r.findings.reduce((n, f) => Math.max(n, f.number), 0) + 1;
  const finding: Finding = {
    findingId,
    number,
    ...fields,
    status: 'active',
    ...(followUpDays !== undefined && { followUpDays }),
    followUp: {},
    addedOn: now.slice(0, 10),
    addedBy: actor.sub,
  };
  return commitFindings(
    c,
    [...r.findings, finding],
    {},
    { type: 'FINDING_RECORDED', at: now, actor, data: summaryOf(finding) },
    now,
  );
}

function assertHolderAllows(spec: FindingsHolderSpec, f: { disposition?: Disposition; followUpDays?: number }) {
  if (f.disposition !== undefined && !spec.dispositions.includes(f.disposition))
    throw new ValidationError(
      `${spec.labelKo} findings do not demand ${f.disposition}`,
      `${spec.labelKo}의 처분요구에는 ${DISPOSITIONS[f.disposition].labelKo}이(가) 없습니다`,
      { field: 'disposition', rule: 'not_for_kind' },
    );
  if (f.followUpDays !== undefined && !spec.followUpDaysAllowed)
    throw new ValidationError(
      `${spec.labelKo}: the follow-up period is set by rule`,
      `${spec.labelKo}의 이행 기한은 규정으로 정해져 있어 바꿀 수 없습니다`,
      { field: 'followUpDays', rule: 'not_for_kind' },
    );
}

/**
 * Changes a finding: its substance before the result is notified; its follow-up (action plan,
 * result) after. A follow-up's dates may not precede the result notice or lie in the future.
 */
export function updateFinding(
  c: CaseRecord,
  findingId: string,
  patch: FindingPatch,
  actor: EventActor,
  now: string,
  calendar: Calendar,
): CaseChange {
  assertOpen(c, 'update');
  const { spec, r } = holderOf(c);
  const f = findFinding(c, findingId);
  const today = now.slice(0, 10);
  assertHolderAllows(spec, patch);
  const { actionPlan, followUpResult, recoverWon, savedWon, ...substance } = patch;
  const changesSubstance = Object.keys(substance).length > 0 || recoverWon !== undefined || savedWon !== undefined;
  const notifiedOn = r.resultNotice?.notifiedOn;
  if (changesSubstance && notifiedOn !== undefined && !(Object.keys(substance).length === 1 && substance.followUpDays))
    throw new IllegalTransitionError(
      'The result was notified: a finding changes only through a reconsideration',
      `감사결과가 이미 통보되었습니다(${notifiedOn}). 지적사항 내용은 재심의로만 바뀝니다`,
      { field: Object.keys(substance)[0] ?? 'recoverWon', rule: 'result_notified' },
    );
  if ((actionPlan || followUpResult) && notifiedOn === undefined)
    throw new IllegalTransitionError(
      'Follow-up is recorded after the result is notified',
      '이행(조치계획·이행결과)은 감사결과 통보 후에 기록합니다',
      { field: actionPlan ? 'actionPlan' : 'followUpResult', rule: 'result_not_notified' },
    );
  if ((actionPlan || followUpResult) && f.status === 'cancelled')
    throw new IllegalTransitionError(
      `Finding ${f.number} was cancelled by a reconsideration`,
      `지적사항 ${f.number}은(는) 재심의로 취소되어 이행할 것이 없습니다`,
      { field: 'findingId', rule: 'finding_cancelled' },
    );
  if (followUpResult && f.followUp.result)
    throw new IllegalTransitionError(
      `Finding ${f.number}'s follow-up result is already recorded`,
      `지적사항 ${f.number}의 이행결과는 이미 기록되었습니다`,
      { field: 'followUpResult', rule: 'already_recorded' },
    );
  if (notifiedOn !== undefined) {
    for (const [field, on] of [
      ['actionPlan.submittedOn', actionPlan?.submittedOn],
      ['followUpResult.completedOn', followUpResult?.completedOn],
    ] as const) {
      if (on === undefined) continue;
      assertNotBefore(on, notifiedOn, field, '감사결과 통보일');
      if (on > today)
        throw new ValidationError(`${field} is in the future`, '이행 기록의 날짜는 오늘 이후일 수 없습니다', {
          field,
          rule: 'not_in_future',
        });
    }
    if (actionPlan)
      assertNotBefore(actionPlan.expectedOn, actionPlan.submittedOn, 'actionPlan.expectedOn', '조치계획 제출일');
  }
  let next: Finding = {
    ...f,
    ...substance,
    ...(recoverWon !== undefined && { recoverWon: recoverWon ?? undefined }),
    ...(savedWon !== undefined && { savedWon: savedWon ?? undefined }),
    followUp: {
      ...f.followUp,
      ...(actionPlan && { actionPlan }),
      ...(followUpResult && { result: followUpResult }),
    },
  };
  if (recoverWon === null) delete next.recoverWon;
  if (savedWon === null) delete next.savedWon;
  next = withFollowUpDue(next, notifiedOn, calendar, spec.followUpDue);
  return commitFindings(
    c,
    r.findings.map((x) => (x.findingId === findingId ? next : x)),
    {},
    {
      type: 'FINDING_UPDATED',
      at: now,
      actor,
      data: {
        ...summaryOf(next),
        changed: Object.keys(patch),
        ...(actionPlan && { actionPlanExpectedOn: actionPlan.expectedOn }),
        ...(followUpResult && { followUpCompletedOn: followUpResult.completedOn }),
        ...(next.followUp.dueOn !== undefined && { followUpDueOn: next.followUp.dueOn }),
      },
    },
    now,
  );
}

/** Marks a discipline finding as having its internal investigation opened by `actor` (first step of two). */
export function reserveMisconduct(c: CaseRecord, findingId: string, actor: EventActor, now: string): CaseChange {
  const { spec, r } = holderOf(c);
  const f = findFinding(c, findingId);
  if (f.disposition !== 'discipline')
    throw new ValidationError(
      `Finding ${f.number} demands ${f.disposition}, not discipline`,
      `징계·문책 요구인 지적사항만 비위 조사 사건을 열 수 있습니다 (지적사항 ${f.number}: ${DISPOSITIONS[f.disposition].labelKo})`,
      { field: 'findingId', rule: 'not_discipline' },
    );
  if (f.status === 'cancelled')
    throw new IllegalTransitionError(
      `Finding ${f.number} was cancelled`,
      `지적사항 ${f.number}은(는) 재심의로 취소되었습니다`,
      {
        field: 'findingId',
        rule: 'finding_cancelled',
      },
    );
  if (f.misconduct?.caseId || (f.misconduct?.openingBy && f.misconduct.openingBy !== actor.sub))
    throw new IllegalTransitionError(
      `Finding ${f.number} already has an investigation${f.misconduct.caseNumber ? ` (${f.misconduct.caseNumber})` : ' being opened'}`,
      `지적사항 ${f.number}에는 이미 비위 조사 사건이 ${f.misconduct.caseNumber ? `있습니다 (${f.misconduct.caseNumber})` : '열리는 중입니다'}`,
      { field: 'findingId', rule: 'already_linked' },
    );
  if (f.misconduct?.openingBy === actor.sub) return { next: c, drafts: [] };
  const next: Finding = { ...f, misconduct: { openingBy: actor.sub } };
  return {
    next: {
      ...c,
      [spec.key]: { ...r, findings: r.findings.map((x) => (x.findingId === findingId ? next : x)) },
      updatedAt: now,
      version: c.version + 1,
    } as CaseRecord,
    drafts: [],
  };
}

/** Links the internal investigation opened for a finding (second step); an event on the audit's chain. */
export function linkMisconduct(
  c: CaseRecord,
  findingId: string,
  opened: { caseId: string; caseNumber: string },
  actor: EventActor,
  now: string,
): CaseChange {
  const { r } = holderOf(c);
  const f = findFinding(c, findingId);
  const next: Finding = {
    ...f,
    misconduct: { caseId: opened.caseId, caseNumber: opened.caseNumber, openedOn: now.slice(0, 10) },
  };
  return commitFindings(
    c,
    r.findings.map((x) => (x.findingId === findingId ? next : x)),
    {},
    {
      type: 'FINDING_UPDATED',
      at: now,
      actor,
      data: { ...summaryOf(next), misconductCaseId: opened.caseId, misconductCaseNumber: opened.caseNumber },
    },
    now,
  );
}
