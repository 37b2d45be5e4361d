/**
 * The layout the periodic report mails share (분기 고충민원 분석, 면책결정 통보, 재산등록 현황 보고): a greeting,
 * an introduction, sections of figures or of cases, the office footer; plain text and HTML say the same.
 * A case appears by its number and link, a sealed one without its title, as in every other mail.
 */
import { SEALED_TITLE_PLACEHOLDER, type MailSafeCase } from './mail-case.ts';
import {
  automaticMailHeaders,
  escapeHtml,
  footerLines,
  htmlDocument,
  type BuiltMail,
  type MailBuildOptions,
  type MailRecipient,
} from './mail-content.ts';

const CELL = 'padding:6px 10px;border-bottom:1px solid #ddd;text-align:left';

/** A section of a report mail: its plain-text lines and its HTML, written from the same data. */
export interface ReportSection {
  text: string[];
  html: string;
}

const heading = (text: string) => `<h2 style="font-size:16px;margin:20px 0 8px">${escapeHtml(text)}</h2>`;

/** Labelled figures (label, value) under a heading, with an optional line below the heading. */
export function figuresSection(
  headingKo: string,
  rows: readonly { label: string; value: string }[],
  noteKo?: string,
): ReportSection {
  return {
    text: [`[${headingKo}]${noteKo ? ` ${noteKo}` : ''}`, ...rows.map((r) => `- ${r.label}: ${r.value}`), ''],
    html: [
      heading(headingKo),
      ...(noteKo ? [`<p>${escapeHtml(noteKo)}</p>`] : []),
      '<table style="border-collapse:collapse;width:100%;max-width:560px"><tbody>',
      ...rows.map(
        (r) =>
          `<tr><th style="${CELL}">${escapeHtml(r.label)}</th><td style="${CELL}">${escapeHtml(r.value)}</td></tr>`,
      ),
      '</tbody></table>',
    ].join('\n'),
  };
}

/**
 * Cases under a heading: number (linked), title (sealed ones without), then the columns given. In plain
 * text each case is one line with its note in brackets (e.g. `처리기한 …, 미처리`), its link below.
 */
export function casesSection(
  headingKo: string,
  columnsKo: readonly string[],
  rows: readonly { safe: MailSafeCase; cells: readonly string[]; textNote: string }[],
): ReportSection {
  const title = (t: string | null) => t ?? SEALED_TITLE_PLACEHOLDER;
  return {
    text: [
      `[${headingKo}] ${rows.length}건`,
      ...rows.flatMap((r) => [`- ${r.safe.caseNumber} ${title(r.safe.title)} (${r.textNote})`, `  ${r.safe.link}`]),
      '',
    ],
    html: [
      heading(`${headingKo} (${rows.length}건)`),
      '<table style="border-collapse:collapse;width:100%;max-width:720px">',
      `<thead><tr>${['사건번호', '제목', ...columnsKo].map((h) => `<th style="${CELL}">${escapeHtml(h)}</th>`).join('')}</tr></thead>`,
      '<tbody>',
      ...rows.map((r) => {
        const t =
          r.safe.title === null
            ? `<em style="color:#666">${escapeHtml(SEALED_TITLE_PLACEHOLDER)}</em>`
            : escapeHtml(r.safe.title);
        const cells = r.cells.map((c) => `<td style="${CELL}">${escapeHtml(c)}</td>`).join('');
        return `<tr><td style="${CELL}"><a href="${escapeHtml(r.safe.link)}">${escapeHtml(r.safe.caseNumber)}</a></td><td style="${CELL}">${t}</td>${cells}</tr>`;
      }),
      '</tbody>',
      '</table>',
    ].join('\n'),
  };
}

/** The whole mail to one person: greeting, introduction (when given), the sections, the footer. */
export function reportMail(params: {
  template: string;
  recipient: MailRecipient;
  subject: string;
  introKo?: string;
  sections: readonly ReportSection[];
  caseIds: readonly string[];
  options: MailBuildOptions;
}): BuiltMail {
  const { template, recipient, subject, introKo, sections, options } = params;
  const greeting = `${recipient.name} 님,`;
  const footer = footerLines(options.officeName);
  const text = [greeting, '', ...(introKo ? [introKo, ''] : []), ...sections.flatMap((s) => s.text), ...footer, ''];
  const html = [
    `<p>${escapeHtml(greeting)}</p>`,
    ...(introKo ? [`<p>${escapeHtml(introKo)}</p>`] : []),
    ...sections.map((s) => s.html),
  ].join('\n');
  return {
    template,
    to: [{ name: recipient.name, address: recipient.email }],
    subject,
    text: text.join('\n'),
    html: htmlDocument(subject, html, footer),
    headers: automaticMailHeaders(template),
    caseIds: [...new Set(params.caseIds)],
  };
}
