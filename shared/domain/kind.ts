/**
 * What a kind of case declares (docs/design.md principle 8): one module per process, handed to the registry
 * (registry.ts) the way a middy middleware is handed to `.use()`. The case core (intake, task
 * completion, due rules, history) asks the registry through these hooks and never names a kind.
 *
 * Every hook is optional except who the kind is (kind, Korean label, team, workflow): a kind that
 * declares nothing else runs the generic review lifecycle with no details of its own. Kinds that
 * share a lifecycle (e.g. the two misconduct investigations) share one `details` section by key.
 */
import type { DetailsLine } from './details-view.ts';
import type { z } from 'zod';
import type { Calendar } from '../calendar/index.ts';
import { CalendarYearNotCoveredError } from '../calendar/calendar-errors.ts';
import type { CommitteeKind } from './committee-kinds.ts';
import type { CasePatch, CaseRecord, CaseStage, IntakeInput } from './case.ts';
import { type AppError, IllegalTransitionError, ValidationError } from './errors.ts';
import type { KindReportTable } from './report-table.ts';
import type { EventActor, EventDraft } from './history.ts';
import type { Role, Team } from './roles.ts';
import type { StaffMember } from './staff.ts';
import type { CitizenAuditor } from './citizen-auditors.ts';
import type { AnyDecisionForm, TaskDue, TaskRecord } from './task.ts';

/** The context a due rule computes from. */
export interface TaskDueContext {
  c: CaseRecord;
  /** When the task opens, Korea time ISO. */
  now: string;
  calendar: Calendar;
}

/** What a kind's details section gives a new case: its record, due date, what CASE_CREATED says, a stage to start in. */
export interface OpenedDetails {
  details: unknown;
  /** The case's processing deadline when the details decide it (statutory periods). */
  dueDate?: string;
  /** Put under the section's key in the CASE_CREATED event (defaults to nothing). */
  eventData?: Record<string, unknown>;
  /** A stage the case enters at once (e.g. suspended at intake) with the event that records why; after ASSIGNED. */
  enter?: { stage: CaseStage; draft: EventDraft };
}

/**
 * A kind's own details on the case record, under one field (`key`), shared by the kinds of one
 * lifecycle. `open` checks the intake and builds the details; it runs for the section's own kinds
 * only, and `notForKind` is the error when another kind's intake carries them.
 */
export interface DetailsSection {
  key: string;
  /** The stored details (the case record's `key` field). */
  record: z.ZodType;
  /** What intake accepts under `key` (POST /cases). */
  intake?: z.ZodType;
  /** What the API document (and so the console's intake form) says of the section: what it holds, for which kinds. */
  intakeDescriptionKo?: string;
  /**
   * The stored details (as the viewer may see them) as labelled Korean lines for the case page,
   * shared/domain/details-view.ts. The parameter is the kind's own record type.
   */
  view?(details: never): DetailsLine[];
  /**
   * The details with the personal data of the people they name (complainants, petitioners) masked, for a
   * viewer who may read the case but not that data (shared/policies/personal-data.ts). Absent: nothing to mask.
   */
  masked?(details: never): unknown;
  /**
   * A legal time limit the case runs against (e.g. 징계시효) and how near it is on `today` (Korea), shown
   * on the case as its `limitationWarning`. The parameter is the kind's own record type.
   */
  limitationWarning?(details: never, ctx: { stage: CaseStage; today: string }): LimitationWarningView | undefined;
  /**
   * The due date before and after one of this kind's own events that moves it (a grievance's extension or clock
   * stop, a petition's extension), read from the event's data; undefined for every other event. The case as of a
   * past date (case-as-of.ts) rebuilds its due date from these.
   */
  dueDateMove?(event: { type: string; data: Record<string, unknown> }): { before: unknown; after: unknown } | undefined;
  open(params: {
    kind: string;
    intake: unknown;
    input: IntakeInput;
    actor: EventActor;
    now: string;
    calendar?: Calendar;
  }): OpenedDetails | undefined;
  notForKind(): AppError;
  /**
   * Checks of the intake against the staff directory, before anything is written (e.g. officials
   * concerned). It may return the intake completed from the directory (e.g. a requester's department
   * filled in from their staff record), which `open` then receives in place of what was sent.
   */
  checkIntake?(
    intake: unknown,
    ctx: {
      staff: StaffDirectory;
      team: Team;
      /** The 구민감사관 roster, where the system has one (citizen-auditors.ts). */
      citizenAuditors?: { get(sub: string): Promise<CitizenAuditor | undefined> };
    },
  ): Promise<unknown>;
  /**
   * What a case search reads of the details (shared/store/case-search.ts): the paths it projects,
   * relative to `key`, and the schema the projected section parses with (what list entries, facets
   * and the access rule read). Never an identity field: a search does not even read those.
   */
  searched?: {
    paths: readonly (readonly string[])[];
    row: z.ZodType;
    /**
     * The outcome a case is searched and exported by, once decided (from the details as the search
     * reads them), with the Korean label of every outcome the section can have.
     */
    outcome?: { labels: Readonly<Record<string, string>>; of(details: never): string | undefined };
    /** The committee that decides (or decided) the case. */
    committee?(details: never): CommitteeKind | undefined;
  };
}

