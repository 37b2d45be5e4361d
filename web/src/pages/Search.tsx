/**
 * 검색: the filters of /cases/search, its sort and cursor paging, all kept in the URL (a search can be
 * bookmarked or sent), and the same filters exported as CSV (엑셀로 내보내기).
 */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { Link, useSearchParams } from 'react-router';
import { ApiError, unwrap } from '../api/errors.ts';
import type { SearchQuery } from '../api/types.ts';
import { SCREEN_ROLES } from '../auth/screens.ts';
import { hasRole, useApp } from '../auth/session.tsx';
import { caseKindsOf, useOpenApiDocument } from '../components/SchemaForm.tsx';
import { Empty, ErrorState, Loading } from '../components/StateViews.tsx';
import { formatKoreanDate, koreaDateOf } from '../lib/format.ts';
import { STAGE_LABELS } from '../lib/labels.ts';

const FILTER_NAMES = [
  'kind',
  'stage',
  'q',
  'department',
  'receivedFrom',
  'receivedTo',
  'overdue',
  'sort',
  'order',
] as const;
const SORT_LABELS: Record<string, string> = {
  received: '접수일',
  due: '처리기한',
  updated: '최근 변경',
  closed: '종결일',
  caseNumber: '사건번호',
};

function queryFrom(params: URLSearchParams): SearchQuery {
  const query: Record<string, string | number | boolean> = {};
  for (const name of FILTER_NAMES) {
    const v = params.get(name);
    if (v) query[name] = name === 'overdue' ? v === 'true' : v;
  }
  const cursor = params.get('cursor');
  if (cursor) query.cursor = cursor;
  query.limit = 20;
  return query as SearchQuery;
}

