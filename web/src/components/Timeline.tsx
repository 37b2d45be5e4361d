/** The case's history, newest first, with the hash chain's verification (검증됨, or where it breaks). */
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { unwrap } from '../api/errors.ts';
import { useApp } from '../auth/session.tsx';
import type { TimelineEntry } from '../api/types.ts';
import { ErrorState, Loading } from './StateViews.tsx';

/** What an event was about, where its data says it in words: the file, the note, the evidence, the official. */
function subjectOf(event: TimelineEntry): string | undefined {
  const data = event.data as Record<string, unknown>;
  const text = (v: unknown) => (typeof v === 'string' && v.trim() ? v : undefined);
  switch (event.type) {
    case 'FILE_ATTACHED':
    case 'FILE_DOWNLOADED':
      return (
        text(data.name) && `${data.name}${text(data.sha256) ? ` (SHA-256 ${String(data.sha256).slice(0, 12)}…)` : ''}`
      );
    case 'SENSITIVE_READ':
      return data.what === 'file' && text(data.name) ? `파일 ${data.name}` : undefined;
    case 'NOTE_ADDED':
      return text(data.text);
    case 'EVIDENCE_ADDED':
      return text(data.label);
    default:
      return undefined;
  }
}

export function Timeline({ caseId }: { caseId: string }) {
  const { api } = useApp();
  // Reads of a sealed case are recorded on its chain; they would bury the work, so they are shown on request.
  const [showReads, setShowReads] = useState(false);
  const history = useQuery({
    queryKey: ['history', caseId],
    queryFn: async () => unwrap(await api.GET('/cases/{caseId}/history', { params: { path: { caseId }, query: {} } })),
  });
  return (
    <section aria-labelledby="history-title" className="case-section">
      <div className="sec-head">
        <h2 id="history-title" className="sec-tit">
          처리 이력
        </h2>
        {history.data &&
          (history.data.verification.ok ? (
            <span className="krds-badge bg-success" data-testid="chain-badge">
              검증됨 ({history.data.verification.checked}건)
            </span>
          ) : (
            <span className="krds-badge bg-danger" data-testid="chain-badge">
              변조 의심 — {history.data.verification.firstBreak?.seq}번째 이벤트에서 끊김
            </span>
          ))}
      </div>
      {history.data?.events.some((e) => e.type === 'SENSITIVE_READ') && (
        <div className="krds-form-check timeline-toggle">
          <input
            type="checkbox"
            id={`show-reads-${caseId}`}
            checked={showReads}
            onChange={(e) => setShowReads(e.target.checked)}
          />
          <label htmlFor={`show-reads-${caseId}`}>
            열람 기록 포함 ({history.data.events.filter((e) => e.type === 'SENSITIVE_READ').length}건)
          </label>
        </div>
      )}
      {history.isPending ? (
        <Loading label="이력을 불러오는 중입니다…" />
      ) : history.isError ? (
        <ErrorState error={history.error} onRetry={() => void history.refetch()} />
      ) : (
        <ol className="timeline">
          {[...history.data.events]
            .filter((event) => showReads || event.type !== 'SENSITIVE_READ')
            .reverse()
            .map((event) => (
              <li key={event.seq} className="timeline-item">
                <p className="timeline-head">
                  <span className="timeline-type">{event.typeLabel}</span>
                  <time dateTime={event.at}>{event.atKorea}</time>
                </p>
                <p className="timeline-body">
                  {event.actor.name ?? event.actor.sub} ({event.actorRoleLabel})
                  {event.onBehalfOfLabel && ` · ${event.onBehalfOfLabel}`}
                  {event.reads !== undefined && ` · 이 시간 열람 ${event.reads}회`}
                  {event.stageBeforeLabel &&
                    event.stageAfterLabel &&
                    ` · ${event.stageBeforeLabel} → ${event.stageAfterLabel}`}
                  {event.decisionLabel && ` · ${event.decisionLabel}`}
                </p>
                {subjectOf(event) && <p className="timeline-reason">{subjectOf(event)}</p>}
                {event.reasons && <p className="timeline-reason">{event.reasons}</p>}
              </li>
            ))}
        </ol>
      )}
    </section>
  );
}
