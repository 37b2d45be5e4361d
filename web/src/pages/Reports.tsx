/**
 * 보고서: the office report (주요업무 추진실적) for a period, each table with a bar chart drawn in CSS (no
 * chart library), freezing it (team lead, head of office) and checking a frozen report against today's
 * data, and a print view (print CSS hides the console's frame).
 */
import { useMutation, useQuery } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useSearchParams } from 'react-router';
import { unwrap } from '../api/errors.ts';
import type { OfficeReport } from '../api/types.ts';
import { SCREEN_ROLES } from '../auth/screens.ts';
import { hasRole, useApp } from '../auth/session.tsx';
import { ErrorState, Loading } from '../components/StateViews.tsx';
import { WriteError } from '../components/WriteError.tsx';
import { formatKoreanDate, formatKoreanDateTime, koreaDateOf } from '../lib/format.ts';
import { useSubmissionKey } from '../lib/idempotent.ts';

type Table = OfficeReport['tables'][number];
const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

const formatCell = (value: number | null | undefined, unit: string) =>
  value === null || value === undefined ? '—' : `${value.toLocaleString('ko-KR')}${unit === '%' ? '%' : ''}`;

/** Bars for the table's first column of counts, one per row: enough to see the shape without a chart library. */
function TableChart({ table }: { table: Table }) {
  const column = table.columns.find((c) => c.unit !== '%' && c.unit !== '원') ?? table.columns[0];
  if (!column) return null;
  const rows = table.rows.filter((r) => r.key !== 'total' && typeof r.cells[column.key] === 'number');
  const max = Math.max(1, ...rows.map((r) => r.cells[column.key] ?? 0));
  if (rows.length < 2) return null;
  return (
    <figure className="report-chart" aria-hidden="true">
      <figcaption>
        {table.titleKo} — {column.labelKo} ({column.unit})
      </figcaption>
      {rows.map((r) => {
        const v = r.cells[column.key] ?? 0;
        return (
          <div key={r.key} className="bar-row">
            <span className="bar-label">{r.labelKo}</span>
            <span className="bar-track">
              <span className="bar" style={{ width: `${(v / max) * 100}%` }} />
            </span>
            <span className="bar-value">{v.toLocaleString('ko-KR')}</span>
          </div>
        );
      })}
    </figure>
  );
}

