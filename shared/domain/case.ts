/**
 * The case aggregate: the source of truth for where a case stands (docs/design.md#2-the-case-record-is-the-truth).
 * Pure functions: each change returns the new case and the history drafts that record it; the
 * store writes both in one transaction, conditioned on the version the change started from.
 */
import * as z from 'zod';
import { channelSchema } from './channels.ts';
import { IllegalTransitionError } from './errors.ts';
import type { EventActor, EventDraft } from './history.ts';
import { TEAM_CASE_CODES, type Team } from './roles.ts';
import { identitySummarySchema } from './identity.ts';
import { attachmentSchema } from './attachment.ts';

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

/** A kind's name; the registry (kind-registry.ts) says which exist. */
export const caseKindSchema = z.string().min(1).max(64);
export type CaseKind = string;

/** The case record's common fields; the registry's schema adds each kind's details section. */
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
  /** Cases that may hold a sealed reporter identity (identity.ts): whether the vault holds one — never what. */
  protectedIdentity: identitySummarySchema.optional(),
  /** Files on the case (case-files.ts): name, type, size and the SHA-256 the server computed. */
  attachments: z.array(attachmentSchema).optional(),
  version: z.number().int().positive(),
  historySeq: z.number().int().nonnegative(),
  historyHead: z.string(),
});

/**
 * A kind's details on the record, one optional field per details section (kind.ts `DetailsSection`).
 * Each kind module adds its field here by declaration merging, so the core names no kind and the
 * kind's own code reads its details typed; the stored record is checked by the registry's schema.
 */
// biome-ignore lint/suspicious/noEmptyInterface: filled by the kind modules (declaration merging)
export interface CaseDetailsByKind {}
/** What intake accepts per details section, added by the kind modules like `CaseDetailsByKind`. */
// biome-ignore lint/suspicious/noEmptyInterface: filled by the kind modules (declaration merging)
export interface IntakeDetailsByKind {}

/** The record without any kind's details: what the core reads and writes. */
export type BaseCaseRecord = z.infer<typeof caseRecordSchema>;
export type CaseRecord = BaseCaseRecord & CaseDetailsByKind;

/** What intake provides; the rest (number, stage, version, chain) the system decides. */
export interface IntakeInputBase {
  kind: CaseKind;
  title: string;
  summary?: string;
  receivedAt: string;
  channel?: CaseRecord['channel'];
  department?: string;
  assigneeSub?: string;
  dueDate?: string;
  sealed?: boolean;
}
/** Intake with the details sections of the kinds (each required for its own kinds, refused for others). */
export type IntakeInput = IntakeInputBase & IntakeDetailsByKind;

export function formatCaseNumber(year: number, team: Team, serial: number): string {
  return `${year}-${TEAM_CASE_CODES[team]}-${String(serial).padStart(4, '0')}`;
}

export interface CaseChange {
  next: CaseRecord;
  drafts: EventDraft[];
}

export const EDITABLE_FIELDS = ['title', 'summary', 'department', 'dueDate', 'assigneeSub'] as const;
export type CasePatch = Partial<Pick<CaseRecord, (typeof EDITABLE_FIELDS)[number]>>;

export function assertOpen(current: CaseRecord, what: string): void {
  if (current.stage === 'closed') {
    throw new IllegalTransitionError(
      `Case ${current.caseNumber} is closed; cannot ${what}`,
      `종결된 사건(${current.caseNumber})은 ${what === 'add a note' ? '메모를 추가할' : '수정할'} 수 없습니다`,
      { field: 'stage', rule: 'case_closed' },
    );
  }
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

/** Acting on a suspended case, when its kind does not say more about why it is suspended. */
export function suspendedError(c: CaseRecord): IllegalTransitionError {
  return new IllegalTransitionError(
    `Case ${c.caseNumber} is suspended; resume it first`,
    `정지된 사건(${c.caseNumber})입니다. 재개한 뒤 처리하세요`,
    { field: 'stage', rule: 'case_suspended' },
  );
}
