/**
 * A periodic report mailed to the head(s) of office — and to whoever else the report names — once per
 * period, however often its job runs: each recipient's mail is claimed in the report-mail ledger under `<report>#<period>#<sub>` before it is
 * sent (so a rerun or a retry after a crash sends nobody twice), released if sending fails (so the
 * next run sends it), marked sent after. The reports (적극행정 면책결정 분기 통보, 재산등록 현황 보고)
 * differ only in what they count and the template they fill; this is the part they share.
 */
import type { BuiltMail } from '../mail/mail-content.ts';
import { buildMail } from '../mail/mail-message.ts';
import { MailSendError } from '../mail/mailer.ts';
import type { GrievanceQuarterlyDeps } from './grievance-quarterly-analysis.ts';
import { requireHeadOfOffice } from './head-of-office.ts';

export type PeriodicHeadReportDeps = Omit<GrievanceQuarterlyDeps, 'cases'>;

export interface HeadMailResult {
  sentTo: string[];
  alreadySent: string[];
  failed: { sub: string; retryable: boolean; error: string }[];
}

/** Some head of office did not get the report; running again (same scheduled time) sends it. */
export class PeriodicReportIncompleteError extends Error {
  override name = 'PeriodicReportIncompleteError';
}

/** Someone a periodic report goes to: a staff record's sub (the ledger key), name and address. */
export interface ReportRecipient {
  sub: string;
  name: string;
  email: string;
}

/**
 * Mails `input(head)` (a template input, mail-message.ts) to every head of office not yet mailed
 * for `report` and `period`; throws PeriodicReportIncompleteError (after logging) when a retryable
 * send failed, so the scheduler retries the run.
 */
export async function mailHeadsOnce(
  deps: PeriodicHeadReportDeps,
  spec: {
    report: string;
    period: string;
    input: (head: { name: string; email: string }) => unknown;
    logged: Record<string, unknown>;
    incomplete?: (message: string) => Error;
  },
): Promise<HeadMailResult> {
  const heads = await requireHeadOfOffice(deps.staffDirectory(), spec.report);
  return mailRecipientsOnce(deps, {
    ...spec,
    recipients: heads,
    input: (head) => spec.input({ name: head.name, email: head.email }),
  });
}

/**
 * The same for any list of recipients (a person listed twice is mailed once): each one's mail is
 * claimed under `<report>#<period>#<sub>`, so a rerun sends only what an earlier run did not.
 */
export async function mailRecipientsOnce<R extends ReportRecipient>(
  deps: Omit<PeriodicHeadReportDeps, 'staffDirectory'>,
  spec: {
    report: string;
    period: string;
    recipients: readonly R[];
    input: (recipient: R) => unknown;
    logged: Record<string, unknown>;
    incomplete?: (message: string) => Error;
  },
): Promise<HeadMailResult> {
  const clock = deps.clock ?? (() => new Date());
  const log = deps.log ?? ((entry) => console.log(JSON.stringify(entry)));
  const leaseMs = deps.leaseMs ?? 5 * 60_000;
  const result: HeadMailResult = { sentTo: [], alreadySent: [], failed: [] };
  const seen = new Set<string>();
  for (const recipient of spec.recipients) {
    if (seen.has(recipient.sub)) continue;
    seen.add(recipient.sub);
    const claim = await deps.ledger.claim(
      `${spec.report}#${spec.period}#${recipient.sub}`,
      deps.messageIdDomain,
      clock(),
      leaseMs,
    );
    if (!claim) {
      result.alreadySent.push(recipient.sub);
      continue;
    }
    const built = buildMail(spec.input(recipient), deps.mail);
    const mail: BuiltMail = { ...built, headers: { ...built.headers, 'Message-ID': claim.messageId } };
    try {
      await deps.mailer.send(mail);
    } catch (error) {
      if (!(error instanceof MailSendError)) throw error;
      await deps.ledger.release(claim);
      result.failed.push({
        sub: recipient.sub,
        retryable: error.retryable,
        error: `${error.name}: ${error.message}`,
      });
      continue;
    }
    await deps.ledger.markSent(claim, clock());
    result.sentTo.push(recipient.sub);
  }
  log({
    level: result.failed.length > 0 ? 'error' : 'info',
    message: `${spec.report} run`,
    period: spec.period,
    ...spec.logged,
    ...result,
  });
  if (result.failed.some((f) => f.retryable)) {
    const message = `the ${spec.report} for ${spec.period} could not be mailed to ${result.failed.length} recipients; running again sends it`;
    throw spec.incomplete ? spec.incomplete(message) : new PeriodicReportIncompleteError(message);
  }
  return result;
}
