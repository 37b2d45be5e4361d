/**
 * What the use cases need from storage, said in their own terms. The store's classes of the same
 * names (shared/store/) implement these interfaces on DynamoDB; the use cases import only this file,
 * so no table key, expression or transaction item reaches them (test/unit/architecture.test.ts).
 *
 * A change that must land together with a case change (a task opened or completed, an outbox intent,
 * a sealed identity, a meeting's decision) is an `AtomicWrite`: the store builds it, the use case
 * hands it back to `commit`, `create` or `appendWithoutVersion`, and nothing in between opens it.
 */
import type { CaseChange, CaseRecord } from '../domain/case.ts';
import type { CitizenAuditor } from '../domain/citizen-auditors.ts';
import type { CaseSearchFilter, SearchSort } from '../domain/case-search-filter.ts';
import type { CommitteeKind } from '../domain/committee-kinds.ts';
import type { EventDraft, HistoryEvent } from '../domain/history.ts';
import type { OutboxIntent, OutboxItem } from '../domain/outbox.ts';
import type { StaffMember } from '../domain/staff.ts';
import type { TaskRecord } from '../domain/task.ts';
import type { Committee, ItemDecision, Meeting } from '../domain/committee.ts';
import type { ExportRecord } from '../domain/export-record.ts';
import type { AccessRequest } from '../domain/identity.ts';
import type { OfficeReportData } from '../domain/office-report.ts';
import type { ReadKind, ReadTally } from '../domain/read-tally.ts';
import type { ReminderPreferences } from '../domain/reminder-preferences.ts';
import type { Role, Team } from '../domain/roles.ts';
import type { Envelope } from '../identity/envelope.ts';
import type { MailFailure } from '../mail/mail-events.ts';
import type { RecipientReason, ReminderLevel } from '../policies/reminder-policy.ts';

declare const atomicWrite: unique symbol;
/**
 * A write prepared by the store to commit with a case change; opaque above the store: only the
 * store makes one (shared/store/atomic-write.ts) and only the store opens it.
 */
export type AtomicWrite = { readonly [atomicWrite]: 'AtomicWrite' };

export interface Page<T> {
  items: T[];
  cursor?: string;
}

/** A claim on an Idempotency-Key, with the result to remember if the write succeeds. */
export interface IdempotencyClaim {
  scope: string;
  key: string;
  fingerprint: string;
  nowEpochSeconds: number;
  result: unknown;
}

export interface IdempotencyRecord {
  fingerprint: string;
  result: unknown;
}

/** Given what a write produced, the idempotency record to commit with it (none when the request had no key). */
export type ClaimFor = (result: { case: CaseRecord; events: HistoryEvent[] }) => IdempotencyClaim | undefined;

/** An item written with the case (e.g. a task) no longer met its condition; nothing was written. */
export class RelatedItemConflictError extends Error {
  override name = 'RelatedItemConflictError';
  /** Which related items (their index in `also`) failed their condition, when the write says so. */
  failedItems: readonly number[] = [];
}

/** Another request with the same key committed first; read the record and replay it. */
export class IdempotencyRaceError extends Error {
  override name = 'IdempotencyRaceError';
}

type Written = Promise<{ case: CaseRecord; events: HistoryEvent[] }>;

/** Cases and their hash-chained history; every change is conditioned on the version it started from. */
/** A registrant of a property-review campaign with its item version (shared/store/registrant-repository.ts). */
export interface VersionedRegistrant {
  registrant: import('../kinds/property-review/registrants.ts').Registrant;
  version: number;
}
export interface RegistrantStore {
  get(caseId: string, registrantNo: string): Promise<VersionedRegistrant | undefined>;
  ofCase(caseId: string): AsyncIterable<VersionedRegistrant>;
  /** Written with the case change: new when `version` is 0, otherwise only while still at `version`. */
  put(caseId: string, registrant: VersionedRegistrant['registrant'], version: number): AtomicWrite;
}

