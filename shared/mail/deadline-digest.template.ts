/**
 * The morning digest: one mail per person listing their cases that need attention, grouped by
 * urgency in the order staff act on them — 새로 기한 경과, 계속 기한 경과, 오늘 마감, 75% 경과,
 * 50% 경과 — and, for the head of office, a summary of long-overdue tasks (counts by team and kind,
 * the oldest few) instead of a list; first of all, the 징계시효 alarms of their misconduct cases (90,
 * 30 and 7 days before the limitation date), which nobody can turn off; then the notices of the
 * committees they sit on or serve as secretary (agenda, meeting reminder, undecided items). Urgency is decided by the caller (the deadline policy), not
 * here; this only presents it. A digest that carries an unsubscribe link has List-Unsubscribe and
 * List-Unsubscribe-Post (RFC 8058) headers: one click turns off the optional progress reminders.
 * The subject carries counts only: titles must not show on lock screens or notification previews.
 */
import * as z from 'zod';
import { formatKoreanDate } from './korean-date-format.ts';
import { COMMITTEE_NOTICES, committeeAgendaInputSchema, committeeNoticeSection } from './committee-agenda.template.ts';
import { LIMITATION_ALARM_DAYS, limitationAlarmLabel } from './limitation-alarm.template.ts';
import { mailCaseSchema, SEALED_TITLE_PLACEHOLDER, toMailSafeCase, type MailSafeCase } from './mail-case.ts';
import {
  automaticMailHeaders,
  escapeHtml,
  footerLines,
  htmlDocument,
  mailRecipientSchema,
  type BuiltMail,
  type MailBuildOptions,
} from './mail-content.ts';

export const DEADLINE_DIGEST_TEMPLATE = 'deadline-digest';

export const digestUrgencies = ['overdue-new', 'overdue', 'due-today', 'elapsed-75', 'elapsed-50'] as const;
export type DigestUrgency = (typeof digestUrgencies)[number];

export const digestUrgencyLabels: Readonly<Record<DigestUrgency, string>> = {
  'overdue-new': '새로 기한 경과',
  overdue: '계속 기한 경과',
  'due-today': '오늘 마감',
  'elapsed-75': '75% 경과',
  'elapsed-50': '50% 경과',
};

const countSchema = z.strictObject({ label: z.string().trim().min(1).max(60), count: z.number().int().min(1) });

export const deadlineDigestInputSchema = z
  .strictObject({
    template: z.literal(DEADLINE_DIGEST_TEMPLATE),
    recipient: mailRecipientSchema,
    /** The Korea calendar day the digest is for (the job run's day). */
    asOf: z.iso.date(),
    items: z.array(z.strictObject({ urgency: z.enum(digestUrgencies), case: mailCaseSchema })).max(500),
    /**
     * When the person has more than fits a mail they will read: `items` are only the most urgent and
     * oldest, and this says what the whole is — every item is counted here, none is left out — with
     * a link to the full list in the console.
     */
    summary: z
      .strictObject({
        totals: z.array(z.strictObject({ urgency: z.enum(digestUrgencies), count: z.number().int().min(1) })).min(1),
        byTeam: z.array(countSchema).max(20),
        byKind: z.array(countSchema).max(60),
        fullListUrl: z.url({ protocol: /^https?$/ }),
        /** Of the counted, how many are more than one digest records: the next run tells them again. */
        waiting: z.number().int().min(1).optional(),
      })
      .optional(),
    /**
     * For the head of office: tasks newly overdue long enough to be reported, told as a summary of
     * every such task (counts by team and kind, the oldest few in full), never as the whole list.
     */
    headSummary: z
      .strictObject({
        newlyReported: z.number().int().min(1),
        total: z.number().int().min(1),
        afterBusinessDays: z.number().int().min(0),
        byTeam: z.array(countSchema).max(20),
        byKind: z.array(countSchema).max(60),
        oldest: z.array(mailCaseSchema).min(1).max(20),
        fullListUrl: z.url({ protocol: /^https?$/ }),
      })
      .optional(),
    /** 징계시효 알림: misconduct cases whose discipline limitation date is 90, 30 or 7 days away. */
    limitationAlarms: z
      .array(
        z.strictObject({
          daysBefore: z.union(LIMITATION_ALARM_DAYS.map((d) => z.literal(d))),
          daysLeft: z.number().int().min(0),
          case: mailCaseSchema,
        }),
      )
      .max(500)
      .optional(),
    /**
     * 위원회 안내 for a member or secretary who is staff: the agenda N days before a meeting, the
     * reminder on the last business day before it, the secretary's reminder of undecided items.
     */
    committeeNotices: z
      .array(
        z.strictObject({
          notice: z.enum(COMMITTEE_NOTICES),
          committeeName: committeeAgendaInputSchema.shape.committeeName,
          meeting: committeeAgendaInputSchema.shape.meeting,
          items: committeeAgendaInputSchema.shape.items.min(1),
        }),
      )
      .max(50)
      .optional(),
    /** One-click unsubscribe from the optional part (progress reminders); legal deadlines stay. */
    unsubscribeUrl: z.url({ protocol: /^https?$/ }).optional(),
  })
  .refine(
    (input) =>
      input.items.length > 0 ||
      input.headSummary !== undefined ||
      (input.limitationAlarms ?? []).length > 0 ||
      (input.committeeNotices ?? []).length > 0,
    {
      message: 'a digest with nothing in it is not sent',
      path: ['items'],
    },
  );