/** A time limit's date and how near it is (the API's `limitationWarning` on a case). */
export interface LimitationWarningView {
  date: string;
  /** Days from today to the date (0 = the last day is today; negative = past). */
  daysLeft: number;
  status: 'running' | 'near' | 'imminent' | 'expired' | 'suspended' | 'met' | 'not-applicable';
  messageKo: string;
  article: string;
  confidence: string;
}

/** The staff directory as a kind's checks see it. */
export interface StaffDirectory {
  get(sub: string): Promise<StaffMember | undefined>;
  listByTeam(team: Team): Promise<StaffMember[]>;
}

/** A decision applied to the case: the fields it changes and the events it records (stamped with time and actor by the core). */
export interface AppliedDecision {
  /** Case fields, or the kind's details section under its key. */
  patch: Partial<CaseRecord> & { [detailsKey: string]: unknown };
  drafts: Omit<EventDraft, 'at' | 'actor'>[];
}

export interface KindDecisions {
  /** The forms of this kind's own decisions (zod objects with a literal `decision`). */
  forms: readonly z.ZodObject<{ decision: z.ZodLiteral<string> } & z.ZodRawShape>[];
  labels: Record<string, string>;
  /** Decisions that name the case's new assignee in `assigneeSub` (like the core's `assign`). */
  assigning?: readonly string[];
  /** Checks that need other cases (e.g. the earlier petition a duplicate points to); runs before anything is written. */
  check?(c: CaseRecord, form: AnyDecisionForm, lookup: CaseLookup): Promise<void>;
  /** What a completed task's decision changes on the case; undefined when nothing. */
  apply?(c: CaseRecord, task: TaskRecord, form: AnyDecisionForm, ctx: DecisionContext): AppliedDecision | undefined;
}

export interface CaseLookup {
  findByCaseNumber(caseNumber: string): Promise<CaseRecord | undefined>;
}

export interface DecisionContext {
  actorSub: string;
  /** The decision's time, Korea time ISO. */
  at: string;
  calendar: Calendar;
}

/** Who may not handle or see a case (e.g. the officials a misconduct case concerns). */
export interface KindGuards {
  /**
   * Throws when `sub` may not be assigned to, read or act on the case, whatever their role; `field` names
   * the input that carried them (shared/policies/case-access.ts asks it with `caseId`).
   */
  assertMayHandle?(c: CaseRecord, sub: string, field?: string): void;
  /** Staff who must not see the case or its tasks (the same people `assertMayHandle` refuses). */
  hiddenFrom?(c: CaseRecord): readonly string[];
  /** Whether `sub` wrote the findings a review or approval would judge (nobody approves their own). */
  authoredFindings?(c: CaseRecord, sub: string): boolean;
  /** Refuses a direct edit the kind's rules forbid (e.g. a statutory due date). */
  assertPatch?(c: CaseRecord, patch: CasePatch): void;
  /** The error for acting on a suspended case, when the kind says why it is suspended. */
  suspendedError?(c: CaseRecord): AppError;
}

export interface KindDueRules {
  /** Rule names workflow steps may use (`dueRule` in a humanTask), unique across kinds. */
  rules: readonly string[];
  due(rule: string, ctx: TaskDueContext): TaskDue;
}

/** What a kind adds to case search (shared/store/case-search.ts asks the registry). */
export interface KindSearch {
  /** Tens of thousands of cases a year: its kind partition is a poor one when another filter narrows the query. */
  large?: boolean;
  /**
   * Search filters (fields of the search schema) answered from this kind's details: an equality on
   * `path` (from the case record's top). With `partitionByKind`, only this kind's cases can match,
   * so a search by it reads the kind's own partition (plan key `<filter>-kind`).
   */
  filters?: Readonly<
    Record<
      string,
      {
        path: readonly string[];
        partitionByKind?: boolean;
        /** What the search query accepts for it (its values and Korean description). */
        schema: z.ZodType<string>;
      }
    >
  >;
}