export interface CaseRepository {
  get(caseId: string): Promise<CaseRecord | undefined>;
  /** Several cases by id (the ones that exist), read together. */
  getMany(caseIds: readonly string[]): Promise<Map<string, CaseRecord>>;
  /** A new case under the next 접수번호 of its year and team (no number is taken by a refused intake). */
  createNumbered(
    year: number,
    team: string,
    build: (serial: number) => CaseChange,
    claimFor?: ClaimFor,
    also?: (c: CaseRecord) => AtomicWrite[],
  ): Written;
  create(change: CaseChange, claimFor?: ClaimFor, also?: AtomicWrite[]): Written;
  commit(current: CaseRecord, change: CaseChange, claimFor?: ClaimFor, also?: AtomicWrite[]): Written;
  /** Events linked into the case's chain without a new version (mail sent, exports, identity requests). */
  appendWithoutVersion(
    caseId: string,
    drafts: readonly EventDraft[],
    /** A function when a write names the events it goes with (their sequence numbers and hashes). */
    also?: AtomicWrite[] | ((events: readonly HistoryEvent[]) => AtomicWrite[]),
  ): Promise<HistoryEvent[]>;
  listByAssignee(assigneeSub: string, options: { limit: number; cursor?: string }): Promise<Page<CaseRecord>>;
  listByKind(kind: string, options: { limit: number; cursor?: string }): Promise<Page<CaseRecord>>;
  countByKind(kind: string): Promise<number>;
  receivedBetween(kind: string, from: string, to: string): AsyncGenerator<CaseRecord>;
  findByCaseNumber(caseNumber: string): Promise<CaseRecord | undefined>;
  history(caseId: string): Promise<HistoryEvent[]>;
}

/** Human tasks: reads, and the writes that go into a case change's transaction. */
export interface TaskRepository {
  get(caseId: string, taskId: string): Promise<TaskRecord | undefined>;
  ofCase(caseId: string): Promise<TaskRecord[]>;
  /** Open tasks a person sees (their own, and their roles' in their team and office-wide), soonest due first. */
  openForActor(actor: { sub: string; roles: string[] }, team: string | undefined, limit: number): Promise<TaskRecord[]>;
  /** Open tasks a team holds (its members' own and its role queues), soonest due first. */
  openForTeam(team: string, memberSubs: readonly string[], limit: number): Promise<TaskRecord[]>;
  openForCommittee(committee: CommitteeKind, limit?: number): Promise<TaskRecord[]>;
  putOpen(task: TaskRecord): AtomicWrite;
  complete(task: TaskRecord, by: { sub: string; decision: TaskRecord['decision']; at: string }): AtomicWrite;
  /** Cancels a task that is still open (fails the transaction otherwise). */
  cancel(task: Pick<TaskRecord, 'caseId' | 'taskId'>): AtomicWrite;
  reassign(task: TaskRecord, sub: string): AtomicWrite;
  hideFrom(task: TaskRecord, subs: readonly string[]): AtomicWrite;
  moveDue(task: TaskRecord, dueAt: string, dueBasis: TaskRecord['dueBasis']): AtomicWrite;
  replaceToken(task: TaskRecord, taskToken: string): Promise<void>;
  markDelivered(task: TaskRecord): Promise<void>;
  undelivered(caseId: string): Promise<TaskRecord[]>;
}

export interface IdempotencyStore {
  find(scope: string, key: string, nowEpochSeconds: number): Promise<IdempotencyRecord | undefined>;
}

export interface StaffRepository {
  get(sub: string): Promise<StaffMember | undefined>;
  putIfAbsent(member: StaffMember): Promise<boolean>;
  listByTeam(team: string): Promise<StaffMember[]>;
}

/** Intents to tell the workflow something, written with the change that makes them necessary. */
export interface OutboxStore {
  put(intent: OutboxIntent, now: Date): AtomicWrite;
  add(intent: OutboxIntent, now: Date): Promise<boolean>;
  pending(due: Date, limit: number): Promise<OutboxItem[]>;
  dead(limit: number): Promise<OutboxItem[]>;
  ofCase(caseId: string): Promise<OutboxItem[]>;
  markDelivered(item: OutboxItem, outcome: string, now: Date): Promise<void>;
  recordFailure(item: OutboxItem, error: string, now: Date, maxAttempts: number): Promise<'retry' | 'dead'>;
  revive(item: OutboxItem, now: Date): Promise<void>;
}

/** A search's plan as the use cases read it; the store's plan also carries how it queries. */
export interface SearchPlanView {
  sort: SearchSort;
  forward: boolean;
  /** The index that serves the query, and the filters its key condition serves (the rest filter what it reads). */
  index: string;
  keyFilters: string[];
  /** How the store queries (keys, ranges, filters): shown by --explain, opaque to the use cases. */
  readonly [detail: string]: unknown;
}

export interface SearchPage {
  items: CaseRecord[];
  cursor?: string;
  /** Index pages read for this answer (for logs and the bench). */
  pagesRead: number;
  /** True when the page budget ran out before `limit` matches: the cursor continues the search. */
  budgetExhausted: boolean;
}

export interface WalkEvent {
  /** Cases of one index page that passed the filters, in index order, each with the key to continue after it. */
  items: { record: CaseRecord; key: Record<string, unknown> }[];
  /** Where the next page starts (undefined: the index range is exhausted). */
  nextKey?: Record<string, unknown>;
}

