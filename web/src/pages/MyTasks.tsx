/** 내 업무: the open tasks of the signed-in person and their role queues, soonest due first, with urgency. */
import { useQuery } from '@tanstack/react-query';
import { useMemo } from 'react';
import { Link, useSearchParams } from 'react-router';
import { unwrap } from '../api/errors.ts';
import type { TaskView } from '../api/types.ts';
import { ROLE_LABELS, useApp, type Role } from '../auth/session.tsx';
import { Empty, ErrorState, Loading } from '../components/StateViews.tsx';
import { daysUntil, formatKoreanDateTime, koreaDateOf, formatKoreanDate } from '../lib/format.ts';
import { URGENCY_BADGES, URGENCY_LABELS, urgencyOf, type Urgency } from '../lib/urgency.ts';

const TEAM_LABELS: Record<string, string> = {
  audit: '감사팀',
  investigation: '조사팀',
  complaints: '민원관리팀',
  patrol: '순찰팀',
};

export function queueLabel(task: TaskView, mySub: string): string {
  const assignee = task.assignee;
  if ('sub' in assignee) return assignee.sub === mySub ? '나에게 배정' : '다른 담당자';
  const role = ROLE_LABELS[assignee.role as Role] ?? assignee.role;
  const team = 'team' in assignee && assignee.team ? `${TEAM_LABELS[assignee.team] ?? assignee.team} ` : '';
  return assignee.role === 'head' ? '결재 대기 (감사담당관)' : `${team}${role} 대기열`;
}

/** Which queue a task waits in, for the 대기열 filter: mine, the head's approvals, a role or team queue, or someone else's. */
export type Queue = 'mine' | 'approval' | 'role' | 'others';
export const QUEUE_LABELS: Record<Queue, string> = {
  mine: '나에게 배정',
  approval: '결재 대기 (감사담당관)',
  role: '팀·역할 대기열',
  others: '다른 담당자',
};
export function queueOf(task: TaskView, mySub: string): Queue {
  const assignee = task.assignee;
  if ('sub' in assignee) return assignee.sub === mySub ? 'mine' : 'others';
  return assignee.role === 'head' ? 'approval' : 'role';
}

function dueInWords(dueAt: string): string {
  const days = daysUntil(koreaDateOf(dueAt).date);
  if (days === 0) return '오늘';
  return days > 0 ? `D-${days}` : `${-days}일 지남`;
}