export type DeadlineDigestInput = z.infer<typeof deadlineDigestInputSchema>;

interface DigestGroup {
  urgency: DigestUrgency;
  label: string;
  cases: MailSafeCase[];
}

/** Sorts by due instant; a bare date counts as the start of that day in Korea. */
function dueSortKey(dueDate: string): number {
  return new Date(/^\d{4}-\d{2}-\d{2}$/.test(dueDate) ? `${dueDate}T00:00:00+09:00` : dueDate).getTime();
}

function groupItems(input: DeadlineDigestInput, baseUrl: string): DigestGroup[] {
  return digestUrgencies
    .map((urgency) => ({
      urgency,
      label: digestUrgencyLabels[urgency],
      cases: input.items
        .filter((item) => item.urgency === urgency)
        .map((item) => toMailSafeCase(item.case, baseUrl))
        .sort(
          (a, b) => dueSortKey(a.dueDate) - dueSortKey(b.dueDate) || a.caseNumber.localeCompare(b.caseNumber, 'ko'),
        ),
    }))
    .filter((group) => group.cases.length > 0);
}

function displayTitle(safeCase: MailSafeCase): string {
  return safeCase.title ?? SEALED_TITLE_PLACEHOLDER;
}

export function renderDeadlineDigest(input: DeadlineDigestInput, options: MailBuildOptions): BuiltMail {
  const groups = groupItems(input, options.baseUrl);
  const asOf = formatKoreanDate(input.asOf);
  const { summary } = input;
  // Group totals count everything, listed or not: the subject and headings never understate.
  const totalOf = (urgency: DigestUrgency, listed: number) =>
    summary ? (summary.totals.find((t) => t.urgency === urgency)?.count ?? listed) : listed;
  const total = summary ? summary.totals.reduce((sum, t) => sum + t.count, 0) : input.items.length;
  const counted = summary
    ? digestUrgencies.flatMap((u) => {
        const count = totalOf(u, 0);
        return count > 0 ? [{ label: digestUrgencyLabels[u], count }] : [];
      })
    : groups.map((g) => ({ label: g.label, count: g.cases.length }));
  const { headSummary } = input;
  const alarms = (input.limitationAlarms ?? [])
    .map((item) => ({ ...item, safe: toMailSafeCase(item.case, options.baseUrl) }))
    .sort((a, b) => a.daysLeft - b.daysLeft || a.safe.caseNumber.localeCompare(b.safe.caseNumber, 'ko'));
  const committee = (input.committeeNotices ?? []).map((n) => ({
    ...n,
    section: committeeNoticeSection({ ...n, asOf: input.asOf }, options.baseUrl),
  }));
  const counts = [
    ...(alarms.length > 0 ? [`징계시효 ${alarms.length}건`] : []),
    ...(committee.length > 0 ? [`위원회 안내 ${committee.length}건`] : []),
    ...counted.map((c) => `${c.label} ${c.count}건`),
    ...(headSummary ? [`장기 기한 경과 보고 ${headSummary.newlyReported}건`] : []),
  ].join(', ');
  const subject = `[${options.officeName}] 처리기한 알림 ${asOf}: ${counts}`;
  const greeting = `${input.recipient.name} 님,`;
  const intro =
    total === 0
      ? headSummary
        ? `${asOf} 기준 기한 경과 보고입니다.`
        : `${asOf} 기준 ${[...(alarms.length > 0 ? ['징계시효 알림'] : []), ...(committee.length > 0 ? ['위원회 안내'] : [])].join('과 ')}입니다.`
      : summary
        ? `${asOf} 기준으로 처리기한을 확인할 사건이 ${total}건 있습니다. 가장 급하고 오래된 ${input.items.length}건은 아래에 싣고, 나머지 ${total - input.items.length}건은 요약합니다.`
        : `${asOf} 기준으로 처리기한을 확인할 사건이 ${total}건 있습니다.`;
  const headCases = headSummary ? headSummary.oldest.map((c) => toMailSafeCase(c, options.baseUrl)) : [];
  const headLines = headSummary
    ? [
        `[기한 경과 ${headSummary.afterBusinessDays}영업일 이상 보고] ${headSummary.total}건`,
        `  새로 보고: ${headSummary.newlyReported}건 (각 건은 한 번만 보고합니다)`,
        `  팀별: ${headSummary.byTeam.map((c) => `${c.label} ${c.count}건`).join(', ')}`,
        `  업무별: ${headSummary.byKind.map((c) => `${c.label} ${c.count}건`).join(', ')}`,
        `  가장 오래된 ${headCases.length}건:`,
        ...headCases.map(
          (c) => `  · ${c.caseNumber} ${displayTitle(c)} (처리기한 ${formatKoreanDate(c.dueDate)}) ${c.link}`,
        ),
        `  전체 목록: ${headSummary.fullListUrl}`,
      ]
    : [];
  const unsubscribeLines = input.unsubscribeUrl
    ? [
        '50%·75% 진행 알림은 설정에서 매주로 바꾸거나 끌 수 있습니다(메일 프로그램의 수신 거부도 같습니다). 오늘 마감·기한 경과 알림과 징계시효 알림은 끌 수 없습니다.',
      ]
    : [];
  const summaryLines = summary
    ? [
        '[전체 요약]',
        `  구분별: ${counted.map((c) => `${c.label} ${c.count}건`).join(', ')}`,
        `  팀별: ${summary.byTeam.map((c) => `${c.label} ${c.count}건`).join(', ')}`,
        `  업무별: ${summary.byKind.map((c) => `${c.label} ${c.count}건`).join(', ')}`,
        ...(summary.waiting
          ? [`  이 가운데 ${summary.waiting}건은 한 메일에 기록할 수 있는 수를 넘어 다음 알림에서 다시 알립니다.`]
          : []),
        `  전체 목록: ${summary.fullListUrl}`,
      ]
    : [];
  const alarmLines =
    alarms.length > 0
      ? [
          `[징계시효 알림] ${alarms.length}건 — 시효 만료 전에 징계의결 요구 여부를 결정하십시오.`,
          ...alarms.flatMap((r) => [
            `- [${limitationAlarmLabel(r.daysBefore)}] ${r.safe.caseNumber} ${displayTitle(r.safe)}`,
            `  시효 만료일: ${formatKoreanDate(r.safe.dueDate)} (D-${r.daysLeft})`,
            `  ${r.safe.link}`,
          ]),
        ]
      : [];
  const committeeLines = committee.flatMap(({ committeeName, section }) => [
    '',
    `[위원회 안내: ${committeeName} ${section.label}]`,
    section.intro,
    ...section.text,
  ]);
  const hasSealed =
    [...groups.flatMap((g) => g.cases), ...headCases, ...alarms.map((a) => a.safe)].some((c) => c.title === null) ||
    committee.some((c) => c.section.hasSealed);
  const sealedNote = '비공개 사건은 메일에 제목을 싣지 않습니다. 링크를 열어 시스템에서 확인하십시오.';
  const footer = [...(hasSealed ? [sealedNote] : []), ...unsubscribeLines, ...footerLines(options.officeName)];

  const text = [
    greeting,
    '',
    intro,
    ...(alarmLines.length > 0 ? ['', ...alarmLines] : []),
    ...committeeLines,
    ...(summary ? ['', ...summaryLines] : []),
    ...groups.flatMap((group) => [
      '',
      `[${group.label}] ${totalOf(group.urgency, group.cases.length)}건`,
      ...(totalOf(group.urgency, group.cases.length) > group.cases.length
        ? [`  (이 가운데 ${group.cases.length}건만 싣습니다. 나머지는 전체 목록에서 확인하십시오.)`]
        : []),
      ...group.cases.flatMap((c) => [
        `- ${c.caseNumber} ${displayTitle(c)}`,
        `  처리기한: ${formatKoreanDate(c.dueDate)}`,
        `  ${c.link}`,
      ]),
    ]),
    ...(headSummary ? ['', ...headLines] : []),
    '',
    ...footer,
    '',
  ].join('\n');

  const cell = 'padding:6px 10px;border-bottom:1px solid #ddd;text-align:left';
  const groupHtml = groups.map((group) =>
    [
      `<h2 style="font-size:16px;margin:20px 0 8px">${escapeHtml(group.label)} <span style="font-weight:normal">(${totalOf(group.urgency, group.cases.length)}건${totalOf(group.urgency, group.cases.length) > group.cases.length ? `, 이 가운데 ${group.cases.length}건만 표시` : ''})</span></h2>`,
      '<table style="border-collapse:collapse;width:100%;max-width:720px">',
      `<thead><tr><th style="${cell}">사건번호</th><th style="${cell}">제목</th><th style="${cell}">처리기한</th></tr></thead>`,
      '<tbody>',
      ...group.cases.map((c) => {
        const title =
          c.title === null
            ? `<em style="color:#666">${escapeHtml(SEALED_TITLE_PLACEHOLDER)}</em>`
            : escapeHtml(c.title);
        return `<tr><td style="${cell}"><a href="${escapeHtml(c.link)}">${escapeHtml(c.caseNumber)}</a></td><td style="${cell}">${title}</td><td style="${cell}">${escapeHtml(formatKoreanDate(c.dueDate))}</td></tr>`;
      }),
      '</tbody>',
      '</table>',
    ].join('\n'),
  );
  const html = htmlDocument(
    subject,
    [
      `<p>${escapeHtml(greeting)}</p>`,
      `<p>${escapeHtml(intro)}</p>`,
      ...(alarms.length > 0
        ? [
            `<h2 style="font-size:16px;margin:20px 0 8px">징계시효 알림 <span style="font-weight:normal">(${alarms.length}건)</span></h2>`,
            '<table style="border-collapse:collapse;width:100%;max-width:720px">',
            `<thead><tr><th style="${cell}">알림</th><th style="${cell}">사건번호</th><th style="${cell}">제목</th><th style="${cell}">시효 만료일</th></tr></thead>`,
            '<tbody>',
            ...alarms.map((r) => {
              const t =
                r.safe.title === null
                  ? `<em style="color:#666">${escapeHtml(SEALED_TITLE_PLACEHOLDER)}</em>`
                  : escapeHtml(r.safe.title);
              return `<tr><td style="${cell}">${escapeHtml(limitationAlarmLabel(r.daysBefore))}</td><td style="${cell}"><a href="${escapeHtml(r.safe.link)}">${escapeHtml(r.safe.caseNumber)}</a></td><td style="${cell}">${t}</td><td style="${cell}">${escapeHtml(formatKoreanDate(r.safe.dueDate))} (D-${r.daysLeft})</td></tr>`;
            }),
            '</tbody>',
            '</table>',
          ]
        : []),
      ...committee.flatMap(({ committeeName, section }) => [
        `<h2 style="font-size:16px;margin:20px 0 8px">위원회 안내: ${escapeHtml(`${committeeName} ${section.label}`)}</h2>`,
        `<p>${escapeHtml(section.intro)}</p>`,
        section.html,
      ]),
      ...(summary
        ? [
            `<ul>${summaryLines
              .slice(1, -1)
              .map((line) => `<li>${escapeHtml(line.trim())}</li>`)
              .join('')}</ul>`,
            `<p><a href="${escapeHtml(summary.fullListUrl)}">전체 목록 보기</a></p>`,
          ]
        : []),
      ...groupHtml,
      ...(headSummary
        ? [
            `<h2 style="font-size:16px;margin:20px 0 8px">${escapeHtml(headLines[0]!.slice(1).replace('] ', ' ('))}건)</h2>`,
            `<ul>${headLines
              .slice(1, 4)
              .map((line) => `<li>${escapeHtml(line.trim())}</li>`)
              .join('')}</ul>`,
            `<p>${escapeHtml(headLines[4]!.trim())}</p>`,
            `<ul>${headCases
              .map(
                (c) =>
                  `<li><a href="${escapeHtml(c.link)}">${escapeHtml(c.caseNumber)}</a> ${
                    c.title === null
                      ? `<em style="color:#666">${escapeHtml(SEALED_TITLE_PLACEHOLDER)}</em>`
                      : escapeHtml(c.title)
                  } (처리기한 ${escapeHtml(formatKoreanDate(c.dueDate))})</li>`,
              )
              .join('')}</ul>`,
            `<p><a href="${escapeHtml(headSummary.fullListUrl)}">전체 목록 보기</a></p>`,
          ]
        : []),
    ].join('\n'),
    footer,
  );

  return {
    template: DEADLINE_DIGEST_TEMPLATE,
    to: [{ name: input.recipient.name, address: input.recipient.email }],
    subject,
    text,
    html,
    headers: {
      ...automaticMailHeaders(DEADLINE_DIGEST_TEMPLATE),
      ...(input.unsubscribeUrl && {
        'List-Unsubscribe': `<${input.unsubscribeUrl}>`,
        'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click',
      }),
    },
    caseIds: [
      ...new Set([
        ...(input.limitationAlarms ?? []).map((item) => item.case.caseId),
        ...(input.committeeNotices ?? []).flatMap((n) => n.items.map((item) => item.case.caseId)),
        ...input.items.map((item) => item.case.caseId),
        ...(headSummary?.oldest ?? []).map((c) => c.caseId),
      ]),
    ],
  };
}
