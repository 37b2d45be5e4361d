/**
 * 감사 (auditor): a case as it stood on a past date (rebuilt from its verified history), and the export
 * log — who exported what, with which filters, how many rows — month by month.
 */
import { useMutation, useQuery } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useNavigate, useSearchParams } from 'react-router';
import { ApiError, unwrap } from '../api/errors.ts';
import { ROLE_LABELS, useApp, type Role } from '../auth/session.tsx';
import { Empty, ErrorState, Loading } from '../components/StateViews.tsx';
import { formatKoreanDateTime, koreaDateOf } from '../lib/format.ts';

const SCOPE_LABELS = { search: '검색 결과', timeline: '사건 이력' } as const;
const STATUS_LABELS = { started: '진행 중', completed: '완료', truncated: '일부 (이어받기)' } as const;

function AsOfLookup() {
  const { api } = useApp();
  const navigate = useNavigate();
  const [caseNumber, setCaseNumber] = useState('');
  const [date, setDate] = useState('');
  const find = useMutation({
    mutationFn: async () => {
      const found = unwrap(await api.GET('/cases/search', { params: { query: { q: caseNumber.trim(), limit: 20 } } }));
      const match = found.items.find((c) => c.caseNumber === caseNumber.trim());
      if (!match) throw new Error('not-found');
      return match.caseId;
    },
    onSuccess: (caseId) => navigate(`/cases/${caseId}?asOf=${date}`),
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    find.mutate();
  };
  return (
    <section aria-labelledby="asof-title" className="case-section">
      <h2 id="asof-title" className="sec-tit">
        시점 조회 (그날 기준 사건)
      </h2>
      <p>
        사건번호와 날짜를 넣으면 그날 끝(한국 시간)까지의 이력으로 사건을 재구성해 보여 줍니다. 이력 체인도 함께
        검증합니다.
      </p>
      <form className="filter-bar" onSubmit={submit} noValidate>
        <div className="form-group">
          <div className="form-tit">
            <label htmlFor="asof-case">사건번호</label>
          </div>
          <div className="form-conts">
            <input
              id="asof-case"
              className="krds-input"
              placeholder="예: 2026-조사-0001"
              value={caseNumber}
              onChange={(e) => {
                setCaseNumber(e.target.value);
                find.reset();
              }}
            />
          </div>
        </div>
        <div className="form-group">
          <div className="form-tit">
            <label htmlFor="asof-date">기준일</label>
          </div>
          <div className="form-conts">
            <input
              id="asof-date"
              type="date"
              className="krds-input"
              max={koreaDateOf(new Date()).date}
              value={date}
              onChange={(e) => setDate(e.target.value)}
            />
          </div>
        </div>
        <div className="btn-wrap">
          <button type="submit" className="krds-btn primary" disabled={caseNumber.trim().length < 2 || !date}>
            그날 기준으로 보기
          </button>
        </div>
      </form>
      {find.isError && (
        <p className="form-hint-invalid" role="alert">
          {find.error instanceof ApiError
            ? find.error.messageKo
            : find.error.message === 'not-found'
              ? `사건번호 ${caseNumber.trim()}인 사건을 찾지 못했습니다.`
              : '서버에 연결하지 못했습니다'}
        </p>
      )}
    </section>
  );
}

function ExportLog() {
  const { api } = useApp();
  const [params, setParams] = useSearchParams();
  const month = /^\d{4}-\d{2}$/.test(params.get('month') ?? '')
    ? params.get('month')!
    : koreaDateOf(new Date()).date.slice(0, 7);
  const log = useQuery({
    queryKey: ['exports', month],
    queryFn: async () => unwrap(await api.GET('/exports', { params: { query: { month } } })).items,
  });
  return (
    <section aria-labelledby="exports-title" className="case-section">
      <h2 id="exports-title" className="sec-tit">
        내보내기 기록
      </h2>
      <div className="filter-bar">
        <div className="form-group">
          <div className="form-tit">
            <label htmlFor="exports-month">월</label>
          </div>
          <div className="form-conts">
            <input
              id="exports-month"
              type="month"
              className="krds-input"
              value={month}
              onChange={(e) => e.target.value && setParams({ month: e.target.value }, { replace: true })}
            />
          </div>
        </div>
      </div>
      {log.isPending ? (
        <Loading label="내보내기 기록을 불러오는 중입니다…" />
      ) : log.isError ? (
        <ErrorState error={log.error} onRetry={() => void log.refetch()} />
      ) : log.data.length === 0 ? (
        <Empty title="이 달에는 내보내기가 없었습니다." />
      ) : (
        <div className="krds-table-wrap">
          <table className="tbl col data export-table">
            <caption>
              {month.replace('-', '년 ')}월 내보내기 {log.data.length}건
            </caption>
            <thead>
              <tr>
                <th scope="col">일시</th>
                <th scope="col">내보낸 사람</th>
                <th scope="col">대상</th>
                <th scope="col">조건</th>
                <th scope="col">형식·경로</th>
                <th scope="col">건수</th>
              </tr>
            </thead>
            <tbody>
              {log.data.map((e) => (
                <tr key={e.exportId}>
                  <td>{formatKoreanDateTime(e.at)}</td>
                  <td>
                    {e.actor.name ?? e.actor.sub} ({ROLE_LABELS[e.actor.role as Role] ?? e.actor.role})
                  </td>
                  <td>
                    {SCOPE_LABELS[e.scope]}
                    {e.caseNumber && ` ${e.caseNumber}`}
                  </td>
                  <td className="filters">
                    {Object.entries(e.filters)
                      .map(([k, v]) => `${k}=${String(v)}`)
                      .join(', ') || '없음'}
                  </td>
                  <td>
                    {e.format.toUpperCase()} · {e.via === 'cli' ? '명령줄' : '콘솔·API'}
                  </td>
                  <td>
                    {e.rowCount ?? '—'} ({STATUS_LABELS[e.status]})
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

export default function Audit() {
  return (
    <section aria-labelledby="audit-title">
      <div className="page-title-wrap">
        <h1 id="audit-title" className="h-tit">
          감사
        </h1>
        <p className="page-sub">지난 날짜 기준의 사건, 사건 이력 내보내기, 내보내기 기록. 날짜는 한국 시간입니다.</p>
      </div>
      <AsOfLookup />
      <ExportLog />
    </section>
  );
}
