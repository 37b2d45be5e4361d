/**
 * The exactly-once mail machinery shared by the reminder jobs (deadline digests, limitation alarms):
 * markers per reminder × recipient, one digest per recipient per run, claim → send → record, and
 * recovery of digests a crashed run left. See deadline-reminders.ts for the steps and the
 * reasoning; reminder-store.ts for the items.
 *
 * What a digest records in the case history depends on its mail template, not on which job runs
 * the recovery: any job may finish any job's crashed digest, so the history wording lives here,
 * per template.
 */
import { createHash } from 'node:crypto';
import { VersionConflictError } from '../domain/errors.ts';
import type { EventActor, EventDraft } from '../domain/history.ts';
import { toKoreaIso } from '../domain/korea-time.ts';
import { DEADLINE_DIGEST_TEMPLATE, digestUrgencyLabels, type DigestUrgency } from '../mail/deadline-digest.template.ts';
import { LIMITATION_ALARM_TEMPLATE } from '../mail/limitation-alarm.template.ts';
import type { BuiltMail, MailBuildOptions } from '../mail/mail-content.ts';
import { buildMail, type MailTemplateInput } from '../mail/mail-message.ts';
import { MailSendError, type Mailer } from '../mail/mailer.ts';
import type { RecipientReason } from '../policies/reminder-policy.ts';
import { RelatedItemConflictError, type CaseRepository } from '../store/case-repository.ts';
import type { DigestRecipient, ReminderItemRef, ReminderStore, StoredDigest } from '../store/reminder-store.ts';

const REASON_LABELS: Readonly<Record<RecipientReason, string>> = { assignee: '담당자', 'team-lead': '팀장(기한 경과 보고)', head: '감사담당관(기한 경과 보고)' };
const MAX_CONFLICT_RETRIES = 8;

interface HistoryWording {
  actor: EventActor;
  purpose: string;
  summaryKo(digest: StoredDigest, items: readonly ReminderItemRef[]): string;
  summary(digest: StoredDigest): string;
}

/** How each template's sending is written in the case history (MAIL_SENT). */
const HISTORY_BY_TEMPLATE: Readonly<Record<string, HistoryWording>> = {
  [DEADLINE_DIGEST_TEMPLATE]: {
    actor: { sub: 'system:deadline-reminders', name: '처리기한 알림', role: 'system' },
    purpose: 'deadline-reminder',
    summaryKo: (digest, items) => {
      const labels = [...new Set(items.map((i) => digestUrgencyLabels[i.level as DigestUrgency]))].join(', ');
      const reasons = [...new Set(items.map((i) => REASON_LABELS[i.reason]))].join(', ');
      return `처리기한 알림을 ${digest.recipient.name}님(${reasons})에게 보냈습니다: ${labels}`;
    },
    summary: (digest) => `reminder sent to ${digest.recipient.name}`,
  },
  [LIMITATION_ALARM_TEMPLATE]: {
    actor: { sub: 'system:limitation-alarms', name: '징계시효 알림', role: 'system' },
    purpose: 'limitation-alarm',
    summaryKo: (digest, items) => {
      const labels = [...new Set(items.map((i) => i.threshold))].join(', ');
      const reasons = [...new Set(items.map((i) => (i.reason === 'team-lead' ? '팀장' : '담당자')))].join(', ');
      return `징계시효 알림을 ${digest.recipient.name}님(${reasons})에게 보냈습니다: ${labels}`;
    },
    summary: (digest) => `limitation alarm sent to ${digest.recipient.name}`,
  },
};

export interface ReminderOutboxDeps {
  store: ReminderStore;
  cases: Pick<CaseRepository, 'get' | 'commit'>;
  mailer: Pick<Mailer, 'send'>;
  mail: MailBuildOptions;
  /** Right-hand side of Message-IDs (the sending domain). */
  messageIdDomain: string;
  clock: () => Date;
  leaseMs: number;
  /** Most items one digest lists; the rest wait for the next run. */
  maxItemsPerDigest: number;
  log: (entry: Record<string, unknown>) => void;
}

