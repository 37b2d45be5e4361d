/**
 * The redaction guard. Mail leaves the system (phones, lock screens, forwarding, mail servers
 * outside the office), so a mail may say only which case, where to open it and when it is due:
 * case number, title, link, due date — and for a sealed case (공익신고, 신원 보호 대상 등) not even
 * the title. The input schema is strict, so a caller cannot pass a complainant's or reporter's name
 * by accident; templates only ever see `MailSafeCase`, in which a sealed case has no title at all.
 */
import * as z from 'zod';

export const mailCaseSchema = z.strictObject({
  /** Opaque id used in the link; kept URL-safe so it cannot smuggle text into the address. */
  caseId: z.string().regex(/^[0-9A-Za-z_-]{1,64}$/, 'must be an opaque id of 1-64 letters, digits, "_" or "-"'),
  caseNumber: z.string().trim().min(1).max(40),
  title: z.string().trim().min(1).max(200),
  /** A calendar date (`2026-11-27`, Korea) or an instant with its offset. */
  dueDate: z.union([z.iso.date(), z.iso.datetime({ offset: true })]),
  /** Sealed cases never show their title in mail. */
  sealed: z.boolean(),
});

export type MailCase = z.infer<typeof mailCaseSchema>;

/** What a template may render. `title` is null for a sealed case, so there is nothing to leak. */
export interface MailSafeCase {
  caseId: string;
  caseNumber: string;
  title: string | null;
  dueDate: string;
  link: string;
}

/** Shown instead of the title of a sealed case. */
export const SEALED_TITLE_PLACEHOLDER = '비공개 사건';

/** The link to a case in the web app: `<baseUrl>/cases/<caseId>`, whatever path the base URL has. */
export function caseLink(baseUrl: string, caseId: string): string {
  const base = baseUrl.endsWith('/') ? baseUrl : `${baseUrl}/`;
  return new URL(`cases/${encodeURIComponent(caseId)}`, base).toString();
}

/**
 * The console's 내 업무 page: the reader's own open tasks and role queues, soonest due first (the
 * full list behind a summarised digest). A route of web/src/App.tsx, never the API's.
 */
export function tasksListLink(baseUrl: string): string {
  const base = baseUrl.endsWith('/') ? baseUrl : `${baseUrl}/`;
  return new URL('.', base).toString();
}

/** The console's search for every overdue case, oldest due date first (the full list behind the head's summary). */
export function overdueCasesLink(baseUrl: string): string {
  const base = baseUrl.endsWith('/') ? baseUrl : `${baseUrl}/`;
  return new URL('search?overdue=true&sort=due&order=asc', base).toString();
}

export function toMailSafeCase(mailCase: MailCase, baseUrl: string): MailSafeCase {
  return {
    caseId: mailCase.caseId,
    caseNumber: mailCase.caseNumber,
    title: mailCase.sealed ? null : mailCase.title,
    dueDate: mailCase.dueDate,
    link: caseLink(baseUrl, mailCase.caseId),
  };
}