function ReportTable({ table }: { table: Table }) {
  return (
    <section className="report-table case-section" aria-labelledby={`table-${table.id}`}>
      <h2 id={`table-${table.id}`} className="sec-tit">
        {table.sectionKo} — {table.titleKo}
      </h2>
      <div className="report-table-body">
        <div className="krds-table-wrap">
          <table className="tbl col data">
            <caption>{table.titleKo}</caption>
            <thead>
              <tr>
                <th scope="col">구분</th>
                {table.columns.map((c) => (
                  <th key={c.key} scope="col">
                    {c.labelKo} ({c.unit})
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {table.rows.map((r) => (
                <tr key={r.key}>
                  <th scope="row">{r.labelKo}</th>
                  {table.columns.map((c) => (
                    <td key={c.key} className="num">
                      {formatCell(r.cells[c.key], c.unit)}
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        <TableChart table={table} />
      </div>
      {table.notesKo.length > 0 && (
        <ul className="report-notes">
          {table.notesKo.map((n) => (
            <li key={n}>{n}</li>
          ))}
        </ul>
      )}
    </section>
  );
}

function FrozenCheck({ reportId }: { reportId: string }) {
  const { api } = useApp();
  const check = useQuery({
    queryKey: ['report-check', reportId],
    queryFn: async () => unwrap(await api.GET('/reports/office/{reportId}/check', { params: { path: { reportId } } })),
  });
  if (check.isPending) return <Loading label="확정 보고서를 지금 데이터와 비교하는 중입니다…" />;
  if (check.isError) return <ErrorState error={check.error} onRetry={() => void check.refetch()} />;
  const c = check.data;
  return (
    <div className={`task-panel ${c.matches ? 'done' : 'others'}`} role="status" data-testid="report-check">
      <p className="state-title">
        <span className={`krds-badge ${c.matches ? 'bg-success' : 'bg-danger'}`}>{c.matches ? '일치' : '불일치'}</span>{' '}
        {c.messageKo}
      </p>
      <p>
        확정 {formatKoreanDateTime(c.frozenAt)} · 확인 {formatKoreanDateTime(c.checkedAt)} · 기간{' '}
        {formatKoreanDate(c.period.from)} ~ {formatKoreanDate(c.period.to)}
      </p>
      {!c.matches && (
        <ul>
          {c.tables
            .filter((t) => !t.cellsMatch || !t.basisMatch)
            .flatMap((t) =>
              t.changes.map((ch) => (
                <li key={`${t.id}-${ch.row}-${ch.column}`}>
                  {t.titleKo} · {ch.rowLabelKo} · {ch.columnLabelKo}: 확정 {ch.frozen ?? '—'} → 지금 {ch.now ?? '—'}
                </li>
              )),
            )}
        </ul>
      )}
    </div>
  );
}

export default function Reports() {
  const { api, session } = useApp();
  const [params, setParams] = useSearchParams();
  const today = koreaDateOf(new Date()).date;
  const from = ISO_DATE.test(params.get('from') ?? '') ? params.get('from')! : `${today.slice(0, 4)}-01-01`;
  const to = ISO_DATE.test(params.get('to') ?? '') ? params.get('to')! : today;
  const frozenId = params.get('frozen');
  const [draft, setDraft] = useState({ from, to });
  const submission = useSubmissionKey();
  const report = useQuery({
    queryKey: ['office-report', from, to],
    queryFn: async () => unwrap(await api.GET('/reports/office', { params: { query: { from, to, format: 'json' } } })),
  });
  const freeze = useMutation({
    mutationFn: async () =>
      unwrap(
        await api.POST('/reports/office', {
          params: { header: { 'Idempotency-Key': submission.key() } },
          body: { from, to },
        }),
      ),
    onSuccess: (frozen) => {
      submission.done();
      const next = new URLSearchParams(params);
      next.set('frozen', frozen.reportId);
      setParams(next, { replace: true });
    },
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    submission.done();
    freeze.reset();
    setParams({ from: draft.from, to: draft.to });
  };
  const r = report.data as OfficeReport | undefined;

  return (
    <section aria-labelledby="report-title" className="report-page">
      <div className="page-title-wrap">
        <h1 id="report-title" className="h-tit">
          {r?.titleKo ?? '주요업무 추진실적 보고서'}
        </h1>
        <p className="page-sub">
          접수일 기준 {formatKoreanDate(from)} ~ {formatKoreanDate(to)} (한국 시간)
          {r &&
            ` · 작성 ${formatKoreanDateTime(r.generatedAt)} · 집계 사건 ${r.digest.caseCount.toLocaleString('ko-KR')}건`}
        </p>
      </div>
      <form className="filter-bar no-print" onSubmit={submit}>
        <div className="form-group">
          <div className="form-tit">
            <label htmlFor="report-from">시작일</label>
          </div>
          <div className="form-conts">
            <input
              id="report-from"
              type="date"
              className="krds-input"
              value={draft.from}
              onChange={(e) => setDraft({ ...draft, from: e.target.value })}
            />
          </div>
        </div>
        <div className="form-group">
          <div className="form-tit">
            <label htmlFor="report-to">종료일</label>
          </div>
          <div className="form-conts">
            <input
              id="report-to"
              type="date"
              className="krds-input"
              value={draft.to}
              onChange={(e) => setDraft({ ...draft, to: e.target.value })}
            />
          </div>
        </div>
        <div className="btn-wrap">
          <button type="submit" className="krds-btn primary">
            보고서 보기
          </button>
          <button type="button" className="krds-btn secondary" onClick={() => window.print()} disabled={!r}>
            인쇄
          </button>
          {hasRole(session, SCREEN_ROLES.reportFreeze) && (
            <button
              type="button"
              className="krds-btn secondary"
              onClick={() => freeze.mutate()}
              disabled={!r || freeze.isPending}
            >
              {freeze.isPending ? '확정 중…' : '이 기간으로 확정'}
            </button>
          )}
        </div>
      </form>
      <div className="no-print">
        <WriteError error={freeze.error} onReload={() => freeze.reset()} />
        {frozenId && (
          <section aria-labelledby="frozen-title" className="case-section">
            <h2 id="frozen-title" className="sec-tit">
              확정 보고서 확인
            </h2>
            <p>
              확정 번호 <code>{frozenId}</code> — 확정한 데이터 해시를 지금 데이터와 표별로 비교합니다.
            </p>
            <FrozenCheck reportId={frozenId} />
          </section>
        )}
      </div>
      {report.isPending ? (
        <Loading label="보고서를 만드는 중입니다…" />
      ) : report.isError ? (
        <ErrorState error={report.error} onRetry={() => void report.refetch()} />
      ) : r && r.tables.length === 0 ? (
        <p className="empty-line">이 기간에 접수된 사건이 없어 실을 표가 없습니다.</p>
      ) : (
        r && (
          <>
            {r.tables.map((t) => (
              <ReportTable key={t.id} table={t} />
            ))}
            {r.omittedKo.length > 0 && (
              <section className="case-section" aria-labelledby="omitted-title">
                <h2 id="omitted-title" className="sec-tit">
                  싣지 않은 표
                </h2>
                <ul className="report-notes">
                  {r.omittedKo.map((o) => (
                    <li key={o}>{o}</li>
                  ))}
                </ul>
              </section>
            )}
            <p className="form-hint">데이터 해시 (SHA-256): {r.digest.dataHash}</p>
          </>
        )
      )}
    </section>
  );
}
