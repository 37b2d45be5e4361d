/**
 * The exactly-once mail machinery shared by the reminder jobs (deadline digests, limitation alarms,
 * the committee notices of staff):
 * markers per reminder × recipient, one digest per recipient per run, claim → send → record, and
 * recovery of digests a crashed run left. See deadline-reminders.ts for the steps and the
 * reasoning; reminder-store.ts for the items.
 *
 * What a digest records in the case history depends on its mail template, not on which job runs
 * the recovery: any job may finish any job's crashed digest, so the history wording lives here,
 * per template.
 */
import { createHash } from 'node:crypto';
import { NotFoundError } from '../domain/errors.ts';
import type { EventActor, EventDraft } from '../domain/history.ts';
import { toKoreaIso } from '../domain/korea-time.ts';
import { DEADLINE_DIGEST_TEMPLATE, digestUrgencyLabels } from '../mail/deadline-digest.template.ts';
import { LIMITATION_ALARM_TEMPLATE } from '../mail/limitation-alarm.template.ts';
import type { BuiltMail, MailBuildOptions } from '../mail/mail-content.ts';
import { buildMail, type MailTemplateInput } from '../mail/mail-message.ts';
import { DIGEST_HEADER, MESSAGE_ID_HEADER } from '../mail/mail-events.ts';
import { MailSendError, type Mailer } from '../mail/mailer.ts';
import type { DeliveryLookup } from '../mail/delivery-lookup.ts';
import type { MailFailures } from './mail-failures.ts';
import type { RecipientReason } from '../policies/reminder-policy.ts';
import { type CaseRepository, RelatedItemConflictError } from './ports.ts';
import type { CommitteeNoticeReason, DigestRecipient, ReminderItemRef, ReminderStore, StoredDigest } from './ports.ts';

const REASON_LABELS: Readonly<Record<RecipientReason | CommitteeNoticeReason, string>> = {
  assignee: '담당자',
  'committee-member': '위원',
  'committee-secretary': '간사',
  'team-lead': '팀장(기한 경과 보고)',
  head: '감사담당관(기한 경과 보고)',
  deputy: '팀장(담당자 부재 대리)',
};
/** History wording of a reminder level (the digest's "새로"/"계속" split is about the mail, not the record). */
const LEVEL_HISTORY_LABELS: Readonly<Record<string, string>> = { ...digestUrgencyLabels, overdue: '기한 경과' };
/** DynamoDB's limit on one TransactWriteItems. */
const MAX_TRANSACTION_ACTIONS = 100;
/** Markers one MAIL_SENT event records (a case item, the event and these fit in one transaction). */
const MAX_MARKERS_PER_EVENT = 90;
/** Cases whose history is written at once. */
const RECORD_CONCURRENCY = 8;

interface RecordUnit {
  digest: StoredDigest;
  items: ReminderItemRef[];
}

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
      const labels = [...new Set(items.map((i) => LEVEL_HISTORY_LABELS[i.level] ?? i.level))].join(', ');
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

const COMMITTEE_NOTICE_HISTORY_LABELS: Readonly<Record<string, string>> = {
  'committee-agenda': '회의 개최 및 안건 안내',
  'committee-day-before': '회의 전 알림',
  'committee-decisions-pending': '의결 결과 미기록 알림',
};

/** A case's share of the committee notices a digest carried (the case was on a meeting's agenda). */
const COMMITTEE_NOTICE_WORDING: HistoryWording = {
  actor: { sub: 'system:committee-notices', name: '위원회 안내', role: 'system' },
  purpose: 'committee-notice',
  summaryKo: (digest, items) => {
    const labels = [...new Set(items.map((i) => COMMITTEE_NOTICE_HISTORY_LABELS[i.level] ?? i.level))].join(', ');
    const reasons = [...new Set(items.map((i) => REASON_LABELS[i.reason]))].join(', ');
    return `위원회 안내를 ${digest.recipient.name}님(${reasons})에게 보냈습니다: ${labels}`;
  },
  summary: (digest) => `committee notice sent to ${digest.recipient.name}`,
};

/** Which part of a digest an item is: each part is recorded as its own MAIL_SENT, in its own words. */
const partOf = (item: ReminderItemRef) =>
  item.level.startsWith('limitation-') ? 'limitation' : item.level.startsWith('committee-') ? 'committee' : 'deadline';

