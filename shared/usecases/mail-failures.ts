/**
 * Mail that did not arrive is recorded and acted on, never silently lost (issue 6). Two ways a
 * failure reaches us, handled alike (classification in shared/mail/mail-events.ts):
 *
 * - after sending: SES publishes a bounce, complaint, reject or delivery delay for a mail it had
 *   accepted (AWS: configuration set → EventBridge → functions/jobs/mail-events.handler.ts);
 * - while sending: the SMTP server (locally, the mail catcher) or the SES API refuses the mail —
 *   reminder-outbox.ts calls onSendFailure.
 *
 * For each recipient: a MAIL_FAILED record (once per mail × recipient × kind, however often the
 * event is delivered) and, when the mail was a reminder digest, a MAIL_FAILED event in the history
 * of every case it listed. What happens next:
 * - `retry` — the digest's reminders are released (a bounced digest's `sent` markers are deleted in
 *   the same transaction as the history event; a refused send never marked them sent), so the next
 *   run sends them again;
 * - `suppress` — the same, and the address is suppressed: runs skip that person's digest (reported
 *   as failed) until an administrator fixes the address or lifts the suppression, and the
 *   administrators get a notice (retried by each run until it went out);
 * - `watch` — a delivery delay: recorded only; SES is still trying.
 */
import type { EventDraft } from '../domain/history.ts';
import { toKoreaIso } from '../domain/korea-time.ts';
import {
  classifySendError,
  classifySesEvent,
  parseSesEvent,
  sentMessageOf,
  type MailFailure,
} from '../mail/mail-events.ts';
import { MAIL_FAILURE_NOTICE_TEMPLATE } from '../mail/mail-failure-notice.template.ts';
import type { MailBuildOptions } from '../mail/mail-content.ts';
import { buildMail } from '../mail/mail-message.ts';
import type { Mailer, MailSendError } from '../mail/mailer.ts';
import { type CaseRepository, RelatedItemConflictError } from './ports.ts';
import type { MailFailureStore } from './ports.ts';
import type { ReminderItemRef, ReminderStore, StaffDirectory, StoredDigest } from './ports.ts';
import { NotFoundError } from '../domain/errors.ts';

const ACTOR = { sub: 'system:mail-events', name: '메일 전달 확인', role: 'system' } as const;
const KIND_LABELS_KO: Readonly<Record<MailFailure['kind'], string>> = {
  bounce: '반송',
  complaint: '스팸 신고',
  reject: '발송 거부',
  delay: '전달 지연',
  'send-error': '발송 실패',
};
/** A case item update and an event leave room for this many marker deletions in one transaction. */
const MAX_RELEASES_PER_EVENT = 90;

export interface MailFailureDeps {
  failures: MailFailureStore;
  reminders: Pick<ReminderStore, 'getDigest' | 'releaseSent'>;
  cases: Pick<CaseRepository, 'appendWithoutVersion'>;
  /** A directory for one notice round (administrators are holders of the `admin` role). */
  staffDirectory: () => StaffDirectory;
  mailer: Pick<Mailer, 'send'>;
  mail: MailBuildOptions;
  clock?: () => Date;
  log?: (entry: Record<string, unknown>) => void;
  /** Where SES's `Send` events are recorded, for the reminder outbox's crash recovery (shared/store/mail-send-log.ts). */
  sends?: { recordSent(sent: NonNullable<ReturnType<typeof sentMessageOf>>): Promise<void> };
}

export interface MailFailureOutcome {
  email: string;
  kind: MailFailure['kind'];
  disposition: MailFailure['disposition'];
  /** False when this failure had been recorded before (a redelivered event). */
  recorded: boolean;
  /** Reminders released for the next run. */
  released: number;
  /** The address was newly suppressed. */
  suppressed: boolean;
}

