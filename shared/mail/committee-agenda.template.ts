/**
 * Committee notices (issue 6): the agenda mail to members and the secretary N days before a
 * meeting, the reminder the day before, and — after the meeting — the secretary's daily reminder
 * until every agenda item has a recorded decision. Like every office mail it names cases only by
 * number, title (none for a sealed case) and link: no content of a case reaches a member's inbox.
 */
import * as z from 'zod';
import { formatKoreanDate, koreaCalendarDate } from './korean-date-format.ts';
import { mailCaseSchema, SEALED_TITLE_PLACEHOLDER, toMailSafeCase } from './mail-case.ts';
import {
  automaticMailHeaders,
  escapeHtml,
  footerLines,
  htmlDocument,
  mailRecipientSchema,
  type BuiltMail,
  type MailBuildOptions,
} from './mail-content.ts';

export const COMMITTEE_AGENDA_TEMPLATE = 'committee-agenda';

export const COMMITTEE_NOTICES = ['agenda', 'day-before', 'decisions-pending'] as const;
export type CommitteeNotice = (typeof COMMITTEE_NOTICES)[number];

export const committeeAgendaInputSchema = z
  .strictObject({
    template: z.literal(COMMITTEE_AGENDA_TEMPLATE),
    notice: z.enum(COMMITTEE_NOTICES),
    recipient: mailRecipientSchema,
    /** The Korea calendar day the notice is sent (the run's day): "내일" is said only when the meeting is the next day. */
    asOf: z.iso.date(),
    committeeName: z.string().trim().min(1).max(100),
    meeting: z.strictObject({
      meetingId: z.string().regex(/^[A-Za-z0-9-]{3,64}$/),
      scheduledAt: z.iso.datetime({ offset: true }),
      place: z.string().trim().min(1).max(200).optional(),
    }),
    /** Agenda items: the case (mail-safe) and the decision asked of the committee. */
    items: z.array(z.strictObject({ case: mailCaseSchema, taskTitle: z.string().trim().min(1).max(200) })).max(200),
  })
  // An agenda or a meeting reminder with nothing on it is not a notice anyone needs.
  .refine((input) => input.notice === 'decisions-pending' || input.items.length > 0, {
    message: 'an agenda or meeting reminder with no agenda items is not sent',
    path: ['items'],
  });
export type CommitteeAgendaInput = z.infer<typeof committeeAgendaInputSchema>;

const NOTICE_LABELS: Record<CommitteeNotice, string> = {
  agenda: '회의 개최 및 안건 안내',
  'day-before': '회의 전 알림',
  'decisions-pending': '의결 결과 미기록 안건',
};

const DAY_MS = 86_400_000;
const nextDate = (date: string) => new Date(Date.parse(`${date}T00:00:00Z`) + DAY_MS).toISOString().slice(0, 10);

function timeOf(iso: string): string {
  return iso.slice(11, 16);
}

/** One notice as text lines and HTML: the notice mail's body, and a section of the morning digest. */
export interface CommitteeNoticeSection {
  label: string;
  when: string;
  intro: string;
  text: string[];
  html: string;
  hasSealed: boolean;
}

