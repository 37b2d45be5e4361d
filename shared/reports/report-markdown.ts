/**
 * The office report as Markdown: the tables of part Ⅱ under the report's section headings, each
 * cell with its Korean unit (건, 명, 회, 일, %). Only counts: nothing sealed can appear.
 */
import { formatCell, type OfficeReportData, type ReportTable } from '../domain/office-report.ts';

/** Escapes what Markdown would read as syntax (emphasis, code, links, HTML, table pipes) inside a cell or heading. */
export function escapeMarkdown(text: string): string {
  return text.replace(/[\\`*_[\]|<>]|~~/g, (ch) => (ch === '~~' ? '\\~\\~' : `\\${ch}`)).replace(/\r?\n/g, ' ');
}

function tableMarkdown(table: ReportTable): string {
  const header = ['구분', ...table.columns.map((c) => `${c.labelKo}(${c.unit})`)];
  const lines = [
    `| ${header.map(escapeMarkdown).join(' | ')} |`,
    `| ${header.map((_, i) => (i === 0 ? '---' : '---:')).join(' | ')} |`,
    ...table.rows.map(
      (row) =>
        `| ${[row.labelKo, ...table.columns.map((c) => formatCell(row.cells[c.key] ?? null, c.unit))].map(escapeMarkdown).join(' | ')} |`,
    ),
  ];
  const notes = table.notesKo.map((n) => `> ${escapeMarkdown(n)}`);
  return [`### ${escapeMarkdown(table.titleKo)}`, '', ...lines, ...(notes.length ? ['', ...notes] : [])].join('\n');
}

export function renderMarkdown(report: OfficeReportData, frozen?: { reportId: string; frozenAt: string }): string {
  const parts: string[] = [
    `# ${escapeMarkdown(report.titleKo)}`,
    '',
    `- 기간(접수일 기준): ${report.period.from} ~ ${report.period.to} (한국 시간)`,
    `- 작성 시각: ${report.generatedAt}`,
    `- 집계 사건: ${report.digest.caseCount.toLocaleString('ko-KR')}건`,
    `- 데이터 해시(SHA-256): \`${report.digest.dataHash}\``,
    ...(frozen ? [`- 확정 보고서: ${escapeMarkdown(frozen.reportId)} (확정 ${frozen.frozenAt})`] : []),
    '',
    '## Ⅱ. 주요업무 추진실적',
  ];
  let section = '';
  for (const table of report.tables) {
    if (table.sectionKo !== section) {
      section = table.sectionKo;
      parts.push('', `## ${escapeMarkdown(section)}`);
    }
    parts.push('', tableMarkdown(table));
  }
  if (report.omittedKo.length)
    parts.push('', '## 싣지 않은 표', '', ...report.omittedKo.map((n) => `- ${escapeMarkdown(n)}`));
  return `${parts.join('\n')}\n`;
}
