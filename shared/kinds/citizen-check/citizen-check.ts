/**
 * 구민감사관 현장점검: residents appointed for a term (임기 2년, 전문 분야 토목·건축·전기·조경·세무 or 동 대표)
 * check a public works project on site — 시공 적정성, 노임·자재·장비대금 체불, 감독자 부당지시, 금품요구 —
 * and report findings or advice; the ordering department replies with what it did.
 *
 * The check lives on its case record (`citizenCheck`): the project, the day, the items, the
 * auditors on it, each auditor's report and the department's reply. The auditors are not staff: they
 * hold the audit secrecy duty for this check (공공감사법 제27조③) and see it only through
 * `citizenAuditorView` — never the case, its history or its tasks (shared/policies/case-access.ts).
 * Pure: no AWS SDK.
 */
import * as z from 'zod';
import type { CaseChange, CaseRecord } from '../../domain/case.ts';
import { assertOpen } from '../../domain/case.ts';
import { IllegalTransitionError, NotFoundError, ValidationError } from '../../domain/errors.ts';
import type { EventActor } from '../../domain/history.ts';
import { appointedAuditorSchema, inTerm, type AppointedAuditor } from '../../domain/citizen-auditors.ts';

export { CITIZEN_AUDITOR_FIELDS } from '../../domain/citizen-auditors.ts';

export const CITIZEN_CHECK_KIND = 'citizen-check';
export const UNCONFIRMED_KO = '구 규칙 확인 필요';

/**
 * The office's setting: the report's due day is ours (C) — the 구's 구민감사관 rule has not been read
 * (구 규칙 확인 필요). An auditor's term is the roster's (shared/domain/citizen-auditors.ts).
 */
export const CITIZEN_CHECK_SETTINGS = Object.freeze({
  /** Days from the check to the auditors' reports; a report still missing after it is late (the digest says so). */
  reportDueDays: 7,
  /** Business days the handler has, once every report is in, for the department's reply and the closing. */
  followUpBusinessDays: 20,
});

const date = z.iso.date();
const text = (max: number) => z.string().trim().min(1).max(max);

export const CHECK_ITEMS = {
  construction: '시공 적정성',
  'unpaid-wages': '노임·자재·장비대금 체불',
  'undue-instruction': '감독자 부당지시',
  bribery: '금품 요구',
} as const;
export const CHECK_OUTCOMES = { 'no-issue': '이상 없음', finding: '지적', advice: '자문' } as const;

type Keys<T> = [keyof T & string, ...(keyof T & string)[]];
const itemSchema = z.enum(Object.keys(CHECK_ITEMS) as Keys<typeof CHECK_ITEMS>);
const outcomeSchema = z.enum(Object.keys(CHECK_OUTCOMES) as Keys<typeof CHECK_OUTCOMES>);
export type CheckItem = z.infer<typeof itemSchema>;

const projectSchema = z.strictObject({
  name: text(200).describe('점검 공사명'),
  orderingDepartment: text(100).describe('발주 부서'),
  contractAmountWon: z.number().int().min(0).optional().describe('계약 금액 (원)'),
  site: text(200).optional().describe('현장 위치'),
});

export const citizenCheckIntakeSchema = z
  .strictObject({
    project: projectSchema,
    checkDate: date.describe('점검일'),
    items: z.array(itemSchema).min(1).max(4).describe('확인 항목: 시공·체불·부당지시·금품'),
    auditors: z.array(text(128)).min(1).max(10).describe('구민감사관 ID (명부, 점검일에 임기 중)'),
  })
  .describe('구민감사관 현장점검: 공사, 점검일, 확인 항목, 구민감사관(분야·임기)');
export type CitizenCheckIntake = z.infer<typeof citizenCheckIntakeSchema>;

export const checkReportInputSchema = z.strictObject({
  results: z
    .array(
      z.strictObject({
        item: itemSchema,
        outcome: outcomeSchema.describe('이상 없음·지적·자문'),
        note: text(5000).optional().describe('지적·자문 내용'),
      }),
    )
    .min(1)
    .max(4)
    .describe('확인 항목마다 한 줄'),
});
export type CheckReportInput = z.infer<typeof checkReportInputSchema>;

