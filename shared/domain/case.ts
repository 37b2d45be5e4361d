/**
 * The case aggregate: the source of truth for where a case stands (docs/design.md#2-the-case-record-is-the-truth).
 * Pure functions: each change returns the new case and the history drafts that record it; the
 * store writes both in one transaction, conditioned on the version the change started from.
 */
import { z } from 'zod';
import { CASE_KIND_INFO, caseKindSchema, channelSchema, type CaseKind } from './case-kinds.ts';
import { IllegalTransitionError, ValidationError } from './errors.ts';
import type { EventActor, EventDraft } from './history.ts';
import {
  concernedError,
  isConcerned,
  misconductRecordSchema,
  openMisconduct,
  suspensionDraft,
  type MisconductIntake,
} from './misconduct.ts';
import { grievanceRecordSchema, openGrievance, type GrievanceIntake } from './grievance.ts';
import { openPetition, petitionIntakeSummary, petitionRecordSchema, type PetitionIntake } from './petition.ts';
import type { Calendar } from '../calendar/index.ts';
import { TEAM_CASE_CODES, type Team } from './roles.ts';
import { identitySummarySchema } from './identity.ts';

export const CASE_STAGES = [
  'intake',
  'assignment',
  'investigation',
  'review',
  'approval',
  'disposition',
  'suspended',
  'closed',
] as const;
export const caseStageSchema = z.enum(CASE_STAGES);
export type CaseStage = z.infer<typeof caseStageSchema>;

export const CASE_STAGE_LABELS: Record<CaseStage, string> = {
  intake: '접수',
  assignment: '배정',
  investigation: '조사',
  review: '검토',
  approval: '결재',
  disposition: '처분',
  suspended: '중지',
  closed: '종결',
};

export const isoDateTimeSchema = z.iso.datetime({ offset: true });
export const isoDateSchema = z.iso.date();

export const caseRecordSchema = z.object({
  caseId: z.string(),
  caseNumber: z.string(),
  kind: caseKindSchema,
  team: z.enum(['audit', 'investigation', 'complaints', 'patrol']),
  title: z.string(),
  summary: z.string(),
  stage: caseStageSchema,
  assigneeSub: z.string().optional(),
  department: z.string().optional(),
  channel: channelSchema.optional(),
  receivedAt: isoDateTimeSchema,
  dueDate: isoDateSchema.optional(),
  sealed: z.boolean(),
  createdAt: isoDateTimeSchema,
  createdBy: z.string(),
  updatedAt: isoDateTimeSchema,
  closedAt: isoDateTimeSchema.optional(),
  /** The execution that drives the case now (a case can be restarted in a new one). */
  executionArn: z.string().optional(),
  /** Set when the case is being moved to a new execution; the name makes the start idempotent. */
  pendingExecutionName: z.string().optional(),
  /** Misconduct investigations only (external referrals, internal investigations): see misconduct.ts. */
  misconduct: misconductRecordSchema.optional(),
  /** Grievance complaints only (channel, complainant, statutory due, extensions, links …): see grievance.ts. */
  grievance: grievanceRecordSchema.optional(),
  /** Cases that may hold a sealed reporter identity (identity.ts): whether the vault holds one — never what. */
  protectedIdentity: identitySummarySchema.optional(),
  /** Petitions only (petitioners, screening, disclosure, committee review, decision, extension, objections, statutory due): see petition.ts. */
  petition: petitionRecordSchema.optional(),
  version: z.number().int().positive(),
  historySeq: z.number().int().nonnegative(),
  historyHead: z.string(),
});
export type CaseRecord = z.infer<typeof caseRecordSchema>;

/** What intake provides; the rest (number, stage, version, chain) the system decides. */
export interface IntakeInput {
  kind: CaseKind;
  title: string;
  summary?: string;
  receivedAt: string;
  channel?: CaseRecord['channel'];
  department?: string;
  assigneeSub?: string;
  dueDate?: string;
  sealed?: boolean;
  /** Required for misconduct investigations, refused for other kinds (misconduct.ts openMisconduct). */
  misconduct?: MisconductIntake;
  /** Grievance details (grievance.ts openGrievance); refused for other kinds. */
  grievance?: GrievanceIntake;
  /** Required for petitions, refused for other kinds (petition.ts openPetition). */
  petition?: PetitionIntake;
}

export function formatCaseNumber(year: number, team: Team, serial: number): string {
  return `${year}-${TEAM_CASE_CODES[team]}-${String(serial).padStart(4, '0')}`;
}

export interface CaseChange {
  next: CaseRecord;
  drafts: EventDraft[];
}