export function mailFailures(deps: MailFailureDeps) {
  const clock = deps.clock ?? (() => new Date());
  const log = deps.log ?? ((entry) => console.log(JSON.stringify(entry)));

  function draftOf(failure: MailFailure, digest: StoredDigest, items: readonly ReminderItemRef[]): EventDraft {
    const next =
      failure.disposition === 'suppress'
        ? '이 주소로는 더 보내지 않으며 관리자에게 알렸습니다'
        : failure.disposition === 'retry'
          ? '다음 발송 때 다시 보냅니다'
          : '메일 서버가 계속 전달을 시도합니다';
    return {
      type: 'MAIL_FAILED',
      at: toKoreaIso(clock()),
      actor: ACTOR,
      data: {
        summaryKo: `${digest.recipient.name}님에게 보낸 알림 메일이 전달되지 않았습니다(${KIND_LABELS_KO[failure.kind]}): ${next}`,
        summary: `mail to ${digest.recipient.name} failed (${failure.kind}); ${failure.disposition}`,
        recipient: { sub: digest.recipient.sub, name: digest.recipient.name },
        kind: failure.kind,
        disposition: failure.disposition,
        detail: failure.detail.slice(0, 500),
        reminders: items.map((i) => ({ taskId: i.taskId, threshold: i.threshold, reason: i.reason })),
        runDate: digest.runDate,
        digestId: digest.digestId,
        messageId: failure.messageId ?? '',
      },
    };
  }

  /**
   * MAIL_FAILED on each case of the digest; with `release`, in the same transaction as deleting the
   * digest's sent markers of that case — so the event is written once, by whoever released them.
   * Returns how many reminders were released.
   */
  async function recordOnCases(failure: MailFailure, digest: StoredDigest, release: boolean): Promise<number> {
    const byCase = new Map<string, ReminderItemRef[]>();
    for (const item of digest.claimed ?? []) byCase.set(item.caseId, [...(byCase.get(item.caseId) ?? []), item]);
    let released = 0;
    for (const [caseId, all] of byCase) {
      for (let i = 0; i < all.length; i += MAX_RELEASES_PER_EVENT) {
        const items = all.slice(i, i + MAX_RELEASES_PER_EVENT);
        try {
          await deps.cases.appendWithoutVersion(
            caseId,
            [draftOf(failure, digest, items)],
            release && failure.messageId ? deps.reminders.releaseSent(digest, items, failure.messageId) : [],
          );
          if (release) released += items.length;
        } catch (error) {
          // Already released (an earlier delivery of this event) or the case is gone: nothing to write.
          if (error instanceof RelatedItemConflictError || error instanceof NotFoundError) continue;
          throw error;
        }
      }
    }
    return released;
  }

  async function act(
    failure: MailFailure,
    digest: StoredDigest | undefined,
    mailRef: string,
    alreadyReleased: boolean,
  ): Promise<MailFailureOutcome> {
    let released = 0;
    if (digest && failure.email === digest.recipient.email.toLowerCase() && failure.disposition !== 'watch') {
      if (alreadyReleased) {
        // A refused send: its markers were released before it was recorded as sent; the history
        // gets the failure once (the record below is the guard).
        released = digest.claimed?.length ?? 0;
      } else {
        released = await recordOnCases(failure, digest, true);
      }
    }
    const recorded = await deps.failures.record(
      {
        ...failure,
        mailRef,
        ...(digest && { recipient: { sub: digest.recipient.sub, name: digest.recipient.name } }),
        caseIds: [...new Set((digest?.claimed ?? []).map((i) => i.caseId))],
      },
      clock(),
    );
    if (recorded && alreadyReleased && digest && failure.disposition !== 'watch')
      await recordOnCases(failure, digest, false);
    let suppressed = false;
    if (failure.disposition === 'suppress') {
      suppressed = await deps.failures.suppress({
        email: failure.email,
        kind: failure.kind,
        detail: failure.detail.slice(0, 1000),
        since: toKoreaIso(new Date(Number.isNaN(Date.parse(failure.at)) ? clock().getTime() : Date.parse(failure.at))),
        ...(digest && { recipient: { sub: digest.recipient.sub, name: digest.recipient.name } }),
      });
    }
    log({
      level: failure.disposition === 'watch' ? 'warn' : 'error',
      message: 'mail not delivered',
      email: failure.email,
      kind: failure.kind,
      disposition: failure.disposition,
      detail: failure.detail,
      mailRef,
      digestId: digest?.digestId,
      released,
      suppressed,
      recorded,
    });
    return {
      email: failure.email,
      kind: failure.kind,
      disposition: failure.disposition,
      recorded,
      released,
      suppressed,
    };
  }

  /** Tells the administrators about suppressions they have not heard of; each stays pending until its notice went out. */
  async function notifyPending(): Promise<number> {
    const pending = await deps.failures.pendingNotices();
    if (pending.length === 0) return 0;
    const suppressedEmails = new Set(pending.map((p) => p.email));
    const admins = (await deps.staffDirectory().withRole('admin', undefined)).filter(
      (m) => m.active && !suppressedEmails.has(m.email.toLowerCase()),
    );
    if (admins.length === 0) {
      log({
        level: 'error',
        message: 'mail addresses were suppressed and there is no administrator to tell',
        emails: [...suppressedEmails],
      });
      return 0;
    }
    const items = pending.map((p) => ({
      email: p.email,
      ...(p.recipient && { staffName: p.recipient.name }),
      kind: p.kind,
      detail: p.detail.slice(0, 1000),
      since: p.since,
    }));
    let sent = 0;
    for (const admin of admins) {
      try {
        await deps.mailer.send(
          buildMail(
            { template: MAIL_FAILURE_NOTICE_TEMPLATE, recipient: { name: admin.name, email: admin.email }, items },
            deps.mail,
          ),
        );
        sent += 1;
      } catch (error) {
        log({
          level: 'error',
          message: 'the notice of suppressed addresses could not be sent; the next run tries again',
          admin: admin.sub,
          error: String(error),
        });
      }
    }
    if (sent === 0) return 0;
    for (const p of pending) await deps.failures.noticeSent(p.email, clock());
    return pending.length;
  }

  return {
    notifyPending,

    /** An SES event (EventBridge or SNS envelope): records and acts on each recipient's failure. */
    async onSesEvent(input: unknown): Promise<MailFailureOutcome[]> {
      const outcomes: MailFailureOutcome[] = [];
      for (const record of parseSesEvent(input)) {
        const sent = sentMessageOf(record);
        if (sent) await deps.sends?.recordSent(sent);
        for (const failure of classifySesEvent(record)) {
          const digest = failure.digestId ? await deps.reminders.getDigest(failure.digestId) : undefined;
          const mailRef = failure.messageId ?? failure.providerMessageId ?? 'unknown';
          outcomes.push(await act(failure, digest, mailRef, false));
        }
      }
      if (outcomes.some((o) => o.suppressed)) await notifyPending();
      return outcomes;
    },

    /** A digest whose sending was refused (its reminders are already released for the next run). */
    async onSendFailure(digest: StoredDigest, error: MailSendError): Promise<MailFailureOutcome[]> {
      const outcomes: MailFailureOutcome[] = [];
      const mailRef = digest.messageId ?? `${digest.digestId}/${digest.attempt}`;
      for (const failure of classifySendError(error, [digest.recipient.email], clock())) {
        outcomes.push(
          await act({ ...failure, messageId: digest.messageId, digestId: digest.digestId }, digest, mailRef, true),
        );
      }
      if (outcomes.some((o) => o.suppressed)) await notifyPending();
      return outcomes;
    },

    /** Whether mail to this address is suppressed (runs skip the person's digest). */
    async isSuppressed(email: string): Promise<boolean> {
      return (await deps.failures.suppressedAmong([email])).size > 0;
    },
  };
}

export type MailFailures = ReturnType<typeof mailFailures>;
