/**
 * Undelivered mail for the administrator (issue 6): the recent failures recorded by
 * mail-failures.ts and the suppressed addresses, and lifting a suppression once the address was
 * checked — the next reminder run then sends what was held back. Failures are shown with the case
 * numbers they were about, never the cases' content (a sealed case's title stays out).
 */
import { NotFoundError } from '../domain/errors.ts';
import type { Actor } from '../domain/roles.ts';
import type { MailFailureKind } from '../mail/mail-events.ts';
import { assertCanLiftSuppression, assertCanReadMailFailures } from '../policies/mail-access.ts';
import type { CaseRepository, IdempotencyStore } from './ports.ts';
import type { MailFailureStore, MailSuppression, StoredMailFailure } from './ports.ts';
import { runIdempotent, type IdempotencyRequest } from './idempotent.ts';

/** How a failure is named to the administrator: a refused send is an SMTP refusal. */
export type MailFailureKindView = Exclude<MailFailureKind, 'send-error'> | 'smtp-refusal';

export interface MailFailureView {
  email: string;
  recipient?: { sub: string; name: string };
  kind: MailFailureKindView;
  /** Permanent: the address is suppressed (hard bounce, complaint, refused address); transient: retried. */
  permanence: 'permanent' | 'transient';
  at: string;
  recordedAt: string;
  messageId?: string;
  caseNumbers: string[];
}

export interface MailSuppressionView {
  email: string;
  recipient?: { sub: string; name: string };
  kind: MailFailureKindView;
  since: string;
  noticeSentAt?: string;
}

export interface MailFailureAdminDeps {
  failures: Pick<MailFailureStore, 'recent' | 'suppressions' | 'liftIfSuppressed'>;
  cases: Pick<CaseRepository, 'get'>;
  idempotency?: Pick<IdempotencyStore, 'find'>;
  clock?: () => Date;
}

const kindView = (kind: MailFailureKind): MailFailureKindView => (kind === 'send-error' ? 'smtp-refusal' : kind);

export function mailFailureAdmin(deps: MailFailureAdminDeps) {
  const clock = deps.clock ?? (() => new Date());

  async function caseNumbersOf(failures: readonly StoredMailFailure[]): Promise<Map<string, string>> {
    const numbers = new Map<string, string>();
    for (const caseId of new Set(failures.flatMap((f) => f.caseIds ?? []))) {
      const found = await deps.cases.get(caseId);
      if (found) numbers.set(caseId, found.caseNumber);
    }
    return numbers;
  }

  function failureView(f: StoredMailFailure, numbers: ReadonlyMap<string, string>): MailFailureView {
    const messageId = f.messageId ?? f.providerMessageId;
    return {
      email: f.email,
      ...(f.recipient && { recipient: { sub: f.recipient.sub, name: f.recipient.name } }),
      kind: kindView(f.kind),
      permanence: f.disposition === 'suppress' ? 'permanent' : 'transient',
      at: f.at,
      recordedAt: f.recordedAt,
      ...(messageId !== undefined && { messageId }),
      caseNumbers: (f.caseIds ?? []).flatMap((id) => numbers.get(id) ?? []),
    };
  }

  const suppressionView = (s: MailSuppression): MailSuppressionView => ({
    email: s.email,
    ...(s.recipient && { recipient: { sub: s.recipient.sub, name: s.recipient.name } }),
    kind: kindView(s.kind),
    since: s.since,
    ...(s.noticeSentAt !== undefined && { noticeSentAt: s.noticeSentAt }),
  });

  return {
    /** The most recent failures (newest first) and every suppressed address. */
    async list(
      actor: Actor,
      limit = 100,
    ): Promise<{ failures: MailFailureView[]; suppressions: MailSuppressionView[] }> {
      assertCanReadMailFailures(actor);
      const [failures, suppressions] = await Promise.all([
        deps.failures.recent(limit),
        deps.failures.suppressions(1000),
      ]);
      const numbers = await caseNumbersOf(failures);
      return {
        failures: failures.map((f) => failureView(f, numbers)),
        suppressions: suppressions.map(suppressionView),
      };
    },

    /** Lifts the suppression of an address; 404 when it is not suppressed. */
    async lift(
      actor: Actor,
      email: string,
      idempotency?: IdempotencyRequest,
    ): Promise<{ result: { email: string; lifted: true }; replayed: boolean }> {
      assertCanLiftSuppression(actor);
      if (!deps.idempotency) throw new Error('mail failures: no idempotency store wired');
      const address = email.toLowerCase();
      return runIdempotent(deps.idempotency, actor.sub, idempotency, clock(), async (claimFor) => {
        const result = { email: address, lifted: true as const };
        if (!(await deps.failures.liftIfSuppressed(address, claimFor(result)))) {
          throw new NotFoundError(
            `Mail to ${address} is not suppressed`,
            `${address} 주소는 메일 발송이 중지되어 있지 않습니다`,
            { field: 'email', rule: 'not_suppressed' },
          );
        }
        return result;
      });
    },
  };
}

export type MailFailureAdmin = ReturnType<typeof mailFailureAdmin>;