export type Delivery = { outcome: 'sent'; items: number } | { outcome: 'failed'; retryable: boolean; error: string } | { outcome: 'lost' };
export type DigestOutcome = { delivery: Delivery | { outcome: 'nothing-new' | 'busy' }; heldElsewhere: boolean };

/** Runs `work` over `items`, at most `limit` at a time; results in input order. */
export async function mapPooled<T, R>(items: readonly T[], limit: number, work: (item: T) => Promise<R>): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await work(items[index]!);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, worker));
  return results;
}

export function reminderOutbox(deps: ReminderOutboxDeps) {
  const { store, clock, log } = deps;

  function messageIdOf(digest: StoredDigest): string {
    const hash = createHash('sha256').update(digest.digestId).digest('hex').slice(0, 32);
    return `<reminder.${hash}.${digest.attempt}@${deps.messageIdDomain}>`;
  }

  /** The mail as recorded on the digest, with its fixed Message-ID: a resend is the same message. */
  function mailOf(digest: StoredDigest): BuiltMail {
    const built = buildMail(JSON.parse(digest.mailInput ?? 'null'), deps.mail);
    return { ...built, headers: { ...built.headers, 'Message-ID': digest.messageId ?? messageIdOf(digest) } };
  }

  function wordingOf(digest: StoredDigest): HistoryWording & { template: string } {
    const template = (JSON.parse(digest.mailInput ?? '{}') as { template?: string }).template ?? DEADLINE_DIGEST_TEMPLATE;
    return { ...(HISTORY_BY_TEMPLATE[template] ?? HISTORY_BY_TEMPLATE[DEADLINE_DIGEST_TEMPLATE]!), template };
  }

  /** Appends MAIL_SENT to each case of the digest and marks its markers sent, one transaction per case. */
  async function recordSent(digest: StoredDigest): Promise<void> {
    const byCase = new Map<string, ReminderItemRef[]>();
    for (const item of digest.claimed ?? []) byCase.set(item.caseId, [...(byCase.get(item.caseId) ?? []), item]);
    const at = toKoreaIso(clock());
    const wording = wordingOf(digest);
    for (const [caseId, items] of byCase) {
      for (let attempt = 1; ; attempt++) {
        const current = await deps.cases.get(caseId);
        if (!current) {
          log({ level: 'warn', message: 'reminder sent for a case that no longer exists', caseId, digestId: digest.digestId });
          break;
        }
        const draft: EventDraft = {
          type: 'MAIL_SENT',
          at,
          actor: wording.actor,
          data: {
            purpose: wording.purpose,
            template: wording.template,
            summaryKo: wording.summaryKo(digest, items),
            summary: wording.summary(digest),
            recipient: { sub: digest.recipient.sub, name: digest.recipient.name },
            reminders: items.map((i) => ({ taskId: i.taskId, threshold: i.threshold, reason: i.reason })),
            runDate: digest.runDate,
            digestId: digest.digestId,
            messageId: digest.messageId ?? '',
          },
        };
        try {
          await deps.cases.commit(current, { next: current, drafts: [draft] }, undefined, store.markSent(digest, items, at));
          break;
        } catch (error) {
          // Markers already sent: a process that took the digest over recorded this case first.
          if (error instanceof RelatedItemConflictError) break;
          if (error instanceof VersionConflictError && attempt < MAX_CONFLICT_RETRIES) continue;
          throw error;
        }
      }
    }
  }

  /** Releases what a digest attempt claimed and closes it unsent (its reminders go out in a later run). */
  async function release(digest: StoredDigest, reason: string): Promise<void> {
    await store.releaseMarkers(digest, [...(digest.claimed ?? digest.candidates)]);
    await store.finish(digest, 'abandoned', clock(), reason);
  }

  /** Steps 4–6 for a digest in `sending` that we hold: send the recorded mail, then record it. */
  async function deliver(sending: StoredDigest): Promise<Delivery> {
    try {
      await deps.mailer.send(mailOf(sending));
    } catch (error) {
      // Only a refusal we were told about means "not sent"; anything else leaves the digest for recovery.
      if (!(error instanceof MailSendError)) throw error;
      const back = await store.advance(sending, 'claiming', {}, clock(), deps.leaseMs);
      if (back) await release(back, `${error.name}: ${error.message}`);
      return { outcome: 'failed', retryable: error.retryable, error: `${error.name}: ${error.message}` };
    }
    const sent = await store.advance(sending, 'sent', { sentAt: clock().toISOString() }, clock(), deps.leaseMs);
    if (!sent) return { outcome: 'lost' };
    await recordSent(sent);
    await store.finish(sent, 'done', clock());
    return { outcome: 'sent', items: sent.claimed?.length ?? 0 };
  }

  return {
    /** Finishes or releases the digests of runs that died (their lease ended), whichever job they belong to. */
    async recover(): Promise<number> {
      let recovered = 0;
      for (const stale of await store.staleDigests(clock())) {
        const digest = await store.takeOver(stale, clock(), deps.leaseMs);
        if (!digest) continue;
        log({ level: 'warn', message: 'finishing a reminder digest left by an interrupted run', digestId: digest.digestId, status: digest.status });
        if (digest.status === 'claiming') await release(digest, 'interrupted before sending');
        else if (digest.status === 'sending') await deliver(digest);
        else {
          await recordSent(digest);
          await store.finish(digest, 'done', clock());
        }
        recovered += 1;
      }
      return recovered;
    },

    /**
     * Steps 1–6 for one person: `items` in the order the mail lists them, each with its marker ref;
     * `mailInputFor` builds the mail from the entries actually claimed. `heldElsewhere` says some of
     * their reminders are claimed by another process that has not finished.
     */
    async sendDigest<T>(
      run: { runKey: string; runDate: string },
      recipient: DigestRecipient,
      items: readonly { ref: ReminderItemRef; entry: T }[],
      mailInputFor: (entries: T[]) => MailTemplateInput,
    ): Promise<DigestOutcome> {
      const existing = await store.existingMarkers(recipient.sub, items.map((i) => i.ref));
      const heldElsewhere = [...existing.values()].includes('pending');
      const fresh = items.filter((item) => !existing.has(store.markerId(recipient.sub, item.ref)));
      if (fresh.length === 0) return { delivery: { outcome: 'nothing-new' }, heldElsewhere };
      if (fresh.length > deps.maxItemsPerDigest) {
        log({ level: 'warn', message: 'digest over its item limit; the rest wait for the next run', sub: recipient.sub, items: fresh.length, limit: deps.maxItemsPerDigest });
      }
      const listed = fresh.slice(0, deps.maxItemsPerDigest);
      const byRef = new Map(listed.map((item) => [store.markerId(recipient.sub, item.ref), item.entry]));

      const digest = await store.acquireDigest({ ...run, recipient, candidates: listed.map((i) => i.ref), now: clock(), leaseMs: deps.leaseMs });
      if (!digest) return { delivery: { outcome: 'busy' }, heldElsewhere: true };
      const { claimed, lost } = await store.claimMarkers(digest, digest.candidates, clock());
      if (lost) return { delivery: { outcome: 'lost' }, heldElsewhere: true };
      if (claimed.length === 0) {
        await store.finish(digest, 'abandoned', clock(), 'every reminder was claimed by another run');
        return { delivery: { outcome: 'nothing-new' }, heldElsewhere: true };
      }
      const claimedEntries = claimed.map((ref) => byRef.get(store.markerId(recipient.sub, ref))!);
      const sending = await store.advance(
        digest,
        'sending',
        { claimed, mailInput: JSON.stringify(mailInputFor(claimedEntries)), messageId: messageIdOf(digest) },
        clock(),
        deps.leaseMs,
      );
      if (!sending) return { delivery: { outcome: 'lost' }, heldElsewhere: true };
      return { delivery: await deliver(sending), heldElsewhere };
    },
  };
}

export type ReminderOutbox = ReturnType<typeof reminderOutbox>;
