/**
 * The office report as one printable HTML page laid out like the printed work report: title block,
 * part Ⅱ with its numbered section headings (□ 주요 추진실적), bordered tables with Korean units,
 * and the data hash in the footer so a printed copy can be re-checked. Everything interpolated is
 * escaped; there is no script and no external resource.
 */
import { formatCell, type OfficeReportData, type ReportTable } from '../domain/office-report.ts';

export function escapeHtml(text: string): string {
  return text.replace(
    /[&<>"'`]/g,
    (ch) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;', '`': '&#96;' })[ch]!,
  );
}

const STYLE = `
  @page { size: A4; margin: 18mm 15mm; }
  body { font-family: 'Malgun Gothic', 'Apple SD Gothic Neo', 'Noto Sans KR', sans-serif; font-size: 11pt; color: #111; line-height: 1.5; }
  header { text-align: center; border-bottom: 2px solid #111; margin-bottom: 1.2em; padding-bottom: .6em; }
  h1 { font-size: 18pt; margin: 0 0 .3em; }
  h2 { font-size: 14pt; margin: 1.4em 0 .4em; }
  h3 { font-size: 12pt; margin: 1em 0 .3em; }
  h3::before { content: '□ '; }
  table { border-collapse: collapse; width: 100%; margin: .3em 0 .4em; page-break-inside: avoid; }
  th, td { border: 1px solid #444; padding: 3px 6px; }
  th { background: #eee; font-weight: bold; text-align: center; }
  td.num { text-align: right; font-variant-numeric: tabular-nums; }
  tr.total td { font-weight: bold; background: #f7f7f7; }
  .unit { font-weight: normal; font-size: 9pt; }
  .notes { font-size: 9pt; color: #333; margin: 0 0 .8em; padding-left: 1.2em; }
  footer { margin-top: 2em; border-top: 1px solid #999; font-size: 8.5pt; color: #333; word-break: break-all; }
  .omitted { border: 1px dashed #999; padding: .4em .8em; font-size: 10pt; }
`;

function tableHtml(table: ReportTable): string {
  const head = `<tr><th scope="col">구분</th>${table.columns.map((c) => `<th scope="col">${escapeHtml(c.labelKo)} <span class="unit">(${escapeHtml(c.unit)})</span></th>`).join('')}</tr>`;
  const body = table.rows
    .map(
      (row) =>
        `<tr${row.key === 'total' ? ' class="total"' : ''}><th scope="row">${escapeHtml(row.labelKo)}</th>${table.columns
          .map((c) => `<td class="num">${escapeHtml(formatCell(row.cells[c.key] ?? null, c.unit))}</td>`)
          .join('')}</tr>`,
    )
    .join('\n');
  const notes = table.notesKo.length
    ? `<ul class="notes">${table.notesKo.map((n) => `<li>${escapeHtml(n)}</li>`).join('')}</ul>`
    : '';
  return `<section class="table" data-table="${escapeHtml(table.id)}">\n<h3>${escapeHtml(table.titleKo)}</h3>\n<table>\n<thead>${head}</thead>\n<tbody>\n${body}\n</tbody>\n</table>\n${notes}\n</section>`;
}

export function renderHtml(report: OfficeReportData, frozen?: { reportId: string; frozenAt: string }): string {
  const sections: string[] = [];
  let current = '';
  for (const table of report.tables) {
    if (table.sectionKo !== current) {
      current = table.sectionKo;
      sections.push(`<h2>${escapeHtml(current)}</h2>`);
    }
    sections.push(tableHtml(table));
  }
  const omitted = report.omittedKo.length
    ? `<div class="omitted"><strong>싣지 않은 표</strong><ul>${report.omittedKo.map((n) => `<li>${escapeHtml(n)}</li>`).join('')}</ul></div>`
    : '';
  return `<!doctype html>
<html lang="ko">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(report.titleKo)}</title>
<style>${STYLE}</style>
</head>
<body>
<header>
<h1>${escapeHtml(report.titleKo)}</h1>
<div>기간(접수일 기준): ${escapeHtml(report.period.from)} ~ ${escapeHtml(report.period.to)} · 작성: ${escapeHtml(report.generatedAt)}</div>
</header>
<main>
<h2>Ⅱ. 주요업무 추진실적</h2>
${sections.join('\n')}
${omitted}
</main>
<footer>
집계 사건 ${escapeHtml(report.digest.caseCount.toLocaleString('ko-KR'))}건 · 데이터 해시(SHA-256) ${escapeHtml(report.digest.dataHash)}${frozen ? ` · 확정 보고서 ${escapeHtml(frozen.reportId)} (${escapeHtml(frozen.frozenAt)})` : ''}
</footer>
</body>
</html>
`;
}