/**
 * Case search over the search indexes: a plan per filter (always a query, never a scan), pages
 * bounded by a page budget, and opaque cursors tied to the plan they came from.
 */
export interface CaseSearch<Plan extends SearchPlanView = SearchPlanView> {
  /** `today` is the Korean date overdue is judged by. */
  plan(filter: CaseSearchFilter, today: string): Plan;
  count(plan: Plan): Promise<number>;
  page(
    plan: Plan,
    options: { limit: number; cursor?: string; visible: (c: CaseRecord) => boolean },
  ): Promise<SearchPage>;
  /** Every index page from `startKey`, page sizes chosen by the store. */
  walk(plan: Plan, startKey: Record<string, unknown> | undefined): AsyncGenerator<WalkEvent>;
  decodeCursor(plan: Plan, cursor: string | undefined): Record<string, unknown> | undefined;
  encodeCursor(plan: Plan, key: Record<string, unknown>): string;
}

/** The 구민감사관 roster (shared/domain/citizen-auditors.ts). */
export interface CitizenAuditorRoster {
  get(sub: string): Promise<CitizenAuditor | undefined>;
  list(): Promise<CitizenAuditor[]>;
  put(auditor: CitizenAuditor): Promise<CitizenAuditor>;
}

/** Committees, their meetings and the decisions recorded at them. */
export interface CommitteeRepository {
  get(kind: CommitteeKind): Promise<Committee | undefined>;
  list(): Promise<Committee[]>;
  put(committee: Committee): Promise<Committee>;
  putIfAbsent(committee: Committee): Promise<boolean>;
  getMeeting(meetingId: string): Promise<Meeting | undefined>;
  /** False when the meeting exists already. */
  createMeeting(meeting: Meeting, claim?: IdempotencyClaim): Promise<boolean>;
  /** Saves a meeting conditioned on the version it was read at. */
  saveMeeting(meeting: Meeting, claim?: IdempotencyClaim): Promise<Meeting>;
  /** A committee's meetings whose meeting date is in [fromDate, toDate] (Korea dates). */
  meetingsBetween(kind: CommitteeKind, fromDate: string, toDate: string): Promise<Meeting[]>;
  decisions(meetingId: string): Promise<ItemDecision[]>;
  decision(meetingId: string, taskId: string): Promise<ItemDecision | undefined>;
  /** A meeting's decision on an item, written with the case change it decides. */
  decisionPut(decision: ItemDecision): AtomicWrite;
}

/** A frozen office report: the report as generated, and the hash of the data it came from. */
export interface FrozenReport {
  reportId: string;
  frozenAt: string;
  frozenBy: { sub: string; name?: string; role: string };
  dataHash: string;
  report: OfficeReportData;
}

export interface ReportStore {
  /** Stores a report once (a retried freeze answers with the stored one). */
  freeze(
    frozen: FrozenReport,
    claimFor?: (result: FrozenReport) => IdempotencyClaim | undefined,
  ): Promise<FrozenReport>;
  get(reportId: string): Promise<FrozenReport | undefined>;
}

/** A claim on mailing a periodic report to one recipient, with the Message-ID the report fixes. */
export interface ReportMailClaim {
  reportId: string;
  holder: string;
  messageId: string;
}

/** Exactly-once mailing of periodic reports: claim (with a lease) → send → mark sent. */
export interface ReportMailLedger {
  /** Undefined when it was sent already or another live run holds it. */
  claim(reportId: string, messageIdDomain: string, now: Date, leaseMs: number): Promise<ReportMailClaim | undefined>;
  markSent(claim: ReportMailClaim, now: Date): Promise<boolean>;
  release(claim: ReportMailClaim): Promise<void>;
}

/** Sealed reporter identities and the requests to open them. */
export interface IdentityVault {
  sealedIdentityPut(caseId: string, envelope: Envelope, storedAt: string): AtomicWrite;
  getEnvelope(caseId: string): Promise<Envelope | undefined>;
  /** A request's new state, conditioned on the state it was read in. */
  requestPut(next: AccessRequest, previous?: AccessRequest): AtomicWrite;
  getRequest(caseId: string, requestId: string): Promise<AccessRequest | undefined>;
  requestsOfCase(caseId: string): Promise<AccessRequest[]>;
  pendingRequests(limit?: number): Promise<AccessRequest[]>;
}

/** The record of every export, written before the first row leaves and completed after the last. */
export interface ExportLog {
  start(record: Omit<ExportRecord, 'status'>): Promise<void>;
  finish(exportId: string, result: { rowCount: number; completedAt: string; nextCursor?: string }): Promise<void>;
  listMonth(month: string): Promise<ExportRecord[]>;
}

