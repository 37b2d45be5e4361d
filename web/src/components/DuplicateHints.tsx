/**
 * 반복민원 확인: while a complaint is being registered, the earlier complaints of the same kind whose
 * titles share its main words. Only a hint — whether it is the same complaint from the same person is
 * the clerk's call; a grievance can then name the earlier one (민원처리법 제23조, 시행령 제17조②).
 */
import { useQuery } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { Link } from 'react-router';
import { unwrap } from '../api/errors.ts';
import type { CaseKind } from '../api/types.ts';
import { useApp } from '../auth/session.tsx';
import { formatKoreanDateTime } from '../lib/format.ts';

/** Kinds whose repeated filings the office has to recognise. */
export const COMPLAINT_KINDS: readonly CaseKind[] = ['grievance', 'petition'];

/** The title's two longest words: enough to find a re-filed complaint, few enough not to miss one. */
export function keywordsOf(title: string): string {
  return [...new Set(title.split(/[\s,.·]+/).filter((w) => w.length >= 2))]
    .sort((a, b) => b.length - a.length)
    .slice(0, 2)
    .join(' ');
}

export function DuplicateHints({
  kind,
  title,
  onUse,
}: {
  kind: CaseKind;
  title: string;
  /** Offered for a grievance: note this case as the earlier filing. */
  onUse?: (caseNumber: string) => void;
}) {
  const { api } = useApp();
  const [q, setQ] = useState('');
  useEffect(() => {
    // Asks once the clerk pauses typing, not on every key.
    const timer = setTimeout(() => setQ(keywordsOf(title)), 500);
    return () => clearTimeout(timer);
  }, [title]);
  const similar = useQuery({
    queryKey: ['duplicates', kind, q],
    enabled: q.length >= 2,
    // A complaint registered a moment ago at the next desk shows up without retyping.
    refetchInterval: 10_000,
    queryFn: async () =>
      unwrap(await api.GET('/cases/search', { params: { query: { kind, q, sort: 'received', limit: 5 } } })).items,
  });
  if (!q || !similar.data || similar.data.length === 0) return null;
  return (
    <aside className="krds-alert duplicate-hints" aria-labelledby="duplicate-title">
      <p id="duplicate-title" className="state-title">
        비슷한 제목의 민원이 {similar.data.length}건 있습니다 — 같은 민원의 반복 제출인지 확인하세요
      </p>
      <ul>
        {similar.data.map((c) => (
          <li key={c.caseId}>
            <Link to={`/cases/${c.caseId}`} target="_blank" rel="noopener">
              {c.caseNumber}
            </Link>{' '}
            {c.title} · {formatKoreanDateTime(c.receivedAt)} 접수 · {c.stageLabel}
            {onUse && (
              <button type="button" className="krds-btn text small" onClick={() => onUse(c.caseNumber)}>
                앞선 민원으로 적기
              </button>
            )}
          </li>
        ))}
      </ul>
    </aside>
  );
}