export const checkReplyInputSchema = z.strictObject({
  repliedOn: date.describe('부서 회신일'),
  action: text(5000).describe('부서의 조치 내용'),
});
export type CheckReplyInput = z.infer<typeof checkReplyInputSchema>;

const reportSchema = checkReportInputSchema.extend({ auditorSub: z.string(), reportedAt: z.string() });
export type CheckReport = z.infer<typeof reportSchema>;

export const citizenCheckRecordSchema = z.object({
  project: projectSchema,
  checkDate: date,
  items: z.array(itemSchema),
  auditors: z.array(appointedAuditorSchema),
  reportDueOn: date,
  reports: z.array(reportSchema),
  /** Who recorded it is the event's actor on the case's chain. */
  reply: checkReplyInputSchema.optional(),
});
export type CitizenCheckRecord = z.infer<typeof citizenCheckRecordSchema>;

const DAY_MS = 86_400_000;
const addDays = (on: string, days: number) =>
  new Date(Date.parse(`${on}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);

const invalid = (field: string, rule: string, en: string, ko: string) => new ValidationError(en, ko, { field, rule });

/** The check as received, its auditors' appointments already taken from the roster. */
export function openCitizenCheck(
  intake: Omit<CitizenCheckIntake, 'auditors'> & { auditors: AppointedAuditor[] },
): CitizenCheckRecord {
  const { reportDueDays } = CITIZEN_CHECK_SETTINGS;
  const subs = new Set<string>();
  intake.auditors.forEach((a, i) => {
    const at = `citizenCheck.auditors.${i}`;
    if (subs.has(a.sub))
      throw invalid(at, 'duplicate', `auditor ${a.sub} is listed twice`, '같은 구민감사관이 두 번 있습니다');
    subs.add(a.sub);
    if (!inTerm(a, intake.checkDate))
      throw invalid(
        at,
        'outside_term',
        `the check on ${intake.checkDate} is outside ${a.name}'s term`,
        `점검일(${intake.checkDate})이 ${a.name} 구민감사관의 임기 밖입니다`,
      );
  });
  if (new Set(intake.items).size !== intake.items.length)
    throw invalid('citizenCheck.items', 'duplicate', 'an item is listed twice', '확인 항목이 중복되었습니다');
  return {
    project: intake.project,
    checkDate: intake.checkDate,
    items: intake.items,
    auditors: intake.auditors,
    reportDueOn: addDays(intake.checkDate, reportDueDays),
    reports: [],
  };
}

export const citizenCheckOf = (c: CaseRecord): CitizenCheckRecord | undefined =>
  c.kind === CITIZEN_CHECK_KIND ? (c as CaseRecord & { citizenCheck?: CitizenCheckRecord }).citizenCheck : undefined;

export const isOnCheck = (c: CaseRecord, sub: string): boolean =>
  citizenCheckOf(c)?.auditors.some((a) => a.sub === sub) ?? false;

/** Not found, whether the check does not exist or the auditor is not on it: the answer reveals neither. */
export const checkNotFound = (caseId: string) =>
  new NotFoundError(`No citizen-auditor check ${caseId} of yours`, '해당 현장점검을 찾을 수 없습니다', {
    field: 'caseId',
    rule: 'not_found',
  });

const withCheck = (c: CaseRecord, record: CitizenCheckRecord, now: string): CaseRecord =>
  ({ ...c, citizenCheck: record, updatedAt: now, version: c.version + 1 }) as CaseRecord;