export function MyTasks() {
  const { api, session } = useApp();
  const [params, setParams] = useSearchParams();
  const urgencyFilter = params.get('urgency') as Urgency | null;
  const typeFilter = params.get('type');
  const queueFilter = params.get('queue') as Queue | null;
  const tasks = useQuery({
    queryKey: ['my-tasks'],
    queryFn: async () => unwrap(await api.GET('/me/tasks', { params: { query: { limit: 100 } } })).items,
    refetchInterval: 60_000,
  });
  const rows = useMemo(() => {
    const now = new Date();
    return (tasks.data ?? [])
      .map((task) => ({ task, urgency: urgencyOf(task, now) }))
      .sort((a, b) => Date.parse(a.task.dueAt) - Date.parse(b.task.dueAt));
  }, [tasks.data]);
  const types = useMemo(() => [...new Map(rows.map(({ task }) => [task.type, task.titleKo])).entries()], [rows]);
  const mySub = session?.sub ?? '';
  const queues = useMemo(() => [...new Set(rows.map(({ task }) => queueOf(task, mySub)))], [rows, mySub]);
  const shown = rows.filter(
    ({ task, urgency }) =>
      (!urgencyFilter || urgency === urgencyFilter) &&
      (!typeFilter || task.type === typeFilter) &&
      (!queueFilter || queueOf(task, mySub) === queueFilter),
  );
  const approvals = rows.filter(({ task }) => queueOf(task, mySub) === 'approval').length;
  const counts: Partial<Record<Urgency, number>> = {};
  for (const { urgency } of rows) counts[urgency] = (counts[urgency] ?? 0) + 1;
  const setFilter = (name: string, value: string) => {
    const next = new URLSearchParams(params);
    if (value) next.set(name, value);
    else next.delete(name);
    setParams(next, { replace: true });
  };

  return (
    <section aria-labelledby="my-tasks-title">
      <div className="page-title-wrap">
        <h1 id="my-tasks-title" className="h-tit">
          내 업무
        </h1>
        <p className="page-sub">
          오늘은 {formatKoreanDate(koreaDateOf(new Date()).date)}입니다. 처리기한이 가까운 업무부터 보입니다.
        </p>
      </div>
      <ul className="urgency-summary" aria-label="긴급도별 업무 수">
        {(['overdue', 'today', 'p75', 'p50'] as const).map((u) => (
          <li key={u}>
            <span className={`krds-badge ${URGENCY_BADGES[u]}`}>{URGENCY_LABELS[u]}</span> {counts[u] ?? 0}건
          </li>
        ))}
      </ul>
      {approvals > 0 && queueFilter !== 'approval' && (
        <p className="approval-note">
          결재를 기다리는 업무가 {approvals}건 있습니다.{' '}
          <Link to="/?queue=approval" className="approval-link">
            결재 대기만 보기
          </Link>
        </p>
      )}
      <div className="filter-bar">
        <div className="form-group">
          <div className="form-tit">
            <label htmlFor="filter-urgency">긴급도</label>
          </div>
          <div className="form-conts">
            <select
              id="filter-urgency"
              className="krds-form-select"
              value={urgencyFilter ?? ''}
              onChange={(e) => setFilter('urgency', e.target.value)}
            >
              <option value="">전체</option>
              {(Object.keys(URGENCY_LABELS) as Urgency[]).map((u) => (
                <option key={u} value={u}>
                  {URGENCY_LABELS[u]}
                </option>
              ))}
            </select>
          </div>
        </div>
        {(queues.length > 1 || queueFilter) && (
          <div className="form-group">
            <div className="form-tit">
              <label htmlFor="filter-queue">대기열</label>
            </div>
            <div className="form-conts">
              <select
                id="filter-queue"
                className="krds-form-select"
                value={queueFilter ?? ''}
                onChange={(e) => setFilter('queue', e.target.value)}
              >
                <option value="">전체</option>
                {(Object.keys(QUEUE_LABELS) as Queue[])
                  .filter((q) => queues.includes(q) || q === queueFilter)
                  .map((q) => (
                    <option key={q} value={q}>
                      {QUEUE_LABELS[q]}
                    </option>
                  ))}
              </select>
            </div>
          </div>
        )}
        <div className="form-group">
          <div className="form-tit">
            <label htmlFor="filter-type">업무 종류</label>
          </div>
          <div className="form-conts">
            <select
              id="filter-type"
              className="krds-form-select"
              value={typeFilter ?? ''}
              onChange={(e) => setFilter('type', e.target.value)}
            >
              <option value="">전체</option>
              {types.map(([type, label]) => (
                <option key={type} value={type}>
                  {label}
                </option>
              ))}
            </select>
          </div>
        </div>
      </div>
      {tasks.isPending ? (
        <Loading label="업무를 불러오는 중입니다…" />
      ) : tasks.isError ? (
        <ErrorState error={tasks.error} onRetry={() => void tasks.refetch()} />
      ) : shown.length === 0 ? (
        <Empty title={rows.length === 0 ? '처리할 업무가 없습니다.' : '조건에 맞는 업무가 없습니다.'}>
          {rows.length === 0 && <p>새 업무가 배정되면 여기에 보이고 메일로도 알려 드립니다.</p>}
        </Empty>
      ) : (
        <div className="krds-table-wrap">
          <table className="tbl col data task-table">
            <caption>열린 업무 {shown.length}건 — 처리기한 순. 업무 이름을 누르면 사건의 해당 업무로 갑니다.</caption>
            <thead>
              <tr>
                <th scope="col">긴급도</th>
                <th scope="col">처리기한</th>
                <th scope="col">업무</th>
                <th scope="col">사건</th>
                <th scope="col">대기열</th>
              </tr>
            </thead>
            <tbody>
              {shown.map(({ task, urgency }) => (
                <tr key={task.taskId} data-urgency={urgency}>
                  <td>
                    <span className={`krds-badge ${URGENCY_BADGES[urgency]}`}>{URGENCY_LABELS[urgency]}</span>
                  </td>
                  <td>
                    {formatKoreanDateTime(task.dueAt)}
                    <span className="due-words"> ({dueInWords(task.dueAt)})</span>
                  </td>
                  <td>
                    <Link to={`/cases/${task.caseId}?task=${task.taskId}`} className="task-link">
                      {task.titleKo}
                    </Link>
                  </td>
                  <td>
                    <span className="case-number">{task.caseNumber}</span> {task.caseTitle}
                  </td>
                  <td>{queueLabel(task, session?.sub ?? '')}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
