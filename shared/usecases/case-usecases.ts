/**
 * Case use cases: intake, read, update, note, my cases, history. Handlers adapt HTTP to these;
 * the ports (repositories, clock, ids) are handed in so tests can use the real local engines.
 */
import { ulid } from 'ulid';
import { caseChanges } from '../domain/case-changes.ts';
import { addNote, formatCaseNumber, type CasePatch, type CaseRecord, type IntakeInput } from '../domain/case.ts';
import type { KindRegistry } from '../domain/kind-registry.ts';
import { KINDS } from '../kinds/registry.ts';
import { InternalError, NotFoundError, ValidationError, VersionConflictError } from '../domain/errors.ts';
import { verifyChain, type EventDraft, type HistoryEvent, type ChainVerification } from '../domain/history.ts';
import { koreaYear, toKoreaIso } from '../domain/korea-time.ts';
import type { Actor } from '../domain/roles.ts';
import { assertCanAssign, assertCanChange, assertCanCreateCase, assertCanRead } from '../policies/case-access.ts';
import { koreaHourOf, type ReadKind } from '../domain/read-tally.ts';
import {
  type AtomicWrite,
  type CaseRepository,
  type IdentityVault,
  type IdempotencyStore,
  type OutboxStore,
  type Page,
  type ReadTallyStore,
  type CitizenAuditorRoster,
  RelatedItemConflictError,
  type StaffRepository,
} from './ports.ts';
import type { OutboxIntent } from '../domain/outbox.ts';
import type { WorkflowStarter } from '../workflow/case-workflows.ts';
import { runIdempotent, type IdempotencyRequest } from './idempotent.ts';
import { loadChain, verifyCaseChain, type CaseVerification } from './chain-verification.ts';
import { caseAsOf, type CaseAsOf } from '../domain/case-as-of.ts';
import { timeline, type TimelineEntry, type TimelineFilter } from '../domain/timeline.ts';
import { eventActorOf, loadCase } from './case-operations.ts';
import {
  assertTextFreeOfIdentity,
  identityStoredDraft,
  type ReporterIdentity,
  IDENTITY_KEY_PURPOSE,
} from '../domain/identity.ts';
import { seal, type DataKeyProvider } from '../identity/envelope.ts';
import { assertIdentityAllowed, assertSealing, compulsorySealing, holdsReporterIdentity } from '../domain/sealing.ts';
import type { AnchorStore } from '../anchor/anchor-store.ts';
import { latestAnchorForVerification } from '../anchor/chain-anchor.ts';
import { outboxRelay } from './outbox-relay.ts';
import { createCalendar, type Calendar } from '../calendar/index.ts';
import { assertReceivedAtUsable } from '../calendar/received-date.ts';
import { checkAssignee, recordException, type AssignmentOverrideInput } from '../policies/assignment.ts';

export interface CaseUseCaseDeps {
  cases: CaseRepository;
  /** Where sealed reporter identities go (identity-vault.ts) and who keeps their key; without them, intake refuses a reporter. */
  identity?: { vault: IdentityVault; keys: DataKeyProvider };
  staff: Pick<StaffRepository, 'get' | 'listByTeam'>;
  /** The 구민감사관 roster a check's auditors are taken from; without it, such a check is refused. */
  citizenAuditors?: Pick<CitizenAuditorRoster, 'get'>;
  idempotency: Pick<IdempotencyStore, 'find'>;
  /** Starts the case's lifecycle after intake; without it cases are registered only. */
  workflows?: WorkflowStarter;
  /** The legal calendar a received date must fall in (default: the package's holiday data). */
  calendar?: Pick<Calendar, 'coveredYears'>;
  /** Where the start is recorded with the intake (without it, a crash can leave a case with no workflow). */
  outbox?: OutboxStore;
  /** The kinds of case (default: the office's). */
  kinds?: KindRegistry;
  /**
   * Where reads of sealed cases are counted per reader and hour (read-tally-store.ts): one chain event
   * per reader, case and hour instead of one per read. Without it every read appends its own event.
   */
  readTallies?: ReadTallyStore;
  /** Chain heads anchored outside the table; verification compares against the latest. */
  anchors?: Pick<AnchorStore, 'latest'>;
  clock?: () => Date;
  newId?: () => string;
  log?: (entry: Record<string, unknown>) => void;
}

export interface WriteResult {
  case: CaseRecord;
  events: HistoryEvent[];
}

