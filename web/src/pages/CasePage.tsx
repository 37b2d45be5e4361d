/**
 * 사건: the case header (number, kind, stage as a step indicator, due date with its reasons), the open
 * tasks with their decision forms, files, the case's other records (notes, evidence, extensions, clock
 * stops, suspension), and the history timeline with the chain's verification.
 */
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Fragment, useEffect, useRef, useState } from 'react';
import { Link, useParams, useSearchParams } from 'react-router';
import { SCREEN_ROLES } from '../auth/screens.ts';
import { HistoryExport } from '../components/HistoryExport.tsx';
import { unwrap } from '../api/errors.ts';
import type { CaseView, TaskView } from '../api/types.ts';
import { hasRole, useApp, type Role } from '../auth/session.tsx';
import { queueLabel } from './MyTasks.tsx';
import { CaseActions } from '../components/CaseActions.tsx';
import { CaseFiles } from '../components/CaseFiles.tsx';
import { DecisionPanel } from '../components/DecisionPanel.tsx';
import { ErrorState, Loading } from '../components/StateViews.tsx';
import { Timeline } from '../components/Timeline.tsx';
import { STAGE_LABELS } from '../lib/labels.ts';
import { daysUntil, formatKoreanDate, formatKoreanDateTime, koreaDateOf } from '../lib/format.ts';

const LIFECYCLE = ['intake', 'assignment', 'investigation', 'review', 'approval', 'disposition', 'closed'] as const;

function StepIndicator({ stage }: { stage: string }) {
  const current = LIFECYCLE.indexOf(stage as (typeof LIFECYCLE)[number]);
  return (
    <ol className="krds-step-wrap" aria-label="사건 진행 단계">
      {LIFECYCLE.map((s, i) => (
        <li
          key={s}
          className={i < current || stage === 'closed' ? 'done' : i === current ? 'active' : undefined}
          aria-current={i === current ? 'step' : undefined}
        >
          <span>
            {i === current && <em className="sr-only">현재단계</em>}
            <i className="step">{i + 1}단계</i>
            <span className="step-tit">{STAGE_LABELS[s]}</span>
          </span>
        </li>
      ))}
    </ol>
  );
}

/** Where the due date comes from: the statutory computation of the kind, or the open task's basis. */
function DueExplanation({ c, tasks }: { c: CaseView; tasks: TaskView[] }) {
  const statutory = c.grievance?.due ?? c.petition?.due;
  const stepTask = tasks.find((t) => t.dueBasis);
  const taskBasis = stepTask?.dueBasis;
  // A case without a due date of its own is due when its current step is.
  const dueDate = statutory?.dueDate ?? c.dueDate ?? (stepTask && koreaDateOf(stepTask.dueAt).date);
  if (!dueDate && !taskBasis) return <p className="due-none">처리기한이 정해지지 않은 사건입니다.</p>;
  const days = dueDate ? daysUntil(dueDate) : undefined;
  return (
    <section className="due-box" aria-labelledby="due-title">
      <h2 id="due-title" className="sec-tit">
        처리기한
      </h2>
      {dueDate && (
        <p className="due-date">
          <strong>{formatKoreanDate(dueDate)}</strong>{' '}
          {days !== undefined && (
            <span className={`krds-badge ${days < 0 ? 'bg-danger' : days === 0 ? 'bg-warning' : 'bg-light-gray'}`}>
              {days < 0 ? `${-days}일 지남` : days === 0 ? '오늘 마감' : `D-${days}`}
            </span>
          )}
        </p>
      )}
      {statutory && (
        <details className="due-why" open>
          <summary>
            왜 이 날짜인가요? — {statutory.summaryKo} ({statutory.article})
          </summary>
          <ol>
            {statutory.explanation.map((line) => (
              <li key={line}>{line}</li>
            ))}
          </ol>
        </details>
      )}
      {!statutory && !c.dueDate && taskBasis && (
        <p className="due-why">
          현재 단계의 처리기한입니다. 근거: {taskBasis.labelKo}
          {taskBasis.article && ` (${taskBasis.article})`}
          {taskBasis.confidence === 'C' && <span className="krds-badge bg-light-warning">구 규칙 확인 필요</span>}
        </p>
      )}
      {!statutory && c.dueDate && <p className="due-why">사건에 정해진 처리기한입니다 (접수 때 입력).</p>}
      {stepTask && (statutory || c.dueDate) && (
        <p className="due-why">
          현재 단계({stepTask.titleKo}) 처리기한: {formatKoreanDateTime(stepTask.dueAt)} — 근거:{' '}
          {stepTask.dueBasis?.labelKo}
          {stepTask.dueBasis?.article && ` (${stepTask.dueBasis.article})`}
          {stepTask.dueBasis?.confidence === 'C' && (
            <span className="krds-badge bg-light-warning">구 규칙 확인 필요</span>
          )}
        </p>
      )}
      {c.limitationWarning && (
        <p className="due-why">
          징계시효: {formatKoreanDate(c.limitationWarning.date)} — {c.limitationWarning.messageKo} (
          {c.limitationWarning.article})
        </p>
      )}
    </section>
  );
}