export interface KindModule<K extends string = string> {
  kind: K;
  labelKo: string;
  team: Team;
  /** Cases whose people must stay protected (e.g. 공익신고자 보호법): identity fields are sealed. */
  sealedByDefault: boolean;
  /** The lifecycle that runs it: a workflow name in workflows/registry.ts. */
  workflow: string;
  /** The statutory period (a period id of shared/policies/statutory-periods.ts) the deadline calculator uses for this kind. */
  defaultPeriod?: string;
  /** The office report's own table this kind counts in (every kind is also a row of the processing table). */
  reportTables?: readonly KindReportTable[];
  search?: KindSearch;
  /** Common intake fields a case of this kind cannot be received without, each with the error the API answers. */
  requiredAtIntake?: Readonly<Partial<Record<'channel' | 'department' | 'summary', string>>>;
  /** Task types its workflow opens beyond the core's (assign, investigate, review, approve). */
  taskTypes?: readonly string[];
  details?: DetailsSection;
  /**
   * The committee this kind's closed cases are reported to (보고 안건, no vote): each meeting of it lists the
   * cases closed since its previous meeting, each as the line this gives (no personal data: members read it).
   */
  reportedTo?: { committee: CommitteeKind; line(c: CaseRecord): string };
  decisions?: KindDecisions;
  guards?: KindGuards;
  dueRules?: KindDueRules;
  /** Identities the law protects on every case of this kind (shared/domain/sealing.ts). */
  protectedIdentity?: {
    /** The article that makes sealing compulsory: an intake with `sealed: false` is refused, naming it. */
    sealingArticle: string;
    /** Its intake may carry a reporter identity, sealed in the vault (shared/domain/identity.ts). */
    reporterIdentity: boolean;
    /** What the refusal calls a case of this kind in English (in Korean: the kind's label). */
    nounEn: string;
  };
  /** Paths of fields that identify people and never leave the case unsealed (exports, search, mail). */
  sealedFields?: readonly string[];
  /**
   * For a workflow that reads its next step from the case (the generic `kind-next-step` step,
   * workflows/asl.ts): the name of the step that comes next, from the record alone, so a restarted
   * execution continues where the case stands.
   */
  nextStep?(c: CaseRecord): string;
  /**
   * Who may be assigned a case of this kind (as its handler): active staff of one of `teams` with
   * one of `roles`. Default: the investigators of the kind's own team. The head may assign outside
   * the rule with a recorded reason (shared/policies/assignment.ts).
   */
  assignees?: AssigneeRule;
}

export interface AssigneeRule {
  teams?: readonly Team[];
  roles?: readonly Role[];
}

/** Declares a kind; the identity function keeps the module's literal types (name, forms) for the registry's types. */
export function defineKind<const M extends KindModule<string>>(module: M): M {
  return module;
}

/*
 * Small helpers the kind modules share, so each writes its rules rather than their plumbing.
 */

/** The error a kind's rule refuses a request with: the field it names and the rule it breaks. */
export const refuse = (message: string, messageKo: string, field: string, rule: string): ValidationError =>
  new ValidationError(message, messageKo, { field, rule });

/**
 * A details section's `notForKind`: "`key` details are only for `forEn`" and, in Korean, "`sectionKo` 정보는
 * `forKo`에만 입력합니다", on the field `key` under the rule `not_for_kind`.
 */
export const notForKindError = (key: string, forEn: string, sectionKo: string, forKo: string): ValidationError =>
  refuse(`${key} details are only for ${forEn}`, `${sectionKo} 정보는 ${forKo}에만 입력합니다`, key, 'not_for_kind');

/**
 * The guard of a process whose decisions each belong to one step: `expect(wanted)` refuses `decision`
 * (IllegalTransitionError, rule `not_at_this_step`) unless the case stands at `wanted`. `process` names
 * the process in the message: "… at the review step of a daily audit", "일상감사의 지금 단계(review)에서는 …".
 */
export function stepGuard<S extends string>(
  decision: string,
  step: S,
  process: { en: string; ko: string },
): (wanted: S) => void {
  return (wanted) => {
    if (step !== wanted)
      throw new IllegalTransitionError(
        `${decision} is not possible at the ${step} step of ${process.en}`,
        `${process.ko}의 지금 단계(${step})에서는 할 수 없는 결정입니다`,
        { field: 'decision', rule: 'not_at_this_step' },
      );
  };
}

/**
 * A due date a kind's setting gives (YYYY-MM-DD), or none in a year the holiday data does not cover yet:
 * the case is then received without one rather than refused.
 */
export function settingDue(due: () => { dueAt: string }): string | undefined {
  try {
    return due().dueAt.slice(0, 10);
  } catch (error) {
    if (error instanceof CalendarYearNotCoveredError) return undefined;
    throw error;
  }
}