/** Reads of sealed cases, tallied per reader and hour (the first of an hour also appends a chain event). */
export interface ReadTallyStore {
  /** Counts a read into the hour's tally; false when the hour has no tally yet. */
  count(caseId: string, hour: string, readerSub: string, what: ReadKind, at: string): Promise<boolean>;
  /** The hour's first tally, written with the SENSITIVE_READ event it names. */
  firstPut(
    caseId: string,
    hour: string,
    readerSub: string,
    what: ReadKind,
    at: string,
  ): (events: readonly HistoryEvent[]) => AtomicWrite[];
  /** Every tally of a case, oldest hour first. */
  ofCase(caseId: string): Promise<ReadTally[]>;
}

export interface StoredMailFailure extends MailFailure {
  /** What names the mail: our Message-ID, else SES's id. */
  mailRef: string;
  recordedAt: string;
  /** The staff member the address belongs to, when known. */
  recipient?: { sub: string; name: string };
  /** Cases the mail was about. */
  caseIds: string[];
}

export interface MailSuppression {
  email: string;
  kind: MailFailure['kind'];
  detail: string;
  since: string;
  recipient?: { sub: string; name: string };
  noticeSentAt?: string;
}

/** Mail that bounced or was complained about, and the addresses no longer mailed. */
export interface MailFailureStore {
  record(failure: Omit<StoredMailFailure, 'recordedAt'>, now: Date): Promise<boolean>;
  recent(limit: number): Promise<StoredMailFailure[]>;
  suppress(suppression: Omit<MailSuppression, 'noticeSentAt'>): Promise<boolean>;
  suppressedAmong(emails: readonly string[]): Promise<Map<string, MailSuppression>>;
  lift(email: string): Promise<void>;
  liftIfSuppressed(email: string, claim?: IdempotencyClaim): Promise<boolean>;
  suppressions(limit: number): Promise<MailSuppression[]>;
  pendingNotices(): Promise<MailSuppression[]>;
  noticeSent(email: string, at: Date): Promise<void>;
}

// ── Reminder digests (the morning mail's ledger; layout and guarantees in shared/store/reminder-store.ts)

/** The fields of an open task a reminder needs (the store reads them with a projection). */
export type ReminderTask = Pick<
  TaskRecord,
  | 'taskId'
  | 'caseId'
  | 'caseNumber'
  | 'caseTitle'
  | 'sealed'
  | 'type'
  | 'titleKo'
  | 'assignee'
  | 'openedAt'
  | 'dueAt'
  | 'status'
  | 'hiddenFrom'
>;

/** Levels of the limitation alarms (limitation-alarms.ts): days before the limitation date. */
export type LimitationAlarmLevel = 'limitation-7' | 'limitation-30' | 'limitation-90';
/** Levels of the committee notices a staff member's digest carries (committee-notices.ts). */
export type CommitteeNoticeLevel = 'committee-agenda' | 'committee-day-before' | 'committee-decisions-pending';
/** Why a staff member hears of a committee's meeting. */
export type CommitteeNoticeReason = 'committee-member' | 'committee-secretary';

/**
 * One item of a digest: which reminder (task × threshold) and why this recipient gets it. A
 * limitation alarm names its case's limitation as the "task" (`LIMITATION_ALARM_TASK_ID`); a
 * committee notice names each agenda item's committee task, once per meeting × notice (× day for
 * the secretary's daily reminder).
 */
export interface ReminderItemRef {
  caseId: string;
  taskId: string;
  threshold: string;
  level: ReminderLevel | LimitationAlarmLevel | CommitteeNoticeLevel;
  reason: RecipientReason | CommitteeNoticeReason;
}

export type DigestStatus = 'claiming' | 'sending' | 'sent' | 'done' | 'abandoned';

export interface DigestRecipient {
  sub: string;
  name: string;
  email: string;
}

export interface StoredDigest {
  digestId: string;
  /** The run it belongs to (its scheduled instant, ISO). */
  runKey: string;
  runDate: string;
  recipient: DigestRecipient;
  /** Bumped when an abandoned digest is taken up again; markers are owned by `<digestId>/<attempt>`. */
  attempt: number;
  status: DigestStatus;
  holder: string;
  leaseUntil: string;
  /** Items it may claim (recorded before claiming, so a recovery knows which markers to release). */
  candidates: ReminderItemRef[];
  /** Items it claimed and mails (recorded when it starts sending). */
  claimed?: ReminderItemRef[];
  /** The template input, so a recovery resends exactly the same mail. */
  mailInput?: string;
  messageId?: string;
  sentAt?: string;
  /** What the provider called the message (SES MessageId; the catcher's id locally). */
  providerMessageId?: string;
  /** Resent by a recovery that could not ask the provider whether the first send got through. */
  deliveryUncertain?: boolean;
  failure?: string;
}

