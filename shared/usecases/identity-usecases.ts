/**
 * The identity custodian's procedure (docs/design.md#10-protected-identities, 공익신고자 보호법 시행령 제13조): the
 * case's handler asks to see the sealed reporter identity, with a reason; the custodian grants (for
 * a number of days) or refuses, with a reason; the handler then reads it while the grant lasts.
 * Each step is one transaction: the request item and the history event that records it (request,
 * decision, every read) — without the identity — land together or not at all. The read is
 * recorded before the identity is decrypted and returned: no record, no answer.
 */
import { ulid } from 'ulid';
import type { CaseRecord } from '../domain/case.ts';
import { NotFoundError } from '../domain/errors.ts';
import {
  accessStatusAt,
  assertCustodian,
  assertMayRead,
  assertMayRequestAccess,
  decideAccess,
  reporterIdentitySchema,
  type AccessRequest,
  type ReporterIdentity,
  IDENTITY_KEY_PURPOSE,
} from '../domain/identity.ts';
import { toKoreaIso } from '../domain/korea-time.ts';
import { hasAnyRole, type Actor } from '../domain/roles.ts';
import { open, type DataKeyProvider } from '../identity/envelope.ts';
import { assertCanRead } from '../policies/case-access.ts';
import type { CaseRepository } from './ports.ts';
import type { IdentityVault } from './ports.ts';
import { eventActorOf, loadCase } from './case-operations.ts';

export interface IdentityUseCaseDeps {
  cases: Pick<CaseRepository, 'get' | 'appendWithoutVersion'>;
  vault: IdentityVault;
  /** Only the read route is given the key (on AWS: the only function with kms:Decrypt). */
  keys?: DataKeyProvider;
  clock?: () => Date;
  newId?: () => string;
}

export type AccessRequestView = AccessRequest & { currentStatus: AccessRequest['status'] | 'expired' };

export function identityUseCases(deps: IdentityUseCaseDeps) {
  const clock = deps.clock ?? (() => new Date());
  const newId = deps.newId ?? (() => ulid());
  const view = (r: AccessRequest, now: Date): AccessRequestView => ({ ...r, currentStatus: accessStatusAt(r, now) });

  async function caseWithIdentity(caseId: string): Promise<CaseRecord> {
    const c = await loadCase(deps.cases, caseId);
    if (!c.protectedIdentity?.held) {
      throw new NotFoundError(
        `Case ${c.caseNumber} holds no sealed reporter identity`,
        `사건(${c.caseNumber})에는 봉인된 신고자 신원이 없습니다`,
        { field: 'caseId', rule: 'no_sealed_identity' },
      );
    }
    return c;
  }

  async function requestOf(c: CaseRecord, requestId: string): Promise<AccessRequest> {
    const found = await deps.vault.getRequest(c.caseId, requestId);
    if (!found) {
      throw new NotFoundError(
        `No access request ${requestId} on case ${c.caseNumber}`,
        '열람 요청을 찾을 수 없습니다',
        {
          field: 'requestId',
          rule: 'not_found',
        },
      );
    }
    return found;
  }

  return {
    /** The handler asks the custodian to see the identity, saying why. */
    async requestAccess(actor: Actor, caseId: string, reason: string): Promise<AccessRequestView> {
      const c = await caseWithIdentity(caseId);
      assertCanRead(actor, c);
      assertMayRequestAccess(actor, c.assigneeSub, c.caseNumber);
      const now = clock();
      const at = toKoreaIso(now);
      const request: AccessRequest = {
        requestId: newId(),
        caseId,
        caseNumber: c.caseNumber,
        requesterSub: actor.sub,
        ...(actor.name !== undefined && { requesterName: actor.name }),
        reason,
        requestedAt: at,
        status: 'pending',
        reads: 0,
      };
      await deps.cases.appendWithoutVersion(
        caseId,
        [
          {
            type: 'IDENTITY_ACCESS_REQUESTED',
            at,
            actor: eventActorOf(actor),
            data: { requestId: request.requestId, reason },
          },
        ],
        [deps.vault.requestPut(request)],
      );
      return view(request, now);
    },

    /** The custodian grants (for `days`) or refuses, with a reason. The custodian never sees the case's content. */
    async decide(
      actor: Actor,
      caseId: string,
      requestId: string,
      decision: { grant: boolean; reason: string; days?: number },
    ): Promise<AccessRequestView> {
      assertCustodian(actor);
      const c = await caseWithIdentity(caseId);
      const request = await requestOf(c, requestId);
      const now = clock();
      const { next, draft } = decideAccess(request, decision, eventActorOf(actor), now, toKoreaIso(now));
      await deps.cases.appendWithoutVersion(caseId, [draft], [deps.vault.requestPut(next, request)]);
      return view(next, now);
    },

    /** The granted handler reads the identity; the read is in the chain before the identity leaves. */
    async readIdentity(
      actor: Actor,
      caseId: string,
      requestId?: string,
    ): Promise<{ identity: ReporterIdentity; request: AccessRequestView }> {
      const c = await caseWithIdentity(caseId);
      assertCanRead(actor, c);
      const now = clock();
      // Without an id: the reader's own most recent grant on this case (assertMayRead refuses when there is none).
      const request =
        requestId !== undefined
          ? await requestOf(c, requestId)
          : (await deps.vault.requestsOfCase(caseId))
              .filter((r) => r.requesterSub === actor.sub && r.status === 'granted')
              .at(-1);
      const granted = assertMayRead(actor, request, c.assigneeSub, now);
      const envelope = await deps.vault.getEnvelope(caseId);
      if (!envelope || !deps.keys) {
        throw new NotFoundError(
          `The sealed identity of case ${c.caseNumber} is not available`,
          `사건(${c.caseNumber})의 봉인된 신원을 열 수 없습니다`,
          { rule: 'vault_unavailable' },
        );
      }
      const at = toKoreaIso(now);
      const next: AccessRequest = { ...granted, reads: granted.reads + 1, lastReadAt: at };
      await deps.cases.appendWithoutVersion(
        caseId,
        [
          {
            type: 'IDENTITY_READ',
            at,
            actor: eventActorOf(actor),
            data: { requestId: granted.requestId, read: next.reads },
          },
        ],
        [deps.vault.requestPut(next, granted)],
      );
      const identity = reporterIdentitySchema.parse(
        JSON.parse(await open(deps.keys, envelope, { caseId, purpose: IDENTITY_KEY_PURPOSE })),
      );
      return { identity, request: view(next, now) };
    },

    /**
     * Who asked, who decided, how often it was read — never the identity. For the custodian, the
     * head, auditors (who must see that access happened and by whom) and the case's handler.
     */
    async requestsOfCase(actor: Actor, caseId: string): Promise<AccessRequestView[]> {
      const c = await caseWithIdentity(caseId);
      if (!hasAnyRole(actor, ['custodian', 'auditor', 'head'])) assertCanRead(actor, c);
      const now = clock();
      return (await deps.vault.requestsOfCase(caseId)).map((r) => view(r, now));
    },

    /** The custodian's in-tray: requests waiting for a decision, oldest first. */
    async pendingRequests(actor: Actor): Promise<AccessRequestView[]> {
      assertCustodian(actor);
      const now = clock();
      return (await deps.vault.pendingRequests()).map((r) => view(r, now));
    },
  };
}

export type IdentityUseCases = ReturnType<typeof identityUseCases>;