/** KRDS breadcrumb markup: each step a `.txt` (KRDS draws the separators itself). */
function CaseBreadcrumb({ caseNumber, asOf }: { caseNumber: string; asOf?: string }) {
  return (
    <nav className="krds-breadcrumb-wrap" aria-label="현재 위치">
      <ol className="breadcrumb">
        <li className="home">
          <Link to="/" className="txt">
            내 업무
          </Link>
        </li>
        <li aria-current="page">
          <span className="txt">
            {caseNumber}
            {asOf && ` (${formatKoreanDate(asOf)} 기준)`}
          </span>
        </li>
      </ol>
    </nav>
  );
}

/** The case as it stood at the end of a past day (Korea time), rebuilt from its history; read-only. */
function CaseAsOf({ caseId, asOf }: { caseId: string; asOf: string }) {
  const { api, session } = useApp();
  const then = useQuery({
    queryKey: ['case', caseId, 'asOf', asOf],
    queryFn: async () => unwrap(await api.GET('/cases/{caseId}', { params: { path: { caseId }, query: { asOf } } })),
  });
  if (then.isPending) return <Loading label="그날 기준으로 사건을 재구성하는 중입니다…" />;
  if (then.isError) return <ErrorState error={then.error} onRetry={() => void then.refetch()} />;
  const c = then.data;
  if (!('asOf' in c)) return <ErrorState error={new Error('as-of')} />;
  const v = c.verification;
  return (
    <article aria-labelledby="case-title" className="case-page as-of">
      <CaseBreadcrumb caseNumber={c.caseNumber} asOf={asOf} />
      <div className="krds-alert as-of-banner" role="note">
        <p className="state-title">{formatKoreanDate(asOf)} 끝 기준으로 재구성한 사건입니다 (읽기 전용)</p>
        <p>
          이력 순번 {c.lastSeq}까지 반영. <Link to={`/cases/${caseId}`}>지금 사건 보기</Link>
        </p>
      </div>
      <header className="case-header">
        <p className="case-meta">
          <span className="case-number">{c.caseNumber}</span>
          <span className="krds-badge outline-primary">{c.kindLabel}</span>
          {v.ok ? (
            <span className="krds-badge bg-success" data-testid="as-of-verification">
              이력 검증됨 ({v.checked}건)
            </span>
          ) : (
            <span className="krds-badge bg-danger" data-testid="as-of-verification">
              이력 손상: 순번 {v.firstBreak?.seq}
            </span>
          )}
        </p>
        <h1 id="case-title" className="h-tit">
          {c.title}
        </h1>
        <StepIndicator stage={c.stage} />
      </header>
      <section aria-labelledby="asof-facts" className="case-section">
        <h2 id="asof-facts" className="sec-tit">
          그날의 사건 내용
        </h2>
        <dl className="case-facts">
          <dt>접수 일시</dt>
          <dd>{formatKoreanDateTime(c.receivedAt)}</dd>
          <dt>단계</dt>
          <dd data-testid="as-of-stage">{c.stageLabel}</dd>
          {c.department && (
            <>
              <dt>관련 부서</dt>
              <dd>{c.department}</dd>
            </>
          )}
          {c.dueDate && (
            <>
              <dt>처리기한</dt>
              <dd>{formatKoreanDate(c.dueDate)}</dd>
            </>
          )}
          {c.closedAt && (
            <>
              <dt>종결 일시</dt>
              <dd>{formatKoreanDateTime(c.closedAt)}</dd>
            </>
          )}
          <dt>요지</dt>
          <dd className="case-summary">{c.summary || '—'}</dd>
        </dl>
        <p className="form-hint">
          이력에서 재구성한 항목: {c.reconstructedFields.join(', ')}. 재구성하지 않는 항목(
          {c.notReconstructed.join(', ')})은 이력 타임라인에서 보세요.
        </p>
        {hasRole(session, SCREEN_ROLES.export) && <HistoryExport caseId={caseId} caseNumber={c.caseNumber} to={asOf} />}
      </section>
    </article>
  );
}