/**
 * The reminder ledger: open tasks near a reminder, per-recipient markers (each reminder goes out
 * once) and digests (one per recipient per run, an outbox record with a lease).
 */
export interface ReminderStore {
  openTasksDueBy(dueBy: string): Promise<ReminderTask[]>;
  existingMarkers(recipientSub: string, items: readonly ReminderItemRef[]): Promise<Map<string, 'pending' | 'sent'>>;
  markerId(recipientSub: string, item: ReminderItemRef): string;
  getDigest(digestId: string): Promise<StoredDigest | undefined>;
  mailedInAny(runKeys: readonly string[], sub: string): Promise<boolean>;
  acquireDigest(request: {
    runKey: string;
    runDate: string;
    recipient: DigestRecipient;
    candidates: ReminderItemRef[];
    now: Date;
    leaseMs: number;
  }): Promise<StoredDigest | undefined>;
  claimMarkers(
    digest: StoredDigest,
    items: readonly ReminderItemRef[],
    now: Date,
  ): Promise<{ claimed: ReminderItemRef[]; lost: boolean }>;
  releaseMarkers(digest: StoredDigest, items: readonly ReminderItemRef[]): Promise<void>;
  markSent(digest: StoredDigest, items: readonly ReminderItemRef[], sentAt: string): AtomicWrite[];
  releaseSent(digest: StoredDigest, items: readonly ReminderItemRef[], messageId: string): AtomicWrite[];
  advance(
    digest: StoredDigest,
    to: Extract<DigestStatus, 'claiming' | 'sending' | 'sent'>,
    fields: Partial<
      Pick<StoredDigest, 'claimed' | 'mailInput' | 'messageId' | 'sentAt' | 'providerMessageId' | 'deliveryUncertain'>
    >,
    now: Date,
    leaseMs: number,
  ): Promise<StoredDigest | undefined>;
  finish(
    digest: StoredDigest,
    to: Extract<DigestStatus, 'done' | 'abandoned'>,
    now: Date,
    failure?: string,
  ): Promise<boolean>;
  staleDigests(now: Date): Promise<StoredDigest[]>;
  takeOver(digest: StoredDigest, now: Date, leaseMs: number): Promise<StoredDigest | undefined>;
}

/** The staff lookups a run needs. */
export interface StaffDirectory {
  get(sub: string): Promise<StaffMember | undefined>;
  /** Active or not, everyone holding `role` in `team`; with no team, in the whole office. */
  withRole(role: Role, team: Team | undefined): Promise<StaffMember[]>;
}

/**
 * Who holds an office-wide role without a team (the head of office): on AWS the members of the user
 * pool's group of that role, locally the demo staff named by configuration.
 */
export interface OfficeLevelStaff {
  withRole(role: Role): Promise<StaffMember[]>;
}

/** Each person's reminder preferences and the unsubscribe token their mail's List-Unsubscribe carries. */
export interface ReminderPreferencesStore {
  get(sub: string): Promise<ReminderPreferences>;
  getMany(subs: readonly string[]): Promise<Map<string, ReminderPreferences>>;
  save(next: ReminderPreferences, readVersion: number, at: string): Promise<ReminderPreferences | undefined>;
  unsubscribeToken(sub: string): Promise<string>;
  tokenMatches(sub: string, token: string): Promise<boolean>;
}

/** Object storage of case files (S3; an S3-compatible server on one machine): presigned URLs and a server-side read. */
export interface FileStore {
  /** A URL that accepts one PUT of exactly this size and type, tagged scan=pending, until `expiresInSeconds`. */
  uploadUrl(
    key: string,
    file: { contentType: string; size: number; sha256: string },
    expiresInSeconds: number,
  ): Promise<{ url: string; headers: Record<string, string> }>;
  /** Size, type, declared hash and the SHA-256 computed over the stored bytes; undefined when nothing was uploaded. */
  inspect(
    key: string,
  ): Promise<
    { size: number; contentType: string | undefined; declaredSha256: string | undefined; sha256: string } | undefined
  >;
  /** The scan tag's value (the virus-scan hook point); undefined when the object has none. */
  scanState(key: string): Promise<string | undefined>;
  downloadUrl(key: string, fileName: string, contentType: string, expiresInSeconds: number): Promise<string>;
  delete(key: string): Promise<void>;
}