export function openCase(params: {
  caseId: string;
  caseNumber: string;
  input: IntakeInput;
  actor: EventActor;
  now: string;
  /** The legal calendar for statutory due dates (grievances); the default calendar when absent. */
  calendar?: Calendar;
}): CaseChange {
  const { caseId, caseNumber, input, actor, now } = params;
  const info = CASE_KIND_INFO[input.kind];
  if (input.dueDate !== undefined && input.dueDate < input.receivedAt.slice(0, 10)) {
    throw new ValidationError('dueDate is before receivedAt', '처리기한이 접수일보다 앞설 수 없습니다', {
      field: 'dueDate',
      rule: 'not_before_received',
    });
  }
  const misconduct = openMisconduct({
    kind: input.kind,
    intake: input.misconduct,
    receivedAt: input.receivedAt,
    ...(input.assigneeSub !== undefined && { assigneeSub: input.assigneeSub }),
    actorSub: actor.sub,
    now,
  });
  const grievance = openGrievance({
    kind: input.kind,
    intake: input.grievance,
    channel: input.channel,
    dueDate: input.dueDate,
    receivedAt: input.receivedAt,
    actorSub: actor.sub,
    now,
    ...(params.calendar !== undefined && { calendar: params.calendar }),
  });
  const petition = openPetition({
    kind: input.kind,
    intake: input.petition,
    receivedAt: input.receivedAt,
    ...(params.calendar !== undefined && { calendar: params.calendar }),
  });
  const next: CaseRecord = {
    caseId,
    caseNumber,
    kind: input.kind,
    team: info.team,
    title: input.title,
    summary: input.summary ?? '',
    stage: 'intake',
    ...(input.assigneeSub !== undefined && { assigneeSub: input.assigneeSub }),
    ...(input.department !== undefined && { department: input.department }),
    ...(input.channel !== undefined && { channel: input.channel }),
    receivedAt: input.receivedAt,
    ...(input.dueDate !== undefined && { dueDate: input.dueDate }),
    ...(grievance && { dueDate: grievance.record.due.dueDate }),
    sealed: input.sealed ?? info.sealedByDefault,
    ...(misconduct && { misconduct: misconduct.record }),
    ...(grievance && { grievance: grievance.record }),
    ...(petition && { petition, ...(input.dueDate === undefined && { dueDate: petition.due.dueDate }) }),
    createdAt: now,
    createdBy: actor.sub,
    updatedAt: now,
    version: 1,
    historySeq: 0,
    historyHead: '',
  };
  const drafts: EventDraft[] = [
    {
      type: 'CASE_CREATED',
      at: now,
      actor,
      stageAfter: 'intake',
      data: {
        caseNumber,
        kind: input.kind,
        title: input.title,
        receivedAt: input.receivedAt,
        sealed: next.sealed,
        ...(input.channel !== undefined && { channel: input.channel }),
        ...(input.department !== undefined && { department: input.department }),
        ...(input.dueDate !== undefined && { dueDate: input.dueDate }),
        ...(misconduct && {
          misconduct: {
            category: misconduct.record.category,
            conductDate: misconduct.record.conductDate,
            ...(misconduct.record.referral && { referral: misconduct.record.referral }),
            ...(misconduct.record.origin && { origin: misconduct.record.origin }),
            officials: misconduct.record.officials.map((o) => o.officialId),
            limitationDate: misconduct.record.limitation.date,
            limitationArticle: misconduct.record.limitation.article,
          },
        }),
        ...(grievance && { grievance: grievance.eventData }),
        ...(petition && { petition: petitionIntakeSummary(petition) }),
      },
    },
  ];
  if (input.assigneeSub !== undefined) {
    drafts.push({ type: 'ASSIGNED', at: now, actor, data: { assigneeSub: input.assigneeSub } });
  }
  if (misconduct?.suspension) {
    // A Board of Audit start-of-investigation notice: the procedure must not run (지방공무원법 제73조①).
    next.stage = 'suspended';
    drafts.push(suspensionDraft(misconduct.suspension, 'intake', actor, now, { atIntake: true }));
  }
  return { next, drafts };
}

export const EDITABLE_FIELDS = ['title', 'summary', 'department', 'dueDate', 'assigneeSub'] as const;
export type CasePatch = Partial<Pick<CaseRecord, (typeof EDITABLE_FIELDS)[number]>>;

function assertOpen(current: CaseRecord, what: string): void {
  if (current.stage === 'closed') {
    throw new IllegalTransitionError(
      `Case ${current.caseNumber} is closed; cannot ${what}`,
      `종결된 사건(${current.caseNumber})은 ${what === 'add a note' ? '메모를 추가할' : '수정할'} 수 없습니다`,
      { field: 'stage', rule: 'case_closed' },
    );
  }
}