export interface ReminderOutboxDeps {
  store: ReminderStore;
  cases: Pick<CaseRepository, 'appendWithoutVersion'>;
  mailer: Pick<Mailer, 'send'>;
  mail: MailBuildOptions;
  /** Right-hand side of Message-IDs (the sending domain). */
  messageIdDomain: string;
  clock: () => Date;
  leaseMs: number;
  /** Most items one digest claims and records; the rest wait for the next run (the mail counts them). */
  maxItemsPerDigest: number;
  log: (entry: Record<string, unknown>) => void;
  /** Records refused sends and knows suppressed addresses (mail-failures.ts); without it, failures are only logged. */
  failures?: Pick<MailFailures, 'onSendFailure' | 'isSuppressed'>;
  /**
   * Asks the provider whether a digest's Message-ID already arrived, before a recovery resends it
   * (delivery-lookup.ts). Without one (SES), a recovery resends and marks the digest `deliveryUncertain`.
   */
  deliveries?: DeliveryLookup;
}

export type Delivery =
  | {
      outcome: 'sent';
      items: number /** Sent and left for the caller to record (deferRecording). */;
      toRecord?: StoredDigest;
    }
  | { outcome: 'failed'; retryable: boolean; error: string }
  | { outcome: 'lost' };
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
    // The digest header lets a bounce SES reports later be traced back to this digest (mail-failures.ts).
    return {
      ...built,
      headers: {
        ...built.headers,
        'Message-ID': digest.messageId ?? messageIdOf(digest),
        // SES may replace Message-ID; its Send event carries this copy back (mail-send-log.ts).
        [MESSAGE_ID_HEADER]: digest.messageId ?? messageIdOf(digest),
        [DIGEST_HEADER]: digest.digestId,
      },
    };
  }

  function wordingOf(digest: StoredDigest): HistoryWording & { template: string } {
    const template =
      (JSON.parse(digest.mailInput ?? '{}') as { template?: string }).template ?? DEADLINE_DIGEST_TEMPLATE;
    return { ...(HISTORY_BY_TEMPLATE[template] ?? HISTORY_BY_TEMPLATE[DEADLINE_DIGEST_TEMPLATE]!), template };
  }

  function draftOf(digest: StoredDigest, items: readonly ReminderItemRef[], at: string): EventDraft {
    // The morning digest carries 징계시효 alarms too: a case's share of them is recorded as such.
    const part = items.length > 0 && items.every((item) => partOf(item) === partOf(items[0]!)) ? partOf(items[0]!) : '';
    const wording =
      part === 'limitation'
        ? { ...HISTORY_BY_TEMPLATE[LIMITATION_ALARM_TEMPLATE]!, template: wordingOf(digest).template }
        : part === 'committee'
          ? { ...COMMITTEE_NOTICE_WORDING, template: wordingOf(digest).template }
          : wordingOf(digest);
    return {
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
  }

  /**
   * One case's share of sent digests: their MAIL_SENT events and their markers turned `sent`, in one
   * transaction on the case's hash chain (the case's version is not bumped: a reminder changes
   * nothing a person edits). A digest whose markers another process already recorded (it took the
   * digest over) is left out and the rest written again.
   */
  async function recordCase(caseId: string, units: readonly RecordUnit[], at: string): Promise<void> {
    let pending = [...units];
    while (pending.length > 0) {
      const drafts = pending.map((unit) => draftOf(unit.digest, unit.items, at));
      const also = pending.flatMap((unit) => store.markSent(unit.digest, unit.items, at));
      try {
        await deps.cases.appendWithoutVersion(caseId, drafts, also);
        return;
      } catch (error) {
        if (error instanceof NotFoundError) {
          log({
            level: 'warn',
            message: 'reminder sent for a case that no longer exists',
            caseId,
            digestIds: pending.map((u) => u.digest.digestId),
          });
          return;
        }
        if (!(error instanceof RelatedItemConflictError)) throw error;
        const failed = new Set(error.failedItems);
        let offset = 0;
        const kept: RecordUnit[] = [];
        for (const unit of pending) {
          if (!unit.items.some((_, i) => failed.has(offset + i))) kept.push(unit);
          offset += unit.items.length;
        }
        if (kept.length === pending.length) throw error;
        pending = kept;
      }
    }
  }

  /**
   * Records sent digests in the case histories: per case, one transaction for every digest that
   * mentions it (chunked to DynamoDB's 100 actions), cases written a few at a time.
   */
  async function recordSent(digests: readonly StoredDigest[]): Promise<void> {
    const at = toKoreaIso(clock());
    const byCase = new Map<string, RecordUnit[]>();
    for (const digest of digests) {
      const ofDigest = new Map<string, ReminderItemRef[]>();
      for (const item of digest.claimed ?? []) ofDigest.set(item.caseId, [...(ofDigest.get(item.caseId) ?? []), item]);
      for (const [caseId, items] of ofDigest) {
        const units = byCase.get(caseId) ?? [];
        // A case's 징계시효 alarms, committee notices and deadline reminders are separate events, each in its own words.
        const parts = (['limitation', 'committee', 'deadline'] as const).map((p) =>
          items.filter((item) => partOf(item) === p),
        );
        for (const part of parts)
          for (let i = 0; i < part.length; i += MAX_MARKERS_PER_EVENT)
            units.push({ digest, items: part.slice(i, i + MAX_MARKERS_PER_EVENT) });
        byCase.set(caseId, units);
      }
    }
    await mapPooled([...byCase], RECORD_CONCURRENCY, async ([caseId, units]) => {
      // The case item's update takes one action; each unit one event plus one per marker.
      let batch: RecordUnit[] = [];
      let actions = 1;
      for (const unit of units) {
        const cost = 1 + unit.items.length;
        if (batch.length > 0 && actions + cost > MAX_TRANSACTION_ACTIONS) {
          await recordCase(caseId, batch, at);
          batch = [];
          actions = 1;
        }
        batch.push(unit);
        actions += cost;
      }
      if (batch.length > 0) await recordCase(caseId, batch, at);
    });
  }

  /** Records sent digests and closes them (a digest another process took over is closed by that process). */
  async function recordAndFinish(digests: readonly StoredDigest[]): Promise<void> {
    if (digests.length === 0) return;
    await recordSent(digests);
    await mapPooled(digests, RECORD_CONCURRENCY, (digest) => store.finish(digest, 'done', clock()));
  }

  /** Releases what a digest attempt claimed and closes it unsent (its reminders go out in a later run). */
  async function release(digest: StoredDigest, reason: string): Promise<void> {
    await store.releaseMarkers(digest, [...(digest.claimed ?? digest.candidates)]);
    await store.finish(digest, 'abandoned', clock(), reason);
  }

  /**
   * Steps 4–6 for a digest in `sending` that we hold: send the recorded mail, then record it — or,
   * with `deferRecording`, leave it `sent` for the caller to record with others (recordAndFinish).
   */
  async function deliver(sending: StoredDigest, deferRecording = false, uncertain = false): Promise<Delivery> {
    let providerMessageId: string;
    try {
      providerMessageId = (await deps.mailer.send(mailOf(sending))).messageId;
    } catch (error) {
      // Only a refusal we were told about means "not sent"; anything else leaves the digest for recovery.
      if (!(error instanceof MailSendError)) throw error;
      const back = await store.advance(sending, 'claiming', {}, clock(), deps.leaseMs);
      if (back) {
        await release(back, `${error.name}: ${error.message}`);
        try {
          await deps.failures?.onSendFailure(sending, error);
        } catch (recordError) {
          log({
            level: 'error',
            message: 'a refused reminder mail could not be recorded',
            digestId: sending.digestId,
            error: String(recordError),
          });
        }
      }
      return { outcome: 'failed', retryable: error.retryable, error: `${error.name}: ${error.message}` };
    }
    const sent = await store.advance(
      sending,
      'sent',
      { sentAt: clock().toISOString(), providerMessageId, ...(uncertain && { deliveryUncertain: true }) },
      clock(),
      deps.leaseMs,
    );
    if (!sent) return { outcome: 'lost' };
    if (deferRecording) return { outcome: 'sent', items: sent.claimed?.length ?? 0, toRecord: sent };
    await recordAndFinish([sent]);
    return { outcome: 'sent', items: sent.claimed?.length ?? 0 };
  }

  /**
   * A digest whose process died in `sending`: it may have died before the mail went out, or after the
   * provider took it and before `sent` was written. The provider is asked first; a digest it already
   * has is recorded as sent and not sent again. With no way to ask, it is resent (a reminder is never
   * lost) and marked `deliveryUncertain`, so the possible duplicate is on record and counted.
   */
  async function finishSending(digest: StoredDigest): Promise<void> {
    const messageId = digest.messageId ?? messageIdOf(digest);
    if (deps.deliveries) {
      const seen = await deps.deliveries.find(messageId);
      if (seen.found) {
        log({
          level: 'info',
          message: 'a digest of an interrupted run had been delivered; recording it without resending',
          digestId: digest.digestId,
          messageId,
        });
        const sent = await store.advance(
          digest,
          'sent',
          { sentAt: clock().toISOString(), providerMessageId: seen.providerMessageId },
          clock(),
          deps.leaseMs,
        );
        if (sent) await recordAndFinish([sent]);
        return;
      }
      await deliver(digest);
      return;
    }
    log({
      level: 'warn',
      message: 'resending a digest of an interrupted run that the provider cannot be asked about; it may arrive twice',
      digestId: digest.digestId,
      messageId,
    });
    await deliver(digest, false, true);
  }

  return {
    recordAndFinish,

    /** Finishes or releases the digests of runs that died (their lease ended), whichever job they belong to. */
    async recover(): Promise<number> {
      let recovered = 0;
      for (const stale of await store.staleDigests(clock())) {
        const digest = await store.takeOver(stale, clock(), deps.leaseMs);
        if (!digest) continue;
        log({
          level: 'warn',
          message: 'finishing a reminder digest left by an interrupted run',
          digestId: digest.digestId,
          status: digest.status,
        });
        if (digest.status === 'claiming') await release(digest, 'interrupted before sending');
        else if (digest.status === 'sending') await finishSending(digest);
        else await recordAndFinish([digest]);
        recovered += 1;
      }
      return recovered;
    },

    /**
     * Steps 1–6 for one person: `items` in the order the mail lists them, each with its marker ref;
     * `mailInputFor` builds the mail from the entries actually claimed. `heldElsewhere` says some of
     * their reminders are claimed by another process that has not finished. With `deferRecording`
     * a sent digest comes back as `delivery.toRecord`, for the caller to record with the rest of its
     * run's digests (recordAndFinish) — one history write per case per run instead of per digest.
     */
    async sendDigest<T>(
      run: { runKey: string; runDate: string },
      recipient: DigestRecipient,
      items: readonly { ref: ReminderItemRef; entry: T }[],
      /** The mail for the entries claimed; `beyondLimit` are those over `maxItemsPerDigest`, left for the next run but counted. */
      mailInputFor: (entries: T[], beyondLimit: T[]) => MailTemplateInput,
      options: { deferRecording?: boolean } = {},
    ): Promise<DigestOutcome> {
      if (await deps.failures?.isSuppressed(recipient.email)) {
        // Bounced for good or reported as spam: nothing goes to this address until it is fixed.
        return {
          delivery: {
            outcome: 'failed',
            retryable: false,
            error: `mail to ${recipient.email} is suppressed (permanent bounce or complaint)`,
          },
          heldElsewhere: false,
        };
      }
      const existing = await store.existingMarkers(
        recipient.sub,
        items.map((i) => i.ref),
      );
      const heldElsewhere = [...existing.values()].includes('pending');
      const fresh = items.filter((item) => !existing.has(store.markerId(recipient.sub, item.ref)));
      if (fresh.length === 0) return { delivery: { outcome: 'nothing-new' }, heldElsewhere };
      if (fresh.length > deps.maxItemsPerDigest) {
        log({
          level: 'warn',
          message: 'digest over its item limit; the rest wait for the next run',
          sub: recipient.sub,
          items: fresh.length,
          limit: deps.maxItemsPerDigest,
        });
      }
      const listed = fresh.slice(0, deps.maxItemsPerDigest);
      const byRef = new Map(listed.map((item) => [store.markerId(recipient.sub, item.ref), item.entry]));

      const digest = await store.acquireDigest({
        ...run,
        recipient,
        candidates: listed.map((i) => i.ref),
        now: clock(),
        leaseMs: deps.leaseMs,
      });
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
        {
          claimed,
          mailInput: JSON.stringify(
            mailInputFor(
              claimedEntries,
              fresh.slice(deps.maxItemsPerDigest).map((item) => item.entry),
            ),
          ),
          messageId: messageIdOf(digest),
        },
        clock(),
        deps.leaseMs,
      );
      if (!sending) return { delivery: { outcome: 'lost' }, heldElsewhere: true };
      return { delivery: await deliver(sending, options.deferRecording), heldElsewhere };
    },
  };
}

export type ReminderOutbox = ReturnType<typeof reminderOutbox>;