export function committeeNoticeSection(
  input: Pick<CommitteeAgendaInput, 'notice' | 'asOf' | 'committeeName' | 'meeting' | 'items'>,
  baseUrl: string,
): CommitteeNoticeSection {
  const date = formatKoreanDate(input.meeting.scheduledAt.slice(0, 10));
  const when = `${date} ${timeOf(input.meeting.scheduledAt)}`;
  const meetingLink = new URL(
    `meetings/${encodeURIComponent(input.meeting.meetingId)}`,
    baseUrl.endsWith('/') ? baseUrl : `${baseUrl}/`,
  ).toString();
  const rows = input.items
    .map((item) => ({ ...item, safe: toMailSafeCase(item.case, baseUrl) }))
    .sort((a, b) => a.safe.caseNumber.localeCompare(b.safe.caseNumber, 'ko'));
  // The reminder goes out on the last business day before the meeting, which is not always the day before.
  const tomorrow = koreaCalendarDate(input.meeting.scheduledAt) === nextDate(input.asOf);
  const label = input.notice === 'day-before' && tomorrow ? '내일 회의 알림' : NOTICE_LABELS[input.notice];
  const intro =
    input.notice === 'agenda'
      ? `${input.committeeName} 회의가 ${when}에 열립니다${input.meeting.place ? ` (장소: ${input.meeting.place})` : ''}. 상정 예정 안건은 ${rows.length}건입니다.`
      : input.notice === 'day-before'
        ? `${tomorrow ? `내일 ${when}` : when}에 ${input.committeeName} 회의가 열립니다${input.meeting.place ? ` (장소: ${input.meeting.place})` : ''}. 회의 전 마지막 근무일 알림입니다. 안건 ${rows.length}건을 미리 확인하십시오.`
        : `${when}에 열린 ${input.committeeName} 회의의 안건 중 ${rows.length}건의 의결 결과가 아직 기록되지 않았습니다. 간사께서는 시스템에 의결 결과를 기록하십시오.`;
  const title = (t: string | null) => t ?? SEALED_TITLE_PLACEHOLDER;
  const text = [
    ...(rows.length === 0
      ? ['(현재 상정 예정인 안건이 없습니다)']
      : rows.flatMap((r) => [`- ${r.safe.caseNumber} ${title(r.safe.title)}`, `  ${r.taskTitle}`, `  ${r.safe.link}`])),
    '',
    `회의: ${meetingLink}`,
  ];
  const cell = 'padding:6px 10px;border-bottom:1px solid #ddd;text-align:left';
  const table =
    rows.length === 0
      ? '<p>(현재 상정 예정인 안건이 없습니다)</p>'
      : [
          '<table style="border-collapse:collapse;width:100%;max-width:720px">',
          `<thead><tr><th style="${cell}">사건번호</th><th style="${cell}">제목</th><th style="${cell}">의결 사항</th></tr></thead>`,
          '<tbody>',
          ...rows.map((r) => {
            const t =
              r.safe.title === null
                ? `<em style="color:#666">${escapeHtml(SEALED_TITLE_PLACEHOLDER)}</em>`
                : escapeHtml(r.safe.title);
            return `<tr><td style="${cell}"><a href="${escapeHtml(r.safe.link)}">${escapeHtml(r.safe.caseNumber)}</a></td><td style="${cell}">${t}</td><td style="${cell}">${escapeHtml(r.taskTitle)}</td></tr>`;
          }),
          '</tbody>',
          '</table>',
        ].join('\n');
  return {
    label,
    when,
    intro,
    text,
    html: [table, `<p><a href="${escapeHtml(meetingLink)}">회의 보기</a></p>`].join('\n'),
    hasSealed: rows.some((r) => r.safe.title === null),
  };
}

export function renderCommitteeAgenda(input: CommitteeAgendaInput, options: MailBuildOptions): BuiltMail {
  const section = committeeNoticeSection(input, options.baseUrl);
  const subject = `[${options.officeName}] ${input.committeeName} ${section.label} (${section.when})`;
  const greeting = `${input.recipient.name} 님,`;
  const footer = [
    ...(section.hasSealed ? ['비공개 사건은 메일에 제목을 싣지 않습니다. 링크를 열어 시스템에서 확인하십시오.'] : []),
    ...footerLines(options.officeName),
  ];
  const text = [greeting, '', section.intro, '', ...section.text, '', ...footer, ''].join('\n');
  const html = htmlDocument(
    subject,
    [`<p>${escapeHtml(greeting)}</p>`, `<p>${escapeHtml(section.intro)}</p>`, section.html].join('\n'),
    footer,
  );

  return {
    template: COMMITTEE_AGENDA_TEMPLATE,
    to: [{ name: input.recipient.name, address: input.recipient.email }],
    subject,
    text,
    html,
    headers: automaticMailHeaders(COMMITTEE_AGENDA_TEMPLATE),
    caseIds: [...new Set(input.items.map((item) => item.case.caseId))],
  };
}
