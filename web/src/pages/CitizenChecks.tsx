/**
 * 내 현장점검: a 구민감사관's own on-site checks — the API lists only the checks they are on (their
 * audit secrecy duty, 공공감사법 제27조③) — and the form to file their result on one, item by item.
 */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { unwrap } from '../api/errors.ts';
import { useApp } from '../auth/session.tsx';
import { Empty, ErrorState, Loading } from '../components/StateViews.tsx';
import { WriteError } from '../components/WriteError.tsx';
import { formatKoreanDate } from '../lib/format.ts';
import { useSubmissionKey } from '../lib/idempotent.ts';

const ITEM_LABELS: Record<string, string> = {
  construction: '시공 적정성',
  'unpaid-wages': '노임·자재·장비대금 체불',
  'undue-instruction': '감독자 부당지시',
  bribery: '금품 요구',
};
const OUTCOMES = [
  { value: 'no-issue', label: '이상 없음' },
  { value: 'finding', label: '지적' },
  { value: 'advice', label: '자문' },
] as const;
type Outcome = (typeof OUTCOMES)[number]['value'];

function useChecks() {
  const { api } = useApp();
  return useQuery({
    queryKey: ['citizen-checks'],
    queryFn: async () => unwrap(await api.GET('/citizen-checks')).items,
  });
}
type Check = NonNullable<ReturnType<typeof useChecks>['data']>[number];

function ReportForm({ check, onDone }: { check: Check; onDone: () => void }) {
  const { api } = useApp();
  const queryClient = useQueryClient();
  const submission = useSubmissionKey();
  const [answers, setAnswers] = useState<Record<string, { outcome: Outcome; note: string }>>(
    Object.fromEntries(check.items.map((item) => [item, { outcome: 'no-issue', note: '' }])),
  );
  const report = useMutation({
    mutationFn: async () =>
      unwrap(
        await api.POST('/citizen-checks/{caseId}/report', {
          params: { path: { caseId: check.caseId }, header: { 'Idempotency-Key': submission.key() } },
          body: {
            expectedVersion: check.version,
            results: check.items.map((item) => {
              const { outcome, note } = answers[item]!;
              return { item, outcome, ...(note.trim() && { note: note.trim() }) };
            }),
          },
        }),
      ),
    onSuccess: async () => {
      submission.done();
      await queryClient.invalidateQueries({ queryKey: ['citizen-checks'] });
      onDone();
    },
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    report.mutate();
  };
  return (
    <form className="krds-form" onSubmit={submit} aria-labelledby="report-heading">
      <h2 id="report-heading">점검 결과 보고 — {check.project.name}</h2>
      {check.items.map((item, i) => (
        <fieldset key={item}>
          <legend>{ITEM_LABELS[item] ?? item}</legend>
          <div className="krds-check-area">
            {OUTCOMES.map((o) => (
              <div className="krds-form-check" key={o.value}>
                <input
                  type="radio"
                  name={`outcome-${item}`}
                  id={`outcome-${i}-${o.value}`}
                  value={o.value}
                  checked={answers[item]?.outcome === o.value}
                  onChange={() => setAnswers({ ...answers, [item]: { ...answers[item]!, outcome: o.value } })}
                />
                <label htmlFor={`outcome-${i}-${o.value}`}>{o.label}</label>
              </div>
            ))}
          </div>
          <label htmlFor={`note-${i}`} className="form-label">
            지적·자문 내용
          </label>
          <textarea
            id={`note-${i}`}
            className="krds-input"
            rows={2}
            maxLength={5000}
            value={answers[item]?.note ?? ''}
            onChange={(e) => setAnswers({ ...answers, [item]: { ...answers[item]!, note: e.target.value } })}
          />
        </fieldset>
      ))}
      <WriteError error={report.error} onReload={onDone} />
      <button type="submit" className="krds-btn primary" disabled={report.isPending}>
        {report.isPending ? '보고 중…' : '결과 보고'}
      </button>
    </form>
  );
}

export default function CitizenChecks() {
  const { session } = useApp();
  const checks = useChecks();
  const [open, setOpen] = useState<string | undefined>();
  if (checks.isPending) return <Loading />;
  if (checks.isError) return <ErrorState error={checks.error} onRetry={() => checks.refetch()} />;
  const mine = (c: Check) => c.reports.find((r) => r.auditorSub === session?.sub);
  const selected = checks.data.find((c) => c.caseId === open);
  return (
    <section>
      <h1>내 현장점검</h1>
      <p>참여하는 현장점검만 보입니다 (감사 비밀 유지 의무, 공공감사법 제27조③).</p>
      {checks.data.length === 0 ? (
        <Empty title="참여하는 현장점검이 없습니다" />
      ) : (
        <table className="krds-table check-table">
          <caption>현장점검 {checks.data.length}건, 점검일 최근 순</caption>
          <thead>
            <tr>
              <th scope="col">점검일</th>
              <th scope="col">공사</th>
              <th scope="col">발주 부서</th>
              <th scope="col">확인 항목</th>
              <th scope="col">결과 보고</th>
            </tr>
          </thead>
          <tbody>
            {checks.data.map((c) => {
              const filed = mine(c);
              return (
                <tr key={c.caseId}>
                  <td>{formatKoreanDate(c.checkDate)}</td>
                  <td>{c.project.name}</td>
                  <td>{c.project.orderingDepartment}</td>
                  <td>{c.items.map((i) => ITEM_LABELS[i] ?? i).join(', ')}</td>
                  <td>
                    {filed ? (
                      '보고 완료'
                    ) : c.closed ? (
                      '종결'
                    ) : (
                      <button type="button" className="krds-btn secondary small" onClick={() => setOpen(c.caseId)}>
                        결과 보고 (기한 {formatKoreanDate(c.reportDueOn)})
                      </button>
                    )}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
      {selected && !mine(selected) && (
        <ReportForm key={selected.caseId} check={selected} onDone={() => setOpen(undefined)} />
      )}
    </section>
  );
}
