/**
 * 위원회: the office's committees (members in their term, quorum rule and its article, cadence), a month
 * calendar of their meetings, and scheduling a meeting (secretary, head of office).
 */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { unwrap } from '../api/errors.ts';
import type { Committee, CommitteeKind, MeetingRecord } from '../api/types.ts';
import { hasRole, useApp } from '../auth/session.tsx';
import { Empty, ErrorState, Loading } from '../components/StateViews.tsx';
import { WriteError } from '../components/WriteError.tsx';
import { formatKoreanDate, koreaDateOf } from '../lib/format.ts';
import { useSubmissionKey } from '../lib/idempotent.ts';

const WEEKDAYS = ['일', '월', '화', '수', '목', '금', '토'];

export const QUORUM_LABELS: Record<'majority' | 'two-thirds', { attendance: string; decision: string }> = {
  majority: { attendance: '재적위원 과반수 출석', decision: '출석위원 과반수 찬성' },
  'two-thirds': { attendance: '재적위원 3분의 2 이상 출석', decision: '출석위원 3분의 2 이상 찬성' },
};

function membersInTerm(committee: Committee, today: string) {
  return committee.members.filter((m) => m.termStart <= today && today <= m.termEnd);
}

function monthBounds(month: string): { from: string; to: string; days: number; firstWeekday: number } {
  const [y, m] = month.split('-').map(Number) as [number, number];
  const days = new Date(Date.UTC(y, m, 0)).getUTCDate();
  return {
    from: `${month}-01`,
    to: `${month}-${String(days).padStart(2, '0')}`,
    days,
    firstWeekday: new Date(Date.UTC(y, m - 1, 1)).getUTCDay(),
  };
}

function shiftMonth(month: string, by: number): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  const d = new Date(Date.UTC(y, m - 1 + by, 1));
  return `${d.getUTCFullYear()}-${String(d.getUTCMonth() + 1).padStart(2, '0')}`;
}

