/**
 * 메일 수신 중단 알림: tells the administrator that mail to some staff addresses is suppressed
 * after a permanent bounce or a complaint, so the staff records get working addresses. Names only
 * the staff member, the address and what the mail system said — never a case.
 */
import * as z from 'zod';
import { formatKoreanDateTime } from '../domain/korea-time.ts';
import {
  automaticMailHeaders,
  escapeHtml,
  footerLines,
  htmlDocument,
  mailRecipientSchema,
  type BuiltMail,
  type MailBuildOptions,
} from './mail-content.ts';

export const MAIL_FAILURE_NOTICE_TEMPLATE = 'mail-failure-notice';

const KIND_LABELS = {
  bounce: '반송(주소 없음)',
  complaint: '스팸 신고',
  'send-error': '수신 거부',
  reject: '발송 거부',
  delay: '전달 지연',
} as const;

export const mailFailureNoticeInputSchema = z.strictObject({
  template: z.literal(MAIL_FAILURE_NOTICE_TEMPLATE),
  recipient: mailRecipientSchema,
  items: z
    .array(
      z.strictObject({
        email: z.email(),
        staffName: z.string().trim().min(1).max(50).optional(),
        kind: z.enum(['bounce', 'complaint', 'send-error', 'reject', 'delay']),
        detail: z.string().max(1000),
        since: z.iso.datetime({ offset: true }),
      }),
    )
    .min(1, 'a notice with nothing in it is not sent')
    .max(100),
});

export type MailFailureNoticeInput = z.infer<typeof mailFailureNoticeInputSchema>;

export function renderMailFailureNotice(input: MailFailureNoticeInput, options: MailBuildOptions): BuiltMail {
  const subject = `[${options.officeName}] 메일 수신 중단 알림: ${input.items.length}개 주소`;
  const greeting = `${input.recipient.name} 님,`;
  const intro =
    '아래 주소로 보낸 메일이 영구 반송되거나 스팸으로 신고되어, 이 주소로는 더 이상 알림 메일을 보내지 않습니다. 직원 정보에서 메일 주소를 확인·수정하십시오. 그동안 보내지 못한 알림은 주소가 바뀌면 다음 발송 때 보냅니다.';
  const line = (item: MailFailureNoticeInput['items'][number]) =>
    `${item.staffName ? `${item.staffName} ` : ''}<${item.email}> — ${KIND_LABELS[item.kind]} (${formatKoreanDateTime(new Date(item.since))}): ${item.detail}`;
  const footer = footerLines(options.officeName);
  const text = [greeting, '', intro, '', ...input.items.map((item) => `- ${line(item)}`), '', ...footer, ''].join('\n');
  const list = `<ul>${input.items.map((item) => `<li>${escapeHtml(line(item))}</li>`).join('')}</ul>`;
  return {
    template: MAIL_FAILURE_NOTICE_TEMPLATE,
    to: [{ name: input.recipient.name, address: input.recipient.email }],
    subject,
    text,
    html: htmlDocument(
      subject,
      [`<p>${escapeHtml(greeting)}</p>`, `<p>${escapeHtml(intro)}</p>`, list].join('\n'),
      footer,
    ),
    headers: automaticMailHeaders(MAIL_FAILURE_NOTICE_TEMPLATE),
    caseIds: [],
  };
}
