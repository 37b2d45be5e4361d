/**
 * What every template produces and the pieces they share: the built message (rendered once, then
 * handed to whichever transport is configured), recipients, build options, HTML escaping and the
 * common frame of an office mail.
 */
import * as z from 'zod';

export interface MailAddress {
  name: string;
  address: string;
}

/** A mail rendered once; transports only deliver it. Plain data, so it can be logged or recorded. */
export interface BuiltMail {
  template: string;
  to: readonly MailAddress[];
  subject: string;
  text: string;
  html: string;
  headers: Readonly<Record<string, string>>;
  /** Cases the mail mentions, for the "email sent" history event on each. */
  caseIds: readonly string[];
}

export const mailRecipientSchema = z.strictObject({
  name: z.string().trim().min(1).max(50),
  email: z.email(),
});

export type MailRecipient = z.infer<typeof mailRecipientSchema>;

export const mailBuildOptionsSchema = z.object({
  /** Signs every mail and prefixes its subject, e.g. `OO구청 감사담당관` (runtime config OFFICE_NAME). */
  officeName: z.string().trim().min(1).max(50),
  /** Base of case links (runtime config APP_BASE_URL). */
  baseUrl: z.url({ protocol: /^https?$/ }),
});

export type MailBuildOptions = z.infer<typeof mailBuildOptionsSchema>;

/** Headers that mark the mail as automatic, so out-of-office replies are not sent back (RFC 3834). */
export function automaticMailHeaders(template: string): Record<string, string> {
  return {
    'Auto-Submitted': 'auto-generated',
    'X-Auto-Response-Suppress': 'All',
    'X-Gamsa-Template': template,
  };
}

const HTML_ESCAPES: Readonly<Record<string, string>> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => HTML_ESCAPES[c] ?? c);
}

/** The closing lines of every office mail, plain text. */
export function footerLines(officeName: string): string[] {
  return [`이 메일은 ${officeName} 사건관리시스템이 자동으로 보냈습니다. 회신하지 마십시오.`];
}

/** A whole HTML document around `bodyHtml` (already escaped), with inline styles mail clients keep. */
export function htmlDocument(title: string, bodyHtml: string, footer: readonly string[]): string {
  return [
    '<!doctype html>',
    '<html lang="ko">',
    '<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${escapeHtml(title)}</title></head>`,
    "<body style=\"margin:0;padding:16px;font-family:'Malgun Gothic','Apple SD Gothic Neo',sans-serif;font-size:14px;color:#222;line-height:1.5\">",
    bodyHtml,
    `<p style="margin-top:24px;font-size:12px;color:#666">${footer.map(escapeHtml).join('<br>')}</p>`,
    '</body>',
    '</html>',
  ].join('\n');
}
