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
import { verifyChain, type HistoryEvent, type ChainVerification } from '../domain/history.ts';
import { koreaYear, toKoreaIso } from '../domain/korea-time.ts';
import type { Actor } from '../domain/roles.ts';
import { assertCanAssign, assertCanChange, assertCanCreateCase, assertCanRead } from '../policies/case-access.ts';
import type { CaseRepository, Page } from '../store/case-repository.ts';
import type { IdempotencyStore } from '../store/idempotency-store.ts';
import type { StaffRepository } from '../store/staff-repository.ts';
import type { WorkflowStarter } from '../workflow/case-workflows.ts';
import { runIdempotent, type IdempotencyRequest } from './idempotent.ts';
import { loadChain, verifyCaseChain, type CaseVerification } from './chain-verification.ts';
import { caseAsOf, type CaseAsOf } from '../domain/case-as-of.ts';
import { timeline, type TimelineEntry, type TimelineFilter } from '../domain/timeline.ts';
import { eventActorOf, loadCase } from './case-operations.ts';
import {
  assertIdentityAllowed,
  assertSealing,
  assertTextFreeOfIdentity,
  compulsorySealing,
  holdsReporterIdentity,
  identityStoredDraft,
  type ReporterIdentity,
  IDENTITY_KEY_PURPOSE,
} from '../domain/identity.ts';
import { seal, type DataKeyProvider } from '../identity/envelope.ts';
import type { IdentityVault } from '../store/identity-vault.ts';
import type { TransactItem } from '../store/case-repository.ts';
import type { AnchorStore } from '../anchor/anchor-store.ts';
import type { OutboxIntent, OutboxStore } from '../store/outbox-store.ts';
import { outboxRelay } from './outbox-relay.ts';
import { createCalendar, type Calendar } from '../calendar/index.ts';
import { assertReceivedAtUsable } from '../calendar/received-date.ts';

export interface CaseUseCaseDeps {
  cases: CaseRepository;
  /** Where sealed reporter identities go (identity-vault.ts) and who keeps their key; without them, intake refuses a reporter. */
  identity?: { vault: IdentityVault; keys: DataKeyProvider };
  staff: Pick<StaffRepository, 'get' | 'listByTeam'>;
  idempotency: Pick<IdempotencyStore, 'find'>;
  /** Starts the case's lifecycle after intake; without it cases are registered only. */
  workflows?: WorkflowStarter;
  /** The legal calendar a received date must fall in (default: the package's holiday data). */
  calendar?: Pick<Calendar, 'coveredYears'>;
  /** Where the start is recorded with the intake (without it, a crash can leave a case with no workflow). */
  outbox?: OutboxStore;
  /** The kinds of case (default: the office's). */
  kinds?: KindRegistry;
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

  async function assertAssignable(sub: string): Promise<void> {
    const member = await deps.staff.get(sub);
    if (!member || !member.active) {
      throw new ValidationError(`No active staff member with id ${sub}`, `담당자(${sub})를 찾을 수 없습니다`, {
        field: 'assigneeSub',
        rule: 'unknown_staff',
      });
    }
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
    what: 'case' | 'tasks' | 'history' | 'case-as-of',
    details: Record<string, unknown> = {},
  ): Promise<void> {
    if (!c.sealed) return;
    await deps.cases.appendWithoutVersion(c.caseId, [
      {
        type: 'SENSITIVE_READ',
        at: toKoreaIso(clock()),
        actor: eventActor(actor),
        data: { what, caseNumber: c.caseNumber, ...stripUndefinedValues(details) },
      },
    ]);
  }

  const load = (caseId: string) => loadCase(deps.cases, caseId);

  return {
    async createCase(
      actor: Actor,
      input: Omit<IntakeInput, 'receivedAt'> & { receivedAt?: string; reporter?: ReporterIdentity },
      idempotency?: IdempotencyRequest,
    ) {
      assertCanCreateCase(actor);
      assertSealing(input.kind, input.channel, input.sealed);
      const { reporter, ...intake } = input;
      assertIdentityAllowed(input.kind, reporter);
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
      if (input.assigneeSub !== undefined) {
        assertCanAssign(actor);
        await assertAssignable(input.assigneeSub);
      }
      const kind = kinds.get(input.kind);
      const details = kind.details && (input as Record<string, unknown>)[kind.details.key];
      if (details !== undefined && kind.details) {
        const completed = await kind.details.checkIntake?.(details, { staff: deps.staff, team: kind.team });
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
                ...(compulsorySealing(input.kind, input.channel) !== undefined && { sealed: true }),
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
            } else if (holdsReporterIdentity(input.kind)) {
              change.next.protectedIdentity = { held: false };
            }
            return change;
          },
          claimFor,
          // One transaction: the case, its workflow's outbox intent and its sealed reporter identity.
          (c): TransactItem[] => [
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
      const rebuilt = caseAsOf(found, events, asOf);
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
      patch: CasePatch,
      idempotency?: IdempotencyRequest,
    ) {
      const now = clock();
      return runIdempotent(deps.idempotency, actor.sub, idempotency, now, async (claimFor): Promise<WriteResult> => {
        const current = await load(caseId);
        assertCanChange(actor, current);
        if (patch.assigneeSub !== undefined) {
          assertCanAssign(actor);
          await assertAssignable(patch.assigneeSub);
        }
        if (current.version !== expectedVersion) throw staleVersion(current, expectedVersion);
        const change = updateDetails(current, patch, eventActor(actor), toKoreaIso(now));
        return deps.cases.commit(current, change, claimFor);
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
      return { case: found, events: timeline(events, filter), total: events.length, verification };
    },

    /** Recomputes the case's hash chain; anyone who may read the case may verify it. */
    async verifyCase(actor: Actor, caseId: string): Promise<CaseVerification & { verifiedAt: string }> {
      const found = await load(caseId);
      assertCanRead(actor, found);
      const anchor = deps.anchors === undefined ? undefined : ((await deps.anchors.latest()) ?? null);
      return { ...(await verifyCaseChain(deps.cases, found, anchor)), verifiedAt: toKoreaIso(clock()) };
    },
  };
}

export type CaseUseCases = ReturnType<typeof caseUseCases>;

function stripUndefinedValues(value: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined));
}

function staleVersion(current: CaseRecord, expected: number): VersionConflictError {
  return new VersionConflictError(
    `Case ${current.caseNumber} is at version ${current.version}, not ${expected}`,
    `사건(${current.caseNumber})이 이미 변경되었습니다 (요청 버전 ${expected}, 현재 버전 ${current.version})`,
    { field: 'expectedVersion', rule: 'stale_version', meta: { currentVersion: current.version } },
  );
}