function MeetingsCalendar({ committees, month }: { committees: Committee[]; month: string }) {
  const { api } = useApp();
  const [, setParams] = useSearchParams();
  const bounds = monthBounds(month);
  const meetings = useQuery({
    queryKey: ['meetings', month, committees.map((c) => c.kind).join(',')],
    queryFn: async () => {
      const lists = await Promise.all(
        committees.map(async (c) =>
          unwrap(
            await api.GET('/committees/{committee}/meetings', {
              params: { path: { committee: c.kind }, query: { from: bounds.from, to: bounds.to } },
            }),
          ).items.map((m) => ({ ...m, committeeName: c.nameKo })),
        ),
      );
      return lists.flat().sort((a, b) => a.scheduledAt.localeCompare(b.scheduledAt));
    },
  });
  const byDay = new Map<string, MeetingRecord[]>();
  for (const m of meetings.data ?? []) {
    const day = koreaDateOf(m.scheduledAt).date;
    byDay.set(day, [...(byDay.get(day) ?? []), m]);
  }
  const today = koreaDateOf(new Date()).date;
  const cells: (string | undefined)[] = [
    ...Array.from({ length: bounds.firstWeekday }, () => undefined),
    ...Array.from({ length: bounds.days }, (_, i) => `${month}-${String(i + 1).padStart(2, '0')}`),
  ];
  while (cells.length % 7) cells.push(undefined);
  const weeks = Array.from({ length: cells.length / 7 }, (_, w) => cells.slice(w * 7, w * 7 + 7));
  const [y, m] = month.split('-').map(Number);
  const go = (by: number) => setParams({ month: shiftMonth(month, by) }, { replace: true });

  return (
    <section aria-labelledby="calendar-title" className="case-section">
      <div className="sec-head">
        <h2 id="calendar-title" className="sec-tit">
          회의 일정 — {y}년 {m}월
        </h2>
        <div className="btn-wrap">
          <button type="button" className="krds-btn tertiary small" onClick={() => go(-1)}>
            이전 달
          </button>
          <button type="button" className="krds-btn tertiary small" onClick={() => go(1)}>
            다음 달
          </button>
        </div>
      </div>
      {meetings.isPending ? (
        <Loading label="회의 일정을 불러오는 중입니다…" />
      ) : meetings.isError ? (
        <ErrorState error={meetings.error} onRetry={() => void meetings.refetch()} />
      ) : (
        <>
          <table className="tbl col meeting-calendar">
            <caption>
              {y}년 {m}월 위원회 회의 {meetings.data.length}건. 회의를 누르면 안건·출석·의결 화면으로 갑니다.
            </caption>
            <thead>
              <tr>
                {WEEKDAYS.map((d) => (
                  <th key={d} scope="col">
                    {d}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {weeks.map((week) => (
                <tr key={week.find(Boolean)}>
                  {week.map((day, i) => (
                    <td
                      key={day ?? `blank-${i}`}
                      className={day === today ? 'today' : undefined}
                      aria-label={day ? formatKoreanDate(day) : undefined}
                    >
                      {day && <span className="day-number">{Number(day.slice(8))}</span>}
                      {day &&
                        byDay.get(day)?.map((meeting) => (
                          <Link
                            key={meeting.meetingId}
                            to={`/meetings/${meeting.meetingId}`}
                            className={`meeting-chip status-${meeting.status}`}
                          >
                            {koreaDateOf(meeting.scheduledAt).time} {meeting.committeeName}
                            <span className="sr-only"> ({meeting.statusLabel})</span>
                          </Link>
                        ))}
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
          {meetings.data.length === 0 && (
            <p className="empty-line">이 달에는 잡힌 회의가 없습니다. 아래에서 회의 일정을 등록할 수 있습니다.</p>
          )}
        </>
      )}
    </section>
  );
}

function ScheduleMeeting({ committees }: { committees: Committee[] }) {
  const { api } = useApp();
  const navigate = useNavigate();
  const submission = useSubmissionKey();
  const queryClient = useQueryClient();
  const [committee, setCommittee] = useState<CommitteeKind | ''>('');
  const [date, setDate] = useState('');
  const [time, setTime] = useState('14:00');
  const [place, setPlace] = useState('');
  const schedule = useMutation({
    mutationFn: async () =>
      unwrap(
        await api.POST('/committees/{committee}/meetings', {
          params: {
            path: { committee: committee as CommitteeKind },
            header: { 'Idempotency-Key': submission.key() },
          },
          body: { scheduledAt: `${date}T${time}:00+09:00`, ...(place.trim() && { place: place.trim() }) },
        }),
      ),
    onSuccess: (result) => {
      submission.done();
      // The calendar's cached month no longer holds every meeting.
      void queryClient.invalidateQueries({ queryKey: ['meetings'] });
      navigate(`/meetings/${result.meeting.meetingId}`);
    },
  });
  const changed =
    <T,>(set: (v: T) => void) =>
    (v: T) => {
      set(v);
      submission.done();
      if (schedule.isError) schedule.reset();
    };
  const submit = (event: FormEvent) => {
    event.preventDefault();
    schedule.mutate();
  };
  return (
    <section aria-labelledby="schedule-title" className="case-section">
      <h2 id="schedule-title" className="sec-tit">
        회의 일정 등록
      </h2>
      <form className="task-panel" onSubmit={submit} noValidate>
        <div className="filter-grid">
          <div className="form-group">
            <div className="form-tit">
              <label htmlFor="meeting-committee">위원회</label>
            </div>
            <div className="form-conts">
              <select
                id="meeting-committee"
                className="krds-form-select"
                value={committee}
                onChange={(e) => changed(setCommittee)(e.target.value as CommitteeKind)}
              >
                <option value="">선택</option>
                {committees.map((c) => (
                  <option key={c.kind} value={c.kind}>
                    {c.nameKo}
                  </option>
                ))}
              </select>
            </div>
          </div>
          <div className="form-group">
            <div className="form-tit">
              <label htmlFor="meeting-date">회의일</label>
            </div>
            <div className="form-conts">
              <input
                id="meeting-date"
                type="date"
                className="krds-input"
                value={date}
                onChange={(e) => changed(setDate)(e.target.value)}
              />
            </div>
          </div>
          <div className="form-group">
            <div className="form-tit">
              <label htmlFor="meeting-time">시각</label>
            </div>
            <div className="form-conts">
              <input
                id="meeting-time"
                type="time"
                className="krds-input"
                value={time}
                onChange={(e) => changed(setTime)(e.target.value)}
              />
            </div>
          </div>
          <div className="form-group">
            <div className="form-tit">
              <label htmlFor="meeting-place">장소</label>
            </div>
            <div className="form-conts">
              <input
                id="meeting-place"
                className="krds-input"
                value={place}
                onChange={(e) => changed(setPlace)(e.target.value)}
              />
            </div>
          </div>
        </div>
        <p className="form-hint">회의일은 근무일이어야 합니다. 시각은 한국 시간입니다.</p>
        <WriteError error={schedule.error} onReload={() => schedule.reset()} />
        <div className="btn-wrap">
          <button type="submit" className="krds-btn primary" disabled={!committee || !date || schedule.isPending}>
            {schedule.isPending ? '등록 중…' : '회의 등록'}
          </button>
        </div>
      </form>
    </section>
  );
}

export default function Committees() {
  const { api, session } = useApp();
  const [params] = useSearchParams();
  const today = koreaDateOf(new Date()).date;
  const month = /^\d{4}-\d{2}$/.test(params.get('month') ?? '') ? params.get('month')! : today.slice(0, 7);
  const committees = useQuery({
    queryKey: ['committees'],
    queryFn: async () => unwrap(await api.GET('/committees')).items,
  });
  const canSchedule = (c: Committee) => c.secretarySub === session?.sub || hasRole(session, ['head', 'admin']);
  // A committee member reads the meetings of the committees they sit on; office roles read them all.
  const canRead = (c: Committee) =>
    hasRole(session, ['head', 'admin', 'auditor', 'secretary']) ||
    c.secretarySub === session?.sub ||
    c.members.some((m) => m.staffSub === session?.sub);

  return (
    <section aria-labelledby="committees-title">
      <div className="page-title-wrap">
        <h1 id="committees-title" className="h-tit">
          위원회
        </h1>
        <p className="page-sub">감사담당관이 운영하는 위원회와 회의 일정입니다. 날짜는 한국 시간입니다.</p>
      </div>
      {committees.isPending ? (
        <Loading label="위원회를 불러오는 중입니다…" />
      ) : committees.isError ? (
        <ErrorState error={committees.error} onRetry={() => void committees.refetch()} />
      ) : committees.data.length === 0 ? (
        <Empty title="등록된 위원회가 없습니다.">
          <p>감사담당관이나 관리자가 위원회를 등록하면 여기에 보입니다.</p>
        </Empty>
      ) : (
        <>
          <MeetingsCalendar committees={committees.data.filter(canRead)} month={month} />
          {committees.data.some(canSchedule) && <ScheduleMeeting committees={committees.data.filter(canSchedule)} />}
          <section aria-labelledby="committee-list-title" className="case-section">
            <h2 id="committee-list-title" className="sec-tit">
              위원회 목록
            </h2>
            <div className="krds-table-wrap">
              <table className="tbl col data committee-table">
                <caption>위원회 {committees.data.length}곳 — 현재 임기 위원 수, 정족수, 개최 주기</caption>
                <thead>
                  <tr>
                    <th scope="col">위원회</th>
                    <th scope="col">위원 (위원장)</th>
                    <th scope="col">정족수</th>
                    <th scope="col">개최 주기</th>
                  </tr>
                </thead>
                <tbody>
                  {committees.data.map((c) => {
                    const members = membersInTerm(c, today);
                    const chair = members.find((m) => m.chair);
                    return (
                      <tr key={c.kind}>
                        <th scope="row">{c.nameKo}</th>
                        <td>
                          {members.length}명 (외부 {members.filter((m) => m.external).length}명)
                          {chair && ` — 위원장 ${chair.name}`}
                        </td>
                        <td>
                          {QUORUM_LABELS[c.quorum.attendance].attendance}·{QUORUM_LABELS[c.quorum.decision].decision}
                          <br />
                          <span className="form-hint">{c.quorum.article}</span>
                        </td>
                        <td>
                          {c.cadenceLabel}
                          <br />
                          <span className="form-hint">{c.cadence.basis}</span>
                        </td>
                      </tr>
                    );
                  })}
                </tbody>
              </table>
            </div>
          </section>
        </>
      )}
    </section>
  );
}