/** Edits the case's details; records each changed field before/after. */
export function updateDetails(current: CaseRecord, patch: CasePatch, actor: EventActor, now: string): CaseChange {
  assertOpen(current, 'update');
  if (patch.assigneeSub !== undefined && isConcerned(current.misconduct, patch.assigneeSub)) throw concernedError();
  if (current.grievance && patch.dueDate !== undefined && patch.dueDate !== current.dueDate) {
    throw new ValidationError(
      "A grievance's due date is its statutory period: extend it (POST /cases/{caseId}/extensions) or stop the clock (POST /cases/{caseId}/clock-stops)",
      '고충민원의 처리기한은 법정 처리기간입니다. 연장(시행령 제21조) 또는 현장조사 기간 정지(시행령 제17조⑤)로만 바꿀 수 있습니다',
      { field: 'dueDate', rule: 'statutory_due_date' },
    );
  }
  const changes: Record<string, { before: unknown; after: unknown }> = {};
  for (const field of EDITABLE_FIELDS) {
    const after = patch[field];
    if (after !== undefined && after !== current[field]) changes[field] = { before: current[field] ?? null, after };
  }
  if (Object.keys(changes).length === 0) {
    throw new ValidationError('The patch changes nothing', '변경할 내용이 없습니다', {
      field: 'body',
      rule: 'no_changes',
    });
  }
  const next: CaseRecord = { ...current, ...patch, updatedAt: now, version: current.version + 1 };
  if (next.dueDate !== undefined && next.dueDate < next.receivedAt.slice(0, 10)) {
    throw new ValidationError('dueDate is before receivedAt', '처리기한이 접수일보다 앞설 수 없습니다', {
      field: 'dueDate',
      rule: 'not_before_received',
    });
  }
  const drafts: EventDraft[] = [{ type: 'CASE_UPDATED', at: now, actor, data: { changes } }];
  if (changes.assigneeSub)
    drafts.push({
      type: 'ASSIGNED',
      at: now,
      actor,
      data: { assigneeSub: patch.assigneeSub, previous: current.assigneeSub ?? null },
    });
  return { next, drafts };
}

export function addNote(current: CaseRecord, text: string, actor: EventActor, now: string): CaseChange {
  assertOpen(current, 'add a note');
  return {
    next: { ...current, updatedAt: now, version: current.version + 1 },
    drafts: [{ type: 'NOTE_ADDED', at: now, actor, data: { text } }],
  };
}

/** Moves the case to a stage (no-op drafts when it is already there). */
export function moveToStage(
  current: CaseRecord,
  stage: CaseStage,
  actor: EventActor,
  now: string,
  data: Record<string, unknown> = {},
): CaseChange {
  if (current.stage === 'closed' && stage !== 'closed') {
    throw new IllegalTransitionError(
      `Case ${current.caseNumber} is closed`,
      `종결된 사건(${current.caseNumber})은 단계를 바꿀 수 없습니다`,
      { field: 'stage', rule: 'case_closed' },
    );
  }
  const next: CaseRecord = {
    ...current,
    stage,
    updatedAt: now,
    version: current.version + 1,
    ...(stage === 'closed' && { closedAt: now }),
  };
  const drafts: EventDraft[] =
    current.stage === stage
      ? []
      : [{ type: 'STAGE_CHANGED', at: now, actor, stageBefore: current.stage, stageAfter: stage, data }];
  return { next, drafts };
}

/** Hands the case to another person with a reason; open tasks waiting for the previous assignee move with it. */
export function reassignCase(
  current: CaseRecord,
  assigneeSub: string,
  reason: string,
  movedTaskIds: readonly string[],
  actor: EventActor,
  now: string,
): CaseChange {
  assertOpen(current, 'update');
  if (isConcerned(current.misconduct, assigneeSub)) throw concernedError();
  if (current.assigneeSub === assigneeSub) {
    throw new ValidationError('The case is already assigned to this person', '이미 이 담당자에게 배정된 사건입니다', {
      field: 'assigneeSub',
      rule: 'no_changes',
    });
  }
  return {
    next: { ...current, assigneeSub, updatedAt: now, version: current.version + 1 },
    drafts: [
      {
        type: 'ASSIGNED',
        at: now,
        actor,
        data: { assigneeSub, previous: current.assigneeSub ?? null, reason, movedTasks: [...movedTaskIds] },
      },
    ],
  };
}
