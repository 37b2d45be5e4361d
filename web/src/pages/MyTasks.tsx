/**
 * 내 업무: the open tasks of the signed-in person and their role queues, soonest due first, with urgency;
 * for a team lead (and the head, any team) a second tab, 팀 업무: the team's open tasks and who holds each.
 */
import { useQuery } from '@tanstack/react-query';
import { useMemo } from 'react';
import { Link, useSearchParams } from 'react-router';
import { unwrap } from '../api/errors.ts';
import type { TaskView } from '../api/types.ts';
import { hasRole, ROLE_LABELS, useApp, type Role } from '../auth/session.tsx';
import { FilterSelect } from '../components/FilterSelect.tsx';
import { Empty, ErrorState, Loading } from '../components/StateViews.tsx';
import { daysUntil, formatKoreanDateTime, koreaDateOf, formatKoreanDate } from '../lib/format.ts';
import { URGENCY_BADGES, URGENCY_LABELS, urgencyOf, type Urgency } from '../lib/urgency.ts';

type Team = 'audit' | 'investigation' | 'complaints' | 'patrol';
const TEAM_LABELS: Record<Team, string> = {
  audit: '감사팀',
  investigation: '조사팀',
  complaints: '민원관리팀',
  patrol: '순찰팀',
};

export function queueLabel(task: TaskView, mySub: string): string {
  const assignee = task.assignee;
  if ('sub' in assignee) return assignee.sub === mySub ? '나에게 배정' : '다른 담당자';
  const role = ROLE_LABELS[assignee.role as Role] ?? assignee.role;
  const team = 'team' in assignee && assignee.team ? `${TEAM_LABELS[assignee.team as Team] ?? assignee.team} ` : '';
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

/** Who holds a task in the team view: the member's name, or the team's role queue it waits in. */
function holderLabel(task: TaskView, holders: Record<string, string>): string {
  if ('sub' in task.assignee) return holders[task.assignee.sub] ?? '다른 담당자';
  return queueLabel(task, '');
}
/** The 담당 filter's value of a task: its holder, or one value for every task still in a team queue. */
const holderOf = (task: TaskView) => ('sub' in task.assignee ? task.assignee.sub : 'queue');

export function MyTasks() {
  const { api, session } = useApp();
  const [params, setParams] = useSearchParams();
  const mayViewTeam = hasRole(session, ['team-lead', 'head']);
  const teamView = mayViewTeam && params.get('view') === 'team';
  const isHead = hasRole(session, ['head']);
  const askedTeam = params.get('team') as Team | null;
  const urgencyFilter = params.get('urgency') as Urgency | null;
  const typeFilter = params.get('type');
  const queueFilter = params.get('queue') as Queue | null;
  const holderFilter = params.get('holder');
  const mine = useQuery({
    queryKey: ['my-tasks'],
    queryFn: async () => unwrap(await api.GET('/me/tasks', { params: { query: { limit: 100 } } })),
    refetchInterval: 60_000,
    enabled: !teamView,
  });
  // The head belongs to no team and picks one; a lead's own team is the default the API gives.
  const teamChosen = !isHead || askedTeam !== null;
  const team = useQuery({
    queryKey: ['team-tasks', askedTeam],
    queryFn: async () =>
      unwrap(
        await api.GET('/me/tasks', {
          params: { query: { scope: 'team', limit: 100, ...(askedTeam !== null && { team: askedTeam }) } },
        }),
      ),
    refetchInterval: 60_000,
    enabled: teamView && teamChosen,
  });
  const tasks = teamView ? team : mine;
  const holders = useMemo(() => team.data?.holders ?? {}, [team.data]);
  const rows = useMemo(() => {
    const now = new Date();
    return (tasks.data?.items ?? [])
      .map((task) => ({ task, urgency: urgencyOf(task, now) }))
      .sort((a, b) => Date.parse(a.task.dueAt) - Date.parse(b.task.dueAt));
  }, [tasks.data]);
  const types = useMemo(() => [...new Map(rows.map(({ task }) => [task.type, task.titleKo])).entries()], [rows]);
  const mySub = session?.sub ?? '';
  const queues = useMemo(() => [...new Set(rows.map(({ task }) => queueOf(task, mySub)))], [rows, mySub]);
  const holderOptions = useMemo(() => {
    const options = new Map<string, string>();
    for (const { task } of rows)
      options.set(holderOf(task), 'sub' in task.assignee ? holderLabel(task, holders) : '팀 대기열 (미배정)');
    return [...options.entries()].sort((a, b) => a[1].localeCompare(b[1], 'ko'));
  }, [rows, holders]);
  const shown = rows.filter(
    ({ task, urgency }) =>
      (!urgencyFilter || urgency === urgencyFilter) &&
      (!typeFilter || task.type === typeFilter) &&
      (teamView
        ? !holderFilter || holderOf(task) === holderFilter
        : !queueFilter || queueOf(task, mySub) === queueFilter),
  );
  const approvals = teamView ? 0 : rows.filter(({ task }) => queueOf(task, mySub) === 'approval').length;
  const counts: Partial<Record<Urgency, number>> = {};
  for (const { urgency } of rows) counts[urgency] = (counts[urgency] ?? 0) + 1;
  const setFilter = (name: string, value: string) => {
    const next = new URLSearchParams(params);
    if (value) next.set(name, value);
    else next.delete(name);
    setParams(next, { replace: true });
  };
  const teamName = team.data?.team ? TEAM_LABELS[team.data.team] : askedTeam ? TEAM_LABELS[askedTeam] : undefined;

  return (
    <section aria-labelledby="my-tasks-title">
      <div className="page-title-wrap">
        <h1 id="my-tasks-title" className="h-tit">
          내 업무
        </h1>
        <p className="page-sub">
          오늘은 {formatKoreanDate(koreaDateOf(new Date()).date)}입니다.{' '}
          {teamView
            ? `${teamName ?? '팀'}의 열린 업무와 담당자입니다. 처리기한이 가까운 업무부터 보입니다.`
            : '처리기한이 가까운 업무부터 보입니다.'}
        </p>
      </div>
      {mayViewTeam && (
        <nav className="krds-tab-area task-scope" aria-label="업무 범위">
          <div className="tab line">
            <ul>
              <li className={teamView ? undefined : 'active'}>
                <Link to="/" className="btn-tab" aria-current={teamView ? undefined : 'page'}>
                  내 업무
                </Link>
              </li>
              <li className={teamView ? 'active' : undefined}>
                <Link
                  to={`/?view=team${askedTeam ? `&team=${askedTeam}` : ''}`}
                  className="btn-tab"
                  aria-current={teamView ? 'page' : undefined}
                >
                  팀 업무
                </Link>
              </li>
            </ul>
          </div>
        </nav>
      )}
      {(!teamView || teamChosen) && (
        <ul className="urgency-summary" aria-label="긴급도별 업무 수">
          {(['overdue', 'today', 'p75', 'p50'] as const).map((u) => (
            <li key={u}>
              <span className={`krds-badge ${URGENCY_BADGES[u]}`}>{URGENCY_LABELS[u]}</span> {counts[u] ?? 0}건
            </li>
          ))}
        </ul>
      )}
      {approvals > 0 && queueFilter !== 'approval' && (
        <p className="approval-note">
          결재를 기다리는 업무가 {approvals}건 있습니다.{' '}
          <Link to="/?queue=approval" className="approval-link">
            결재 대기만 보기
          </Link>
        </p>
      )}
      <div className="filter-bar">
        {teamView && isHead && (
          <FilterSelect
            id="filter-team"
            label="팀"
            value={askedTeam}
            options={Object.entries(TEAM_LABELS)}
            onChange={(value) => setFilter('team', value)}
          />
        )}
        <FilterSelect
          id="filter-urgency"
          label="긴급도"
          value={urgencyFilter}
          options={Object.entries(URGENCY_LABELS)}
          onChange={(value) => setFilter('urgency', value)}
        />
        {teamView ? (
          <FilterSelect
            id="filter-holder"
            label="담당"
            value={holderFilter}
            options={holderOptions}
            onChange={(value) => setFilter('holder', value)}
          />
        ) : (
          (queues.length > 1 || queueFilter) && (
            <FilterSelect
              id="filter-queue"
              label="대기열"
              value={queueFilter}
              options={(Object.entries(QUEUE_LABELS) as [Queue, string][]).filter(
                ([q]) => queues.includes(q) || q === queueFilter,
              )}
              onChange={(value) => setFilter('queue', value)}
            />
          )
        )}
        <FilterSelect
          id="filter-type"
          label="업무 종류"
          value={typeFilter}
          options={types}
          onChange={(value) => setFilter('type', value)}
        />
      </div>
      {teamView && !teamChosen ? (
        <Empty title="팀을 고르면 그 팀의 열린 업무와 담당자가 보입니다." />
      ) : tasks.isPending ? (
        <Loading label="업무를 불러오는 중입니다…" />
      ) : tasks.isError ? (
        <ErrorState error={tasks.error} onRetry={() => void tasks.refetch()} />
      ) : shown.length === 0 ? (
        <Empty
          title={
            rows.length === 0
              ? teamView
                ? '팀에 열린 업무가 없습니다.'
                : '처리할 업무가 없습니다.'
              : '조건에 맞는 업무가 없습니다.'
          }
        >
          {rows.length === 0 && !teamView && <p>새 업무가 배정되면 여기에 보이고 메일로도 알려 드립니다.</p>}
        </Empty>
      ) : (
        <div className="krds-table-wrap">
          <table className="tbl col data task-table">
            <caption>
              {teamView ? `${teamName ?? '팀'} 열린 업무` : '열린 업무'} {shown.length}건 — 처리기한 순. 업무 이름을
              누르면 사건의 해당 업무로 갑니다.
            </caption>
            <thead>
              <tr>
                <th scope="col">긴급도</th>
                <th scope="col">처리기한</th>
                <th scope="col">업무</th>
                <th scope="col">사건</th>
                <th scope="col">{teamView ? '담당' : '대기열'}</th>
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
                  <td>{teamView ? holderLabel(task, holders) : queueLabel(task, mySub)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