/** One auditor's report on the check's items, once, on or after the check day. */
export function reportCheck(
  c: CaseRecord,
  input: CheckReportInput,
  actor: EventActor,
  today: string,
  now: string,
): CaseChange {
  const record = citizenCheckOf(c);
  if (!record || !isOnCheck(c, actor.sub)) throw checkNotFound(c.caseId);
  assertOpen(c, 'report');
  if (today < record.checkDate)
    throw invalid(
      'results',
      'before_check',
      `the check is on ${record.checkDate}`,
      `점검일(${record.checkDate}) 전에는 결과를 보고할 수 없습니다`,
    );
  if (record.reports.some((r) => r.auditorSub === actor.sub))
    throw new IllegalTransitionError('You have reported on this check already', '이미 이 점검의 결과를 보고했습니다', {
      field: 'results',
      rule: 'already_reported',
    });
  const given = input.results.map((r) => r.item);
  const missing = record.items.filter((i) => !given.includes(i));
  const extra = given.filter((i, n) => !record.items.includes(i) || given.indexOf(i) !== n);
  if (missing.length > 0 || extra.length > 0)
    throw invalid(
      'results',
      'items_mismatch',
      `report each of the check's items once (${record.items.join(', ')})`,
      `점검 항목(${record.items.map((i) => CHECK_ITEMS[i]).join(', ')})마다 한 번씩 보고하세요`,
    );
  input.results.forEach((r, i) => {
    if (r.outcome !== 'no-issue' && r.note === undefined)
      throw invalid(
        `results.${i}.note`,
        'required',
        'a finding or advice needs its note',
        '지적·자문은 내용을 적어야 합니다',
      );
  });
  const report: CheckReport = { auditorSub: actor.sub, reportedAt: now, results: input.results };
  return {
    next: withCheck(c, { ...record, reports: [...record.reports, report] }, now),
    drafts: [
      {
        type: 'CITIZEN_CHECK_REPORTED',
        at: now,
        actor,
        data: { outcomes: input.results.map((r) => `${r.item}:${r.outcome}`) },
      },
    ],
  };
}

/** The ordering department's reply, recorded by the office once a report is in. */
export function replyToCheck(c: CaseRecord, input: CheckReplyInput, actor: EventActor, now: string): CaseChange {
  const record = citizenCheckOf(c);
  if (!record)
    throw invalid(
      'caseId',
      'not_for_kind',
      'this case is not a citizen-auditor check',
      '구민감사관 현장점검 사건이 아닙니다',
    );
  assertOpen(c, 'reply');
  if (record.reports.length === 0)
    throw new IllegalTransitionError('No auditor has reported yet', '구민감사관의 점검 결과 보고가 아직 없습니다', {
      field: 'repliedOn',
      rule: 'no_report',
    });
  if (input.repliedOn < record.checkDate)
    throw invalid('repliedOn', 'before_check', 'the reply predates the check', '회신일이 점검일보다 앞섭니다');
  return {
    next: withCheck(c, { ...record, reply: input }, now),
    drafts: [{ type: 'CITIZEN_CHECK_REPLIED', at: now, actor, data: { repliedOn: input.repliedOn } }],
  };
}

/** What remains before the check may be closed, or undefined when nothing does. */
export function checkOutstanding(record: CitizenCheckRecord): { en: string; ko: string } | undefined {
  const waiting = record.auditors.filter((a) => !record.reports.some((r) => r.auditorSub === a.sub));
  if (waiting.length > 0)
    return {
      en: `${waiting.length} auditor(s) have not reported`,
      ko: `점검 결과를 보고하지 않은 구민감사관이 있습니다 (${waiting.map((a) => a.name).join(', ')})`,
    };
  const flagged = record.reports.some((r) => r.results.some((x) => x.outcome !== 'no-issue'));
  if (flagged && !record.reply)
    return {
      en: 'the department has not replied to the findings',
      ko: '지적·자문에 대한 부서 회신이 기록되지 않았습니다',
    };
  return undefined;
}

/** All a citizen auditor sees of a check: no case title, summary, assignee, history or tasks. */
export function citizenAuditorView(c: CaseRecord, record: CitizenCheckRecord) {
  return { caseId: c.caseId, caseNumber: c.caseNumber, version: c.version, closed: c.stage === 'closed', ...record };
}
export type CitizenAuditorView = ReturnType<typeof citizenAuditorView>;