export function caseUseCases(deps: CaseUseCaseDeps) {
  const clock = deps.clock ?? (() => new Date());
  const newId = deps.newId ?? (() => ulid());
  let defaultCalendar: Calendar | undefined;
  const calendar = () => deps.calendar ?? (defaultCalendar ??= createCalendar());
  const log = deps.log ?? ((entry) => console.log(JSON.stringify(entry)));
  const relay =
    deps.outbox && deps.workflows
      ? outboxRelay({ outbox: deps.outbox, cases: deps.cases, workflows: deps.workflows, clock, log })
      : undefined;
  const kinds = deps.kinds ?? KINDS;
  const { openCase, updateDetails } = caseChanges(kinds);

  /**
   * The lifecycle's start, recorded as an outbox intent in the intake's own transaction. The
   * execution is named after the case, so a retried intake (same Idempotency-Key), the relay and
   * the reconciler can all deliver it and only one execution ever starts.
   */
  const startIntent = (c: CaseRecord): Extract<OutboxIntent, { type: 'start-execution' }> => ({
    type: 'start-execution',
    caseId: c.caseId,
    // A case assigned at intake skips the assignment step and starts with the investigation.
    startAt: c.assigneeSub ? 'investigation' : 'intake',
    executionName: c.caseId,
  });

  /** Delivers the start right after the commit; should that fail, the relay delivers the intent. */
  async function startWorkflow(c: CaseRecord, committedAt: Date): Promise<boolean> {
    if (!deps.workflows || c.stage !== 'intake') return false;
    if (relay) return (await relay.deliverNow(startIntent(c), committedAt)).delivered;
    try {
      await deps.workflows.start(c, startIntent(c).startAt, c.caseId);
      return true;
    } catch (error) {
      log({
        level: 'error',
        message: 'workflow start failed; the case is registered',
        caseId: c.caseId,
        error: error instanceof Error ? `${error.name}: ${error.message}` : String(error),
      });
      return false;
    }
  }

  const eventActor = eventActorOf;

  /** The assignee against the kind's team and role; the head's recorded exception, when they overrode it. */
  async function assertAssignable(actor: Actor, kind: string, sub: string, override: AssignmentOverrideInput) {
    return checkAssignee({ actor, kind: kinds.get(kind), sub, member: await deps.staff.get(sub), override });
  }

  /**
   * Reading a sealed case is itself history (docs/design.md#4-history-is-a-hash-chain): who looked, when, at what. It is
   * linked into the case's one hash chain without bumping the version (appendWithoutVersion), so a
   * read never makes someone's edit fail. The read is recorded before the answer is returned: no
   * record, no answer.
   */
  async function recordSensitiveRead(
    actor: Actor,
    c: CaseRecord,
    what: ReadKind,
    details: Record<string, unknown> = {},
  ): Promise<void> {
    if (!c.sealed) return;
    const at = toKoreaIso(clock());
    const draft = (extra: Record<string, unknown>): EventDraft => ({
      type: 'SENSITIVE_READ',
      at,
      actor: eventActor(actor),
      data: { what, caseNumber: c.caseNumber, ...stripUndefinedValues(details), ...extra },
    });
    const tallies = deps.readTallies;
    if (!tallies) {
      await deps.cases.appendWithoutVersion(c.caseId, [draft({})]);
      return;
    }
    // The reader's first read of the hour appends the event (with the first read's details) and opens
    // the tally; later reads of the hour only count. Two first reads racing: one appends, the other counts.
    const hour = koreaHourOf(at);
    for (let attempt = 1; ; attempt++) {
      if (await tallies.count(c.caseId, hour, actor.sub, what, at)) return;
      try {
        await deps.cases.appendWithoutVersion(
          c.caseId,
          [draft({ hour, tally: 'per-reader-hour' })],
          tallies.firstPut(c.caseId, hour, actor.sub, what, at),
        );
        return;
      } catch (error) {
        if (error instanceof RelatedItemConflictError && attempt < 3) continue;
        throw error;
      }
    }
  }

  /** The read counts of the hours the chain's SENSITIVE_READ events opened, beside each event. */
  async function withReadCounts(caseId: string, entries: TimelineEntry[]): Promise<TimelineEntry[]> {
    if (!deps.readTallies || !entries.some((e) => e.type === 'SENSITIVE_READ' && e.data.hour !== undefined))
      return entries;
    const tallies = await deps.readTallies.ofCase(caseId);
    const bySeq = new Map(tallies.map((t) => [t.eventSeq, t]));
    return entries.map((e) => {
      const tally = e.type === 'SENSITIVE_READ' ? bySeq.get(e.seq) : undefined;
      return tally && tally.eventHash === e.hash ? { ...e, reads: tally.reads, readsByWhat: tally.byWhat } : e;
    });
  }

  const load = (caseId: string) => loadCase(deps.cases, caseId);

  return {
    async createCase(
      actor: Actor,
      given: Omit<IntakeInput, 'receivedAt'> & {
        receivedAt?: string;
        reporter?: ReporterIdentity;
      } & AssignmentOverrideInput,
      idempotency?: IdempotencyRequest,
    ) {
      assertCanCreateCase(actor);
      const { overrideAssignmentRule, overrideReason, ...input } = given;
      assertSealing(input.kind, input.channel, input.sealed, kinds);
      const { reporter, ...intake } = input;
      assertIdentityAllowed(input.kind, reporter, kinds);
      if (reporter) {
        assertTextFreeOfIdentity(reporter, {
          title: input.title,
          summary: input.summary,
          department: input.department,
        });
        if (!deps.identity)
          throw new InternalError(
            'No identity key configured (IDENTITY_KEY_ID or IDENTITY_KEY_FILE)',
            '신원 보호 키가 설정되지 않았습니다',
          );
      }
      if (input.receivedAt !== undefined) assertReceivedAtUsable(calendar(), input.receivedAt, { now: clock() });
      const override = { overrideAssignmentRule, overrideReason };
      let exception: Awaited<ReturnType<typeof assertAssignable>>;
      if (input.assigneeSub !== undefined) {
        assertCanAssign(actor);
        exception = await assertAssignable(actor, input.kind, input.assigneeSub, override);
      } else if (overrideAssignmentRule !== undefined || overrideReason !== undefined) {
        throw overrideWithoutAssignee();
      }
      const kind = kinds.get(input.kind);
      const details = kind.details && (input as Record<string, unknown>)[kind.details.key];
      if (details !== undefined && kind.details) {
        const completed = await kind.details.checkIntake?.(details, {
          staff: deps.staff,
          team: kind.team,
          ...(deps.citizenAuditors && { citizenAuditors: deps.citizenAuditors }),
        });
        if (completed !== undefined) (intake as Record<string, unknown>)[kind.details.key] = completed;
      }
      const now = clock();
      return runIdempotent(deps.idempotency, actor.sub, idempotency, now, async (claimFor): Promise<WriteResult> => {
        const year = koreaYear(now);
        const team = kind.team;
        const caseId = newId();
        // Sealed with a data key of its own, bound to this case; the case and its history only learn that it is held.
        const envelope =
          reporter && deps.identity
            ? await seal(deps.identity.keys, JSON.stringify(reporter), { caseId, purpose: IDENTITY_KEY_PURPOSE })
            : undefined;
        return deps.cases.createNumbered(
          year,
          team,
          (serial) => {
            const change = openCase({
              caseId,
              caseNumber: formatCaseNumber(year, team, serial),
              input: {
                ...intake,
                ...(compulsorySealing(input.kind, input.channel, kinds) !== undefined && { sealed: true }),
                receivedAt: input.receivedAt ?? toKoreaIso(now),
              },
              actor: eventActor(actor),
              now: toKoreaIso(now),
            });
            if (reporter && envelope) {
              change.next.protectedIdentity = {
                held: true,
                consentToDisclosure: reporter.consentToDisclosure,
                storedAt: toKoreaIso(now),
              };
              change.drafts.push(identityStoredDraft(reporter, eventActor(actor), toKoreaIso(now)));
            } else if (holdsReporterIdentity(input.kind, kinds)) {
              change.next.protectedIdentity = { held: false };
            }
            return { ...change, drafts: recordException(change.drafts, exception) };
          },
          claimFor,
          // One transaction: the case, its workflow's outbox intent and its sealed reporter identity.
          (c): AtomicWrite[] => [
            ...(deps.outbox && deps.workflows ? [deps.outbox.put(startIntent(c), now)] : []),
            ...(envelope && deps.identity
              ? [deps.identity.vault.sealedIdentityPut(caseId, envelope, toKoreaIso(now))]
              : []),
          ],
        );
      }).then(async (outcome) => ({ ...outcome, workflowStarted: await startWorkflow(outcome.result.case, now) }));
    },

    /** One case (or, `what: 'tasks'`, the case whose open tasks are listed); a read of a sealed case is recorded. */
    async getCase(actor: Actor, caseId: string, what: 'case' | 'tasks' = 'case'): Promise<CaseRecord> {
      const found = await load(caseId);
      assertCanRead(actor, found);
      await recordSensitiveRead(actor, found, what);
      return found;
    },

    /** The case as it stood at the end of a Korean date, rebuilt from its history (see case-as-of.ts). */
    async caseAsOf(
      actor: Actor,
      caseId: string,
      asOf: string,
    ): Promise<{ case: CaseAsOf; verification: ChainVerification }> {
      const loaded = await load(caseId);
      assertCanRead(actor, loaded);
      const { case: found, events } = await loadChain(deps.cases, loaded);
      const verification = verifyChain(events, found);
      const rebuilt = caseAsOf(found, events, asOf, kinds);
      if (!rebuilt) {
        throw new NotFoundError(
          `Case ${found.caseNumber} was not yet registered on ${asOf}`,
          `사건(${found.caseNumber})은 ${asOf}에 아직 접수되지 않았습니다`,
          { field: 'asOf', rule: 'before_intake' },
        );
      }
      await recordSensitiveRead(actor, found, 'case-as-of', { asOf });
      return { case: rebuilt, verification };
    },

    async updateCase(
      actor: Actor,
      caseId: string,
      expectedVersion: number,
      given: CasePatch & AssignmentOverrideInput,
      idempotency?: IdempotencyRequest,
    ) {
      const now = clock();
      const { overrideAssignmentRule, overrideReason, ...patch } = given;
      return runIdempotent(deps.idempotency, actor.sub, idempotency, now, async (claimFor): Promise<WriteResult> => {
        const current = await load(caseId);
        assertCanChange(actor, current);
        let exception: Awaited<ReturnType<typeof assertAssignable>>;
        if (patch.assigneeSub !== undefined) {
          assertCanAssign(actor);
          exception = await assertAssignable(actor, current.kind, patch.assigneeSub, {
            overrideAssignmentRule,
            overrideReason,
          });
        } else if (overrideAssignmentRule !== undefined || overrideReason !== undefined) {
          throw overrideWithoutAssignee();
        }
        if (current.version !== expectedVersion) throw staleVersion(current, expectedVersion);
        const change = updateDetails(current, patch, eventActor(actor), toKoreaIso(now));
        return deps.cases.commit(current, { ...change, drafts: recordException(change.drafts, exception) }, claimFor);
      });
    },

    async appendNote(
      actor: Actor,
      caseId: string,
      text: string,
      expectedVersion: number | undefined,
      idempotency?: IdempotencyRequest,
    ) {
      const now = clock();
      return runIdempotent(deps.idempotency, actor.sub, idempotency, now, async (claimFor): Promise<WriteResult> => {
        const current = await load(caseId);
        assertCanChange(actor, current);
        if (expectedVersion !== undefined && current.version !== expectedVersion)
          throw staleVersion(current, expectedVersion);
        const change = addNote(current, text, eventActor(actor), toKoreaIso(now));
        return deps.cases.commit(current, change, claimFor);
      });
    },

    async listMyCases(actor: Actor, options: { limit: number; cursor?: string }): Promise<Page<CaseRecord>> {
      return deps.cases.listByAssignee(actor.sub, options);
    },

    /**
     * The timeline, optionally filtered; verification always covers the whole chain as stored
     * (before this read of a sealed case is itself recorded).
     */
    async caseHistory(
      actor: Actor,
      caseId: string,
      filter: TimelineFilter = {},
    ): Promise<{ case: CaseRecord; events: TimelineEntry[]; total: number; verification: ChainVerification }> {
      const loaded = await load(caseId);
      assertCanRead(actor, loaded);
      const { case: found, events } = await loadChain(deps.cases, loaded);
      const verification = verifyChain(events, found);
      await recordSensitiveRead(actor, found, 'history', { ...filter });
      const entries = await withReadCounts(found.caseId, timeline(events, filter));
      return { case: found, events: entries, total: events.length, verification };
    },

    /** Recomputes the case's hash chain; anyone who may read the case may verify it. */
    async verifyCase(actor: Actor, caseId: string): Promise<CaseVerification & { verifiedAt: string }> {
      const found = await load(caseId);
      assertCanRead(actor, found);
      const anchor = deps.anchors === undefined ? undefined : await latestAnchorForVerification(deps.anchors);
      return { ...(await verifyCaseChain(deps.cases, found, anchor)), verifiedAt: toKoreaIso(clock()) };
    },
  };
}

export type CaseUseCases = ReturnType<typeof caseUseCases>;

function stripUndefinedValues(value: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined));
}

function overrideWithoutAssignee(): ValidationError {
  return new ValidationError(
    'overrideAssignmentRule and overrideReason go with an assigneeSub',
    '배정 기준 예외는 담당자(assigneeSub)를 지정할 때만 입력합니다',
    { field: 'overrideAssignmentRule', rule: 'only_with_assignee' },
  );
}

function staleVersion(current: CaseRecord, expected: number): VersionConflictError {
  return new VersionConflictError(
    `Case ${current.caseNumber} is at version ${current.version}, not ${expected}`,
    `사건(${current.caseNumber})이 이미 변경되었습니다 (요청 버전 ${expected}, 현재 버전 ${current.version})`,
    { field: 'expectedVersion', rule: 'stale_version', meta: { currentVersion: current.version } },
  );
}