export default function CasePage() {
  const { caseId = '' } = useParams();
  const [params] = useSearchParams();
  const asOf = params.get('asOf');
  if (asOf && /^\d{4}-\d{2}-\d{2}$/.test(asOf)) return <CaseAsOf caseId={caseId} asOf={asOf} />;
  return <CaseNow caseId={caseId} focusTask={params.get('task')} />;
}

function CaseNow({ caseId, focusTask }: { caseId: string; focusTask: string | null }) {
  const { api, session } = useApp();
  const queryClient = useQueryClient();
  const me = useQuery({
    queryKey: ['me'],
    staleTime: Number.POSITIVE_INFINITY,
    queryFn: async () => unwrap(await api.GET('/me')),
  });
  const caseQuery = useQuery({
    queryKey: ['case', caseId],
    queryFn: async () =>
      unwrap(await api.GET('/cases/{caseId}', { params: { path: { caseId }, query: {} } })) as CaseView,
  });
  const tasksQuery = useQuery({
    queryKey: ['case-tasks', caseId],
    queryFn: async () => unwrap(await api.GET('/cases/{caseId}/tasks', { params: { path: { caseId } } })).items,
    enabled: caseQuery.isSuccess,
  });
  const heading = useRef<HTMLHeadingElement>(null);
  const [completed, setCompleted] = useState<string | undefined>(undefined);
  useEffect(() => {
    if (caseQuery.isSuccess && !focusTask) heading.current?.focus();
  }, [caseQuery.isSuccess, focusTask]);

  if (caseQuery.isPending) return <Loading label="사건을 불러오는 중입니다…" />;
  if (caseQuery.isError) return <ErrorState error={caseQuery.error} onRetry={() => void caseQuery.refetch()} />;
  const c = caseQuery.data;
  const openTasks = (tasksQuery.data ?? []).filter((t) => t.status === 'open');
  const canAct = (task: TaskView) => {
    const a = task.assignee;
    if ('sub' in a) return a.sub === session?.sub;
    if (!hasRole(session, [a.role as Role])) return false;
    return !('team' in a) || !a.team || a.team === me.data?.team || hasRole(session, ['head', 'admin']);
  };
  const reload = () => void queryClient.invalidateQueries({ predicate: (q) => q.queryKey.includes(caseId) });
  // Mirrors the API's rule (managers; the assigned investigator; the clerk who registered it) to offer
  // the forms only to those the API will hear; the API still decides.
  const canChange =
    hasRole(session, ['team-lead', 'head', 'admin']) ||
    (hasRole(session, ['investigator']) && c.assigneeSub === session?.sub) ||
    (hasRole(session, ['clerk']) && c.createdBy === session?.sub);

  return (
    <article aria-labelledby="case-title" className="case-page">
      <CaseBreadcrumb caseNumber={c.caseNumber} />
      <header className="case-header">
        <p className="case-meta">
          <span className="case-number">{c.caseNumber}</span>
          <span className="krds-badge outline-primary">{c.kindLabel}</span>
          <span className="krds-badge outline-gray">{c.teamLabel}</span>
          {c.stage === 'suspended' && <span className="krds-badge bg-warning">중지</span>}
          {c.sealed && <span className="krds-badge bg-light-danger">비공개(신원 보호)</span>}
        </p>
        <h1 id="case-title" className="h-tit" tabIndex={-1} ref={heading}>
          {c.title}
        </h1>
        <StepIndicator stage={c.stage} />
      </header>
      <div className="case-grid">
        <div className="case-main">
          <section aria-labelledby="tasks-title" className="case-section">
            <h2 id="tasks-title" className="sec-tit">
              열린 업무
            </h2>
            {completed && (
              <div className="task-panel done" role="status">
                <p className="state-title">{completed}</p>
                <p>사건이 다음 단계로 넘어갑니다. 다음 업무가 열리면 아래에 보입니다.</p>
              </div>
            )}
            {tasksQuery.isPending ? (
              <Loading label="업무를 불러오는 중입니다…" />
            ) : tasksQuery.isError ? (
              <ErrorState error={tasksQuery.error} onRetry={() => void tasksQuery.refetch()} />
            ) : openTasks.length === 0 ? (
              <p className="empty-line">지금 이 사건에 열린 업무가 없습니다.</p>
            ) : (
              openTasks.map((task) =>
                canAct(task) ? (
                  <DecisionPanel
                    key={task.taskId}
                    task={task}
                    autoFocus={task.taskId === focusTask}
                    onDone={reload}
                    onCompleted={setCompleted}
                  />
                ) : (
                  <div key={task.taskId} className="task-panel others">
                    <p className="task-title">{task.titleKo}</p>
                    <p>
                      담당: {queueLabel(task, session?.sub ?? '')} · 처리기한 {formatKoreanDateTime(task.dueAt)}
                    </p>
                  </div>
                ),
              )
            )}
          </section>
          <section aria-labelledby="summary-title" className="case-section">
            <h2 id="summary-title" className="sec-tit">
              사건 내용
            </h2>
            <dl className="case-facts">
              <dt>접수 일시</dt>
              <dd>{formatKoreanDateTime(c.receivedAt)}</dd>
              {c.channel && (
                <>
                  <dt>접수 경로</dt>
                  <dd>{c.channel}</dd>
                </>
              )}
              {c.department && (
                <>
                  <dt>관련 부서</dt>
                  <dd>{c.department}</dd>
                </>
              )}
              <dt>단계</dt>
              <dd>{c.stageLabel}</dd>
              <dt>요지</dt>
              <dd className="case-summary">{c.summary || '—'}</dd>
            </dl>
          </section>
          {c.detailsView.length > 0 && (
            <section aria-labelledby="details-title" className="case-section">
              <h2 id="details-title" className="sec-tit">
                {c.kindLabel} 내용
              </h2>
              <dl className="case-facts" data-testid="kind-details">
                {c.detailsView.map((line) => (
                  <Fragment key={line.labelKo}>
                    <dt>{line.labelKo}</dt>
                    <dd>{line.value}</dd>
                  </Fragment>
                ))}
              </dl>
            </section>
          )}
          <CaseFiles caseId={caseId} canUpload={canChange} onChanged={reload} />
          {canChange && <CaseActions c={c} onDone={reload} />}
          <Timeline caseId={caseId} />
          {hasRole(session, SCREEN_ROLES.export) && <HistoryExport caseId={caseId} caseNumber={c.caseNumber} />}
        </div>
        <aside className="case-side">
          <DueExplanation c={c} tasks={openTasks} />
        </aside>
      </div>
    </article>
  );
}