export default function Search() {
  const { api, session } = useApp();
  const queryClient = useQueryClient();
  const openapi = useOpenApiDocument();
  const [params, setParams] = useSearchParams();
  const query = queryFrom(params);
  const [draft, setDraft] = useState<Record<string, string>>(() =>
    Object.fromEntries(FILTER_NAMES.map((n) => [n, params.get(n) ?? ''])),
  );
  const results = useQuery({
    queryKey: ['search', params.toString()],
    queryFn: async () => unwrap(await api.GET('/cases/search', { params: { query } })),
  });
  const exportCsv = useMutation({
    mutationFn: async () => {
      const { cursor: _page, limit: _limit, ...filters } = query;
      const result = await api.GET('/cases/export', {
        params: { query: { ...filters, format: 'csv' } },
        parseAs: 'blob',
      });
      const blob = unwrap(result) as unknown as Blob;
      const link = document.createElement('a');
      link.href = URL.createObjectURL(blob);
      link.download = `사건검색_${koreaDateOf(new Date()).date}.csv`;
      link.click();
      setTimeout(() => URL.revokeObjectURL(link.href), 10_000);
      return Number(result.response.headers.get('x-export-rows') ?? 0);
    },
    // The export log now has this export.
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: ['exports'] }),
  });
  const apply = (event: FormEvent) => {
    event.preventDefault();
    const next = new URLSearchParams();
    for (const [name, value] of Object.entries(draft)) if (value) next.set(name, value);
    setParams(next);
  };
  const page = (cursor: string | undefined) => {
    const next = new URLSearchParams(params);
    if (cursor) next.set('cursor', cursor);
    else next.delete('cursor');
    setParams(next);
  };
  const field = (name: (typeof FILTER_NAMES)[number]) => ({
    id: `search-${name}`,
    value: draft[name] ?? '',
    onChange: (e: { target: { value: string } }) => setDraft((d) => ({ ...d, [name]: e.target.value })),
  });
  const queryError = results.error instanceof ApiError ? results.error : undefined;

  return (
    <section aria-labelledby="search-title">
      <div className="page-title-wrap">
        <h1 id="search-title" className="h-tit">
          사건 검색
        </h1>
      </div>
      <form className="search-form" onSubmit={apply} aria-label="검색 조건">
        <div className="filter-grid">
          <div className="form-group">
            <div className="form-tit">
              <label htmlFor="search-q">제목·사건번호</label>
            </div>
            <div className="form-conts">
              <input type="search" className="krds-input" placeholder="예: 2026-조사" {...field('q')} />
            </div>
          </div>
          <div className="form-group">
            <div className="form-tit">
              <label htmlFor="search-kind">사건 종류</label>
            </div>
            <div className="form-conts">
              <select className="krds-form-select" {...field('kind')}>
                <option value="">전체</option>
                {(openapi.data ? caseKindsOf(openapi.data) : []).map(({ kind: k, label }) => (
                  <option key={k} value={k}>
                    {label}
                  </option>
                ))}
              </select>
            </div>
          </div>
          <div className="form-group">
            <div className="form-tit">
              <label htmlFor="search-stage">단계</label>
            </div>
            <div className="form-conts">
              <select className="krds-form-select" {...field('stage')}>
                <option value="">전체</option>
                {Object.entries(STAGE_LABELS).map(([s, label]) => (
                  <option key={s} value={s}>
                    {label}
                  </option>
                ))}
              </select>
            </div>
          </div>
          <div className="form-group">
            <div className="form-tit">
              <label htmlFor="search-department">관련 부서</label>
            </div>
            <div className="form-conts">
              <input type="text" className="krds-input" {...field('department')} />
            </div>
          </div>
          <div className="form-group">
            <div className="form-tit">
              <label htmlFor="search-receivedFrom">접수일 시작</label>
            </div>
            <div className="form-conts">
              <input type="date" className="krds-input" {...field('receivedFrom')} />
            </div>
          </div>
          <div className="form-group">
            <div className="form-tit">
              <label htmlFor="search-receivedTo">접수일 끝</label>
            </div>
            <div className="form-conts">
              <input type="date" className="krds-input" {...field('receivedTo')} />
            </div>
          </div>
          <div className="form-group">
            <div className="form-tit">
              <label htmlFor="search-overdue">기한</label>
            </div>
            <div className="form-conts">
              <select className="krds-form-select" {...field('overdue')}>
                <option value="">전체</option>
                <option value="true">기한 경과만</option>
              </select>
            </div>
          </div>
          <div className="form-group">
            <div className="form-tit">
              <label htmlFor="search-sort">정렬</label>
            </div>
            <div className="form-conts">
              <select className="krds-form-select" {...field('sort')}>
                <option value="">접수일 (기본)</option>
                {Object.entries(SORT_LABELS)
                  .filter(([s]) => s !== 'received')
                  .map(([s, label]) => (
                    <option key={s} value={s}>
                      {label}
                    </option>
                  ))}
              </select>
            </div>
          </div>
          <div className="form-group">
            <div className="form-tit">
              <label htmlFor="search-order">방향</label>
            </div>
            <div className="form-conts">
              <select className="krds-form-select" {...field('order')}>
                <option value="">기본</option>
                <option value="asc">오름차순</option>
                <option value="desc">내림차순</option>
              </select>
            </div>
          </div>
        </div>
        <div className="btn-wrap">
          <button type="submit" className="krds-btn primary">
            검색
          </button>
          {hasRole(session, SCREEN_ROLES.export) && (
            <button
              type="button"
              className="krds-btn secondary"
              onClick={() => exportCsv.mutate()}
              disabled={exportCsv.isPending}
            >
              {exportCsv.isPending ? '내보내는 중…' : '엑셀로 내보내기'}
            </button>
          )}
        </div>
        {exportCsv.isSuccess && (
          <p className="form-hint-success" role="status">
            {exportCsv.data}건을 CSV로 내보냈습니다. 내보내기는 기록됩니다.
          </p>
        )}
        {exportCsv.isError && (
          <p className="form-hint-invalid" role="alert">
            내보내지 못했습니다:{' '}
            {exportCsv.error instanceof ApiError ? exportCsv.error.messageKo : '서버에 연결하지 못했습니다'}
          </p>
        )}
      </form>
      {results.isPending ? (
        <Loading label="검색 중입니다…" />
      ) : results.isError ? (
        <ErrorState error={queryError ?? results.error} onRetry={() => void results.refetch()} />
      ) : results.data.items.length === 0 ? (
        <Empty title="조건에 맞는 사건이 없습니다.">
          <p>조건을 줄이거나 기간을 넓혀 보세요.</p>
        </Empty>
      ) : (
        <>
          <div className="krds-table-wrap">
            <table className="tbl col data search-table">
              <caption>
                검색 결과 {results.data.items.length}건 — {SORT_LABELS[results.data.sort]}{' '}
                {results.data.order === 'asc' ? '오름차순' : '내림차순'}
              </caption>
              <thead>
                <tr>
                  <th scope="col">사건번호</th>
                  <th scope="col">종류</th>
                  <th scope="col">제목</th>
                  <th scope="col">단계</th>
                  <th scope="col">접수일</th>
                  <th scope="col">처리기한</th>
                </tr>
              </thead>
              <tbody>
                {results.data.items.map((c) => (
                  <tr key={c.caseId}>
                    <td>
                      <Link to={`/cases/${c.caseId}`}>{c.caseNumber}</Link>
                    </td>
                    <td>{c.kindLabel}</td>
                    <td>{c.title}</td>
                    <td>
                      {c.stageLabel}
                      {c.outcomeLabel && ` (${c.outcomeLabel})`}
                    </td>
                    <td>{formatKoreanDate(koreaDateOf(c.receivedAt).date)}</td>
                    <td>
                      {c.dueDate ? formatKoreanDate(c.dueDate) : '—'}
                      {c.overdue && <span className="krds-badge bg-danger">기한 경과</span>}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <nav className="krds-pagination" aria-label="검색 결과 페이지">
            {params.get('cursor') ? (
              <button type="button" className="page-navi prev" onClick={() => page(undefined)}>
                처음으로
              </button>
            ) : (
              <span className="page-navi prev disabled">처음으로</span>
            )}
            {results.data.cursor ? (
              <button type="button" className="page-navi next" onClick={() => page(results.data.cursor)}>
                다음
              </button>
            ) : (
              <span className="page-navi next disabled">마지막 페이지</span>
            )}
          </nav>
        </>
      )}
    </section>
  );
}
